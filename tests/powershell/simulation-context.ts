/**
 * The world a simulated run happens in: for one answer set and one kind of host name, the
 * recommendation rendered with real host names, the simulated computers (server, admin client,
 * and the domain-joined admin workstation that runs the resource script), and the values a user
 * types into the "Edit these values" block of each script.
 */
import { recommend } from '../../src/core/recommend';
import { EXAMPLE_VALUES, JEA } from '../../src/core/rules/constants';
import type { Answers, Recommendation } from '../../src/core/model';
import { answersKey } from '../../src/core/testing/answers';

export type HostVariant = 'dns' | 'ipv4' | 'ipv6';
export type ScriptRole = 'target' | 'client' | 'resource';
export type SimHostName = 'server' | 'client' | 'dc';

export const HOST_OF: Record<ScriptRole, SimHostName> = { target: 'server', client: 'client', resource: 'dc' };

/** Parameters of New-SimState (tests/powershell/sim/lib/state.ps1). */
export interface HostSpec {
  Role: 'server' | 'client' | 'dc';
  ComputerName: string;
  DnsDomain: string;
  Addresses: string[];
  NetworkCategory?: 'DomainAuthenticated' | 'Private' | 'Public';
  LocalUsers?: { Name: string; Administrator?: boolean }[];
  LocalGroups?: { Name: string; Members: string[] }[];
  DomainPrincipals?: { Name: string; Class: string }[];
  Certificates?: { Store: string; Subject: string; Dns?: string[]; Ips?: string[]; Upns?: string[]; Eku?: string[]; Issuer?: 'CA' | 'self' }[];
  EnterpriseCa?: { Mode: 'Issue' | 'Pending' };
  AdComputers?: { Name: string; DNSHostName: string; PrincipalsAllowed?: string[] }[];
  GroupPolicy?: Record<string, string | number>;
  Variants?: string[];
}

export interface PathContext {
  key: string;
  variant: HostVariant;
  /** "answers key [variant]": the name of the test group. */
  title: string;
  answers: Answers;
  rec: Recommendation;
  /** Rendered without host names: the example values a user who edits nothing runs with. */
  recExample: Recommendation;
  target: string;
  resource?: string;
  /** Where the admin connects from (inside $AdminSubnet). */
  adminAddress: string;
  adminSubnet: string;
  /** The target's domain (NetBIOS name) for JEA groups; '' in a workgroup. */
  targetDomain: string;
  windowsTarget: boolean;
}

const DOMAINS = {
  same: { dns: 'corp.example.org', nb: 'CORP' },
  untrusted: { dns: 'partner.example.net', nb: 'PARTNER' },
  workgroup: { dns: '', nb: '' },
} as const;

const SERVER_IPV4 = '10.0.10.5';
const SERVER_IPV6 = '2001:db8:10::5';

export function hostVariants(a: Answers): HostVariant[] {
  return a.address === 'ip' ? ['ipv4', 'ipv6'] : ['dns'];
}

function targetName(a: Answers, variant: HostVariant): string {
  if (variant === 'ipv4') return SERVER_IPV4;
  if (variant === 'ipv6') return SERVER_IPV6;
  const d = DOMAINS[a.domain ?? 'same'];
  return d.dns ? `app01.${d.dns}` : 'app01.lab.example.com';
}

/** What a context adds to the host names: the commands of the JEA role, named in the title. */
export interface ContextExtras {
  jeaCommands?: string;
  label?: string;
}

export function makeContext(answers: Answers, variant: HostVariant, extras: ContextExtras = {}): PathContext {
  const target = targetName(answers, variant);
  const domain = DOMAINS[answers.domain ?? 'same'];
  const resource = domain.dns ? `files01.${domain.dns}` : 'files01.lab.example.com';
  const rec = recommend(answers, { target, resource, ...(extras.jeaCommands ? { jeaCommands: extras.jeaCommands } : {}) });
  const recExample = recommend(answers);
  const key = answersKey(answers);
  return {
    key,
    variant,
    title: `${key} [${variant}${extras.label ? `, ${extras.label}` : ''}]`,
    answers,
    rec,
    recExample,
    target,
    resource: rec.hosts.resource ? resource : undefined,
    adminAddress: variant === 'ipv6' ? '2001:db8:50::20' : '10.0.50.20',
    adminSubnet: variant === 'ipv6' ? '2001:db8:50::/64' : '10.0.50.0/24',
    targetDomain: domain.nb,
    windowsTarget: true,
  };
}

// ---------------------------------------------------------------------------------------------
// The simulated computers

function jeaGroup(ctx: PathContext): string {
  return ctx.targetDomain ? `${ctx.targetDomain}\\RemotingOps` : 'RemotingOps';
}

function jeaGmsa(ctx: PathContext): string {
  return `${ctx.targetDomain || 'CORP'}\\gmsaJea`;
}

function mappedUser(ctx: PathContext): string | undefined {
  return ctx.rec.certificate?.clientCertificate?.mappedLocalAccount;
}

export function serverSpec(ctx: PathContext): HostSpec {
  const { rec, answers } = ctx;
  const domain = DOMAINS[answers.domain ?? 'same'];
  const spec: HostSpec = {
    Role: 'server',
    ComputerName: 'APP01',
    DnsDomain: domain.dns,
    Addresses: ctx.variant === 'ipv6' ? [SERVER_IPV4, SERVER_IPV6] : [SERVER_IPV4],
    LocalUsers: [],
    LocalGroups: [],
    DomainPrincipals: [],
    Certificates: [],
  };
  const mapped = mappedUser(ctx);
  if (mapped) spec.LocalUsers!.push({ Name: mapped });
  if (rec.endpoint === 'jea') {
    if (ctx.targetDomain) spec.DomainPrincipals!.push({ Name: jeaGroup(ctx), Class: 'group' });
    else spec.LocalGroups!.push({ Name: jeaGroup(ctx), Members: mapped ? [mapped] : [] });
  }
  if (rec.secondHop === 'jea-gmsa') spec.DomainPrincipals!.push({ Name: `${jeaGmsa(ctx)}$`, Class: 'msDS-GroupManagedServiceAccount' });
  if (rec.transport === 'ssh') spec.LocalGroups!.push({ Name: 'OpenSSH Users', Members: ['$CurrentUser'] });
  const cert = rec.certificate;
  if (cert?.source === 'enterprise-ca') {
    spec.EnterpriseCa = { Mode: 'Issue' };
    // Without a template the script expects the certificate installed beforehand (its pre-flight says so).
    if (!cert.template) {
      const isAddress = ctx.variant !== 'dns';
      spec.Certificates!.push({
        Store: 'LocalMachine\\My',
        Subject: `CN=${ctx.target}`,
        Dns: isAddress ? [] : [ctx.target],
        Ips: isAddress ? [ctx.target] : [],
        Eku: ['1.3.6.1.5.5.7.3.1'],
        Issuer: 'CA',
      });
    }
  }
  return spec;
}

export function clientSpec(ctx: PathContext): HostSpec {
  const sameOrUntrusted = ctx.answers.domain !== 'workgroup';
  const spec: HostSpec = {
    Role: 'client',
    ComputerName: 'ADMIN01',
    DnsDomain: sameOrUntrusted ? DOMAINS.same.dns : '',
    Addresses: [ctx.adminAddress],
  };
  const cert = ctx.rec.certificate;
  if (cert?.source === 'enterprise-ca') {
    spec.EnterpriseCa = { Mode: 'Issue' };
    // A workgroup client cannot enroll with Get-Certificate (no enrollment policy server without
    // -Url): the scripts ask the user to enroll the client certificate from the CA beforehand.
    const mapped = mappedUser(ctx);
    if (mapped && ctx.answers.domain === 'workgroup') {
      spec.Certificates = [{ Store: 'CurrentUser\\My', Subject: `CN=${mapped}`, Upns: [`${mapped}@localhost`], Eku: ['1.3.6.1.5.5.7.3.2'], Issuer: 'CA' }];
    }
  }
  return spec;
}

/** The domain-joined admin workstation with the ActiveDirectory module (resource script). */
export function dcSpec(): HostSpec {
  const domain = DOMAINS.same.dns;
  return {
    Role: 'dc',
    ComputerName: 'ADMIN02',
    DnsDomain: domain,
    Addresses: ['10.0.50.21'],
    AdComputers: [
      { Name: 'APP01', DNSHostName: `app01.${domain}` },
      { Name: 'FILES01', DNSHostName: `files01.${domain}` },
      { Name: 'OTHER01', DNSHostName: `other01.${domain}` },
      { Name: 'WEB02', DNSHostName: `web02.${domain}` },
    ],
  };
}

export function hostSpecs(ctx: PathContext): Partial<Record<SimHostName, HostSpec>> {
  const specs: Partial<Record<SimHostName, HostSpec>> = { server: serverSpec(ctx), client: clientSpec(ctx) };
  if (ctx.rec.scripts.resource) specs.dc = dcSpec();
  return specs;
}

// ---------------------------------------------------------------------------------------------
// The "Edit these values" block

export interface EditableVariable {
  name: string;
  /** The PowerShell code after "=" as rendered. */
  code: string;
}

const EDIT_BLOCK = /# -+ Edit these values -+\n([\s\S]*?)\n\s*\n/;

export function editableVariables(script: string): EditableVariable[] {
  const block = EDIT_BLOCK.exec(script);
  if (!block?.[1]) return [];
  const vars: EditableVariable[] = [];
  for (const line of block[1].split('\n')) {
    const m = /^\$(\w+) = (.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) vars.push({ name: m[1], code: m[2] });
  }
  return vars;
}

/** The literal value of a simple single-quoted assignment ('x'), or undefined. */
export function literalOf(code: string): string | undefined {
  const m = /^'((?:[^']|'')*)'$/.exec(code.trim());
  return m?.[1] !== undefined ? m[1].replace(/''/g, "'") : undefined;
}

export function isExampleCode(code: string): boolean {
  const found = code.match(/'((?:[^']|'')*)'/g) ?? [];
  return found.some((q) => EXAMPLE_VALUES.includes(q.slice(1, -1).replace(/''/g, "'")));
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** What a user types for each variable; undefined = leave the rendered value. */
export function userValue(ctx: PathContext, name: string): string | undefined {
  switch (name) {
    case 'Target':
      return q(ctx.target);
    case 'Resource':
      return ctx.resource ? q(ctx.resource) : undefined;
    case 'AdminSubnet':
      return q(ctx.adminSubnet);
    case 'JeaGroup':
      return q(jeaGroup(ctx));
    case 'JeaGmsa':
      return q(jeaGmsa(ctx));
    default:
      return undefined;
  }
}

/** Variables whose value is a thumbprint printed by another script: filled at run time from the copied file. */
export const THUMBPRINT_FILES: Record<string, string> = {
  ClientCertificateThumbprint: 'ClientCertificateFile',
  ServerCertificateThumbprint: 'ServerCertificateFile',
};

/** The certificate file each "...File" variable names, and which script exports it. */
export const EXPORTED_FILES: Record<string, { from: ScriptRole; leaf: string }> = {
  ClientCertificateFile: { from: 'client', leaf: 'PSRemotingGuide-client.cer' },
  ServerCertificateFile: { from: 'target', leaf: 'PSRemotingGuide-server.cer' },
};

export interface FilledScript {
  text: string;
  thumbprints: { variable: string; file: string }[];
  copies: { variable: string; from: ScriptRole; leaf: string; toPath: string }[];
  /** Variables still holding an example value that this test does not know how to fill. */
  unfilled: string[];
}

/**
 * Fills the edit block as a user would. `keep` names variables left as rendered without host
 * names (the example-values scenarios); `override` replaces values outright.
 */
export function fillScript(ctx: PathContext, role: ScriptRole, options: { keep?: string; override?: Record<string, string> } = {}): FilledScript {
  const rendered = ctx.rec.scripts[role];
  if (!rendered) throw new Error(`no ${role} script`);
  const example = ctx.recExample.scripts[role] ?? '';
  const exampleVars = new Map(editableVariables(example).map((v) => [v.name, v.code]));
  let text = rendered;
  const out: FilledScript = { text, thumbprints: [], copies: [], unfilled: [] };
  for (const v of editableVariables(rendered)) {
    let value: string | undefined;
    if (options.override && v.name in options.override) value = options.override[v.name];
    else if (options.keep === v.name) value = exampleVars.get(v.name) ?? v.code;
    else value = userValue(ctx, v.name);
    if (value !== undefined) text = replaceAssignment(text, v.name, value);
    const effective = value ?? v.code;
    if (v.name in THUMBPRINT_FILES && options.keep !== v.name) {
      const fileVar = editableVariables(rendered).find((x) => x.name === THUMBPRINT_FILES[v.name]);
      const file = fileVar ? literalOf(fileVar.code) : undefined;
      if (file) out.thumbprints.push({ variable: v.name, file });
      continue;
    }
    const exported = EXPORTED_FILES[v.name];
    if (exported) {
      const path = literalOf(effective);
      if (path) out.copies.push({ variable: v.name, ...exported, toPath: path });
    }
    if (value === undefined && isExampleCode(effective)) out.unfilled.push(v.name);
  }
  out.text = text;
  return out;
}

function replaceAssignment(text: string, name: string, code: string): string {
  const rx = new RegExp(`^\\$${name} = .*$`, 'm');
  return text.replace(rx, () => `$${name} = ${code}`);
}

export const JEA_ENDPOINT = JEA.endpointName;
export const JEA_TRANSCRIPTS = JEA.transcriptDirectory;
export { jeaGroup, jeaGmsa, mappedUser };
