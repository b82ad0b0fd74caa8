import type { Authentication, Endpoint, SecondHop, Severity, Transport } from '../../core/model.ts';

// Display names for the engine's public vocabulary (the ids themselves stay in links and JSON).
export const AUTHENTICATION_LABEL: Record<Authentication, string> = {
  kerberos: 'Kerberos',
  'negotiate-https': 'Negotiate (NTLM) over HTTPS with a verified server certificate',
  certificate: 'Client certificate mapped to a local account, over HTTPS',
  'ntlm-trustedhosts': 'NTLM with a TrustedHosts entry (last resort)',
  ssh: 'SSH with keys (PowerShell 7)',
};

export const TRANSPORT_LABEL: Record<Transport, string> = {
  http: 'HTTP (WinRM, port 5985), encrypted by the authentication protocol',
  https: 'HTTPS (WinRM, port 5986), TLS',
  ssh: 'SSH (port 22)',
};

export const SECOND_HOP_LABEL: Record<SecondHop, string> = {
  none: 'None needed',
  rbkcd: 'Resource-based Kerberos constrained delegation',
  kcd: 'Kerberos constrained delegation',
  credssp: 'CredSSP to this one trusted server',
  'explicit-credentials': 'Explicit least-privilege credentials with $Using:',
  'jea-gmsa': 'JEA endpoint running as a group managed service account',
  'runas-endpoint': 'RunAs endpoint',
};

export const ENDPOINT_LABEL: Record<Endpoint, string> = {
  default: 'Default endpoint (administrators)',
  jea: 'Just Enough Administration (JEA) endpoint',
};

export const SEVERITY_LABEL: Record<Severity, string> = { high: 'High', medium: 'Medium', info: 'Note' };

export const SCRIPT_LABEL = {
  target: { title: 'Target server script', file: 'target.ps1' },
  client: { title: 'Client script', file: 'client.ps1' },
  resource: { title: 'Second computer script', file: 'resource.ps1' },
  rollback: { title: 'Rollback script', file: 'rollback.ps1' },
} as const;

/** Where the rollback runs (the run order lists only the other scripts). */
export const ROLLBACK_WHERE = 'each computer where you ran one of the other scripts';
