/**
 * The names users read for the engine's vocabulary. The ids (rbkcd, ntlm-trustedhosts, ...) stay
 * in links, the JSON export and the scripts' summary line; visible text uses these names.
 */
import type { Alternative, AlternativeKind, Authentication, DecisionId, Endpoint, Rationale, SecondHop, Transport } from './model';

export const AUTHENTICATION_NAME: Record<Authentication, string> = {
  kerberos: 'Kerberos',
  'negotiate-https': 'Negotiate (NTLM) over HTTPS with a verified server certificate',
  certificate: 'Client certificate mapped to a local account, over HTTPS',
  'ntlm-trustedhosts': 'NTLM with a TrustedHosts entry (last resort)',
  ssh: 'SSH with keys (PowerShell 7)',
};

export const TRANSPORT_NAME: Record<Transport, string> = {
  http: 'HTTP (WinRM, port 5985), encrypted by the authentication protocol',
  https: 'HTTPS (WinRM, port 5986), TLS',
  ssh: 'SSH (port 22)',
};

export const SECOND_HOP_NAME: Record<SecondHop, string> = {
  none: 'None needed',
  rbkcd: 'Resource-based Kerberos constrained delegation',
  kcd: 'Kerberos constrained delegation',
  credssp: 'CredSSP to this one trusted server',
  'explicit-credentials': 'Explicit least-privilege credentials with $Using:',
  'jea-gmsa': 'JEA endpoint running as a group managed service account',
  'runas-endpoint': 'RunAs endpoint',
};

export const ENDPOINT_NAME: Record<Endpoint, string> = {
  default: 'Default endpoint (administrators)',
  jea: 'Just Enough Administration (JEA) endpoint',
};

const CERTIFICATE_SOURCE_NAME: Record<string, string> = {
  'enterprise-ca': 'Certificate from your enterprise CA',
  'self-signed': 'Self-signed certificate, trusted on each client',
};

export const DECISION_NAME: Record<DecisionId, string> = {
  authentication: 'Authentication',
  transport: 'Transport',
  endpoint: 'Endpoint',
  secondHop: 'Second hop',
  firewall: 'Firewall',
  certificate: 'Certificate',
  trustedHosts: 'TrustedHosts',
};

export const ALTERNATIVE_KIND_NAME: Record<AlternativeKind, string> = {
  authentication: 'authentication',
  transport: 'transport',
  endpoint: 'endpoint',
  secondHop: 'second hop',
  certificate: 'certificate',
};

const lookup = <K extends string>(names: Record<K, string>, value: string): string | undefined => (Object.hasOwn(names, value) ? names[value as K] : undefined);

/** The value of a rationale entry as users read it (firewall and TrustedHosts values are already text). */
export function rationaleValueName(r: Pick<Rationale, 'decision' | 'value'>): string {
  const names: Partial<Record<DecisionId, Record<string, string>>> = {
    authentication: AUTHENTICATION_NAME,
    transport: TRANSPORT_NAME,
    endpoint: ENDPOINT_NAME,
    secondHop: SECOND_HOP_NAME,
    certificate: CERTIFICATE_SOURCE_NAME,
  };
  const table = names[r.decision];
  return (table && lookup(table, r.value)) ?? r.value;
}

/** Options of the alternatives table whose row names them by id. */
const OPTION_NAME: Record<string, string> = {
  'kerberos (connect by name)': 'Kerberos (connect by name)',
  https: 'HTTPS with TLS and channel binding',
  http: 'HTTP with Kerberos message encryption',
  'negotiate-https (with a self-signed certificate)': 'Negotiate (NTLM) over HTTPS with a self-signed certificate',
  basic: 'Basic authentication',
  jea: ENDPOINT_NAME.jea,
  'jea (WinRM with a JEA endpoint, for Windows servers)': 'WinRM with a JEA endpoint (for Windows servers)',
  'unconstrained delegation': 'Unconstrained delegation',
};

/** An alternative's option as users read it. */
export function alternativeName(a: Pick<Alternative, 'kind' | 'option'>): string {
  const byKind: Partial<Record<AlternativeKind, Record<string, string>>> = {
    authentication: AUTHENTICATION_NAME,
    secondHop: SECOND_HOP_NAME,
    certificate: CERTIFICATE_SOURCE_NAME,
    endpoint: ENDPOINT_NAME,
  };
  const table = byKind[a.kind];
  const name = lookup(OPTION_NAME, a.option) ?? (table && lookup(table, a.option)) ?? a.option;
  return name.charAt(0).toUpperCase() + name.slice(1);
}
