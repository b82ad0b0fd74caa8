import { useId, type CSSProperties } from 'react';

type Auth = 'kerberos' | 'negotiate-https' | 'certificate' | 'ntlm-trustedhosts' | 'ssh';
type SecondHop = 'none' | 'rbkcd' | 'kcd' | 'credssp' | 'explicit-credentials' | 'jea-gmsa' | 'runas-endpoint';

interface Leg {
  label: string;
  risk: 'safe' | 'caution' | 'danger';
}

// What crosses the wire on each leg, per the second-hop and authentication pages.
const FIRST_LEG: Record<Auth, Leg> = {
  kerberos: { label: 'Kerberos service ticket (no reusable credential)', risk: 'safe' },
  'negotiate-https': { label: 'NTLM response inside TLS (server verified by certificate)', risk: 'caution' },
  certificate: { label: 'Client-certificate proof inside TLS (no password sent)', risk: 'safe' },
  'ntlm-trustedhosts': { label: 'NTLM response; server identity not verified', risk: 'danger' },
  ssh: { label: 'SSH key signature (server verified by host key)', risk: 'safe' },
};

const SECOND_HOP: Record<Exclude<SecondHop, 'none'>, { first?: Leg; second: Leg; summary: string }> = {
  rbkcd: {
    second: { label: "Delegated service ticket, only for the resource's services", risk: 'safe' },
    summary: 'The first server asks the domain controller for a ticket to the resource on your behalf; the resource allowed this itself. No password reaches the first server.',
  },
  kcd: {
    second: { label: 'Delegated service ticket, only for the SPNs listed on the first server', risk: 'safe' },
    summary: 'The first server obtains tickets for the listed services on your behalf. No password reaches it.',
  },
  credssp: {
    first: { label: 'Your full credentials, encrypted, cached on the first server', risk: 'danger' },
    second: { label: 'Kerberos ticket obtained with your cached password', risk: 'caution' },
    summary: 'CredSSP hands your user name and password to the first server, which keeps them while the session lasts. Acceptable only when that server is as trusted as the resource.',
  },
  'explicit-credentials': {
    first: { label: 'Kerberos or TLS-protected logon, plus a separate credential object you pass in', risk: 'caution' },
    second: { label: 'Authentication as the least-privilege account you passed', risk: 'caution' },
    summary: 'You hand a separate, least-privilege credential to the command; it exists on the first server only while the command runs.',
  },
  'jea-gmsa': {
    second: { label: "The group managed service account's own Kerberos ticket", risk: 'safe' },
    summary: "Your credentials never leave your computer; the JEA session reaches the resource as a shared gMSA, so the transcript is what ties actions to you.",
  },
  'runas-endpoint': {
    second: { label: 'The stored RunAs account', risk: 'caution' },
    summary: 'Everyone using the endpoint reaches the resource as one stored account.',
  },
};

/** Labels (up to three lines of 13 px), then the boxes (52 high) and a small margin. */
const VIEW_HEIGHT = 140;

const RISK_WORD = { safe: 'low risk', caution: 'take care', danger: 'high risk' } as const;

/** Client, first server and resource, and what travels on each leg. */
export function CredentialFlowDiagram({ authentication, secondHop }: { authentication: Auth; secondHop: SecondHop }) {
  const id = useId();
  const hop = secondHop === 'none' ? undefined : SECOND_HOP[secondHop];
  const first = hop?.first ?? FIRST_LEG[authentication];
  const legs: Leg[] = hop ? [first, hop.second] : [first];
  const nodes = hop ? ['Your computer', 'First server', 'Resource'] : ['Your computer', 'Server'];
  const width = hop ? 760 : 520;
  const boxW = 150;
  const gap = (width - boxW * nodes.length) / (nodes.length - 1);
  const x = (i: number) => i * (boxW + gap);
  // Labels above (at most three lines), the boxes and arrows below them, no empty band in between.
  const boxY = 70;
  const description = hop
    ? `${nodes[0]} to ${nodes[1]}: ${legs[0]!.label} (${RISK_WORD[legs[0]!.risk]}). ${nodes[1]} to ${nodes[2]}: ${legs[1]!.label} (${RISK_WORD[legs[1]!.risk]}). ${hop.summary}`
    : `${nodes[0]} to ${nodes[1]}: ${legs[0]!.label} (${RISK_WORD[legs[0]!.risk]}). No second hop is needed, so nothing is delegated.`;

  return (
    <figure className="flow">
      {/* On a phone the labels above the arrows give way to the list below; the CSS crops the svg to
          its bottom (the boxes) with --flow-width, and "slice" keeps the drawing's scale. */}
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${width} ${VIEW_HEIGHT}`}
        preserveAspectRatio="xMidYMax slice"
        className="flow-svg"
        style={{ '--flow-width': width } as CSSProperties}
      >
        <title id={`${id}-t`}>Credential flow{hop ? ` for ${secondHop}` : ''}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <defs>
          <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0L10 5L0 10z" fill="currentColor" />
          </marker>
        </defs>
        {nodes.map((n, i) => (
          <g key={n}>
            <rect x={x(i) + 1} y={boxY} width={boxW - 2} height={52} rx={8} className="flow-node" />
            <text x={x(i) + boxW / 2} y={boxY + 31} textAnchor="middle" className="flow-node-text">
              {n}
            </text>
          </g>
        ))}
        {legs.map((leg, i) => {
          const x1 = x(i) + boxW + 4;
          const x2 = x(i + 1) - 6;
          return (
            <g key={leg.label} className={`flow-leg flow-${leg.risk}`}>
              <line x1={x1} y1={boxY + 26} x2={x2} y2={boxY + 26} strokeWidth={3} stroke="currentColor" markerEnd={`url(#${id}-arrow)`} />
              <foreignObject x={x(i) + 20} y={2} width={boxW + gap - 40 + boxW / 2} height={boxY - 6}>
                <p className="flow-label">
                  <strong>{RISK_WORD[leg.risk]}:</strong> {leg.label}
                </p>
              </foreignObject>
            </g>
          );
        })}
      </svg>
      <ol className="flow-legs">
        {legs.map((leg, i) => (
          <li key={leg.label} className={`flow-${leg.risk}`}>
            <span className="flow-leg-ends">
              {nodes[i]} → {nodes[i + 1]}
            </span>{' '}
            <strong>{RISK_WORD[leg.risk]}:</strong> <span className="flow-leg-text">{leg.label}</span>
          </li>
        ))}
      </ol>
      <figcaption>{hop ? hop.summary : 'No second hop: nothing is delegated beyond the server you connect to.'}</figcaption>
    </figure>
  );
}
