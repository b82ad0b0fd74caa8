import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ALTERNATIVE_KIND_NAME, DECISION_NAME, alternativeName, rationaleValueName } from '../../core/display-names.ts';
import type { Severity } from '../../core/model.ts';
import type { ScriptModel as Recommendation } from '../../core/powershell/common.ts';
import { topicBySlug, topicPath } from '../topics/catalog.ts';
import { Cite, SourceLinks } from './References.tsx';
import { AUTHENTICATION_LABEL, ENDPOINT_LABEL, SECOND_HOP_LABEL, SEVERITY_LABEL, TRANSPORT_LABEL } from './labels.ts';

export function Headline({ rec }: { rec: Recommendation }) {
  const cert = rec.certificate;
  const identity =
    rec.authentication === 'kerberos' && !cert
      ? 'Server proven by Kerberos (mutual authentication)'
      : rec.authentication === 'ssh'
        ? 'Server proven by its SSH host key'
        : cert
          ? `Server certificate for ${cert.subject} (${cert.source === 'enterprise-ca' ? 'enterprise CA' : 'self-signed, trusted on each client'})`
          : 'Server identity not verified';
  const items: [string, string][] = [
    ['Authentication', AUTHENTICATION_LABEL[rec.authentication]],
    ['Transport', TRANSPORT_LABEL[rec.transport]],
    ['Server identity', identity],
    ['TrustedHosts entries', rec.trustedHosts.length ? rec.trustedHosts.join(', ') : 'None (leave TrustedHosts alone)'],
    ['Second hop', SECOND_HOP_LABEL[rec.secondHop]],
    ['Endpoint', ENDPOINT_LABEL[rec.endpoint]],
    [
      'Firewall',
      `Port ${rec.firewall.port} on ${rec.firewall.profiles.join(', ')} profiles, only from ${rec.firewall.remoteAddress.variable} (${
        rec.firewall.remoteAddress.isExample ? `your admin subnet, example ${rec.firewall.remoteAddress.example}` : rec.firewall.remoteAddress.values.join(', ')
      })`,
    ],
  ];
  return (
    <section aria-labelledby="headline-title" className="headline">
      <h2 id="headline-title">The configuration</h2>
      <dl className="headline-grid">
        {items.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function Rationale({ rec }: { rec: Recommendation }) {
  return (
    <section aria-labelledby="why-title">
      <h2 id="why-title">Why</h2>
      <ul className="reasons">
        {rec.rationale.map((r) => (
          <li key={r.decision}>
            <strong>{DECISION_NAME[r.decision]}:</strong> {rationaleValueName(r)}. {r.because}{' '}
            <span className="cite">
              <SourceLinks keys={r.sources} />
            </span>{' '}
            <Link to={topicPath(r.topic)}>Read about {topicTitle(r.topic)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

const topicTitle = (topic: string) => topicBySlug.get(topic)?.title ?? topic;

/** A link to a topic page that says which one in its visible text (no "More" links of unknown purpose). */
function MoreLink({ topic }: { topic: string }) {
  return <Link to={topicPath(topic)}>More about {topicTitle(topic)}</Link>;
}

const ORDER: Severity[] = ['high', 'medium', 'info'];

export function Warnings({ rec }: { rec: Recommendation }) {
  if (rec.warnings.length === 0) return null;
  const sorted = [...rec.warnings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  // On paper the notes follow the one-page summary (PrintNotes): with notes only, no empty heading.
  const notesOnly = sorted.every((w) => w.severity === 'info');
  return (
    <section aria-labelledby="warnings-title" className={notesOnly ? 'print-hide' : undefined}>
      <h2 id="warnings-title">Warnings</h2>
      <ul className="warnings">
        {sorted.map((w) => (
          <li key={w.id} className={`warning sev-${w.severity}`}>
            <span className="badge">{SEVERITY_LABEL[w.severity]}</span> {w.message} <MoreLink topic={w.topic} /> <Cite rec={rec} keys={w.sources} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The warnings' notes for the printed change request, on the page after the summary. */
export function PrintNotes({ rec }: { rec: Recommendation }) {
  const notes = rec.warnings.filter((w) => w.severity === 'info');
  if (notes.length === 0) return null;
  return (
    <section aria-labelledby="print-notes-title" className="print-only print-notes">
      <h2 id="print-notes-title">Notes on the warnings</h2>
      <ul className="warnings">
        {notes.map((w) => (
          <li key={w.id} className="warning sev-info">
            <span className="badge">{SEVERITY_LABEL.info}</span> {w.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Impacts({ rec }: { rec: Recommendation }) {
  return (
    <section aria-labelledby="impacts-title" className="impacts">
      <h2 id="impacts-title">Before you apply: what this may break</h2>
      {rec.impacts.length === 0 ? (
        <p>Nothing that we know of: these changes keep existing clients working.</p>
      ) : (
        <ul>
          {rec.impacts.map((i) => (
            <li key={i.id}>
              {i.message} <MoreLink topic={i.topic} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Alternatives({ rec }: { rec: Recommendation }) {
  return (
    <section aria-labelledby="alt-title" className="alternatives-section">
      <h2 id="alt-title">Alternatives considered</h2>
      <ul className="alternatives">
        {rec.alternatives.map((a) => (
          <li key={`${a.kind}-${a.option}`}>
            <strong>{alternativeName(a)}</strong> <span className="muted">({ALTERNATIVE_KIND_NAME[a.kind]})</span>: {a.whyNot} <MoreLink topic={a.topic} /> <Cite rec={rec} keys={a.sources} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A registry or WSMan: path may break after each backslash (<wbr>, which a copied path does not
 * contain), rather than letter by letter where its column is narrow.
 */
function breakAfterBackslashes(path: string): ReactNode {
  const parts = path.split('\\');
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          {'\\'}
          <wbr />
        </>
      )}
    </Fragment>
  ));
}

export function SettingsTable({ rec }: { rec: Recommendation }) {
  return (
    <section aria-labelledby="settings-title" className="settings">
      <h2 id="settings-title">Settings</h2>
      {/* Under 600 px each row is a card, labelled from data-label (styles.css), and nothing scrolls. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Settings table">
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">Applied by</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rec.settings.map((s) => (
              <tr key={s.id}>
                <td data-label="Setting">
                  <code>{breakAfterBackslashes(s.name)}</code>
                </td>
                <td data-label="Value">
                  <code>{s.value}</code>
                </td>
                <td data-label="Applied by">{s.appliedBy === 'recommended' ? 'You (Group Policy)' : `${s.appliedBy} script`}</td>
                <td data-label="Why">
                  {s.because} <MoreLink topic={s.topic} /> <Cite rec={rec} keys={s.sources} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
