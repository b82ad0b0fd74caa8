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
  gpo: { title: 'Group Policy script', file: 'gpo.ps1' },
  'gpo-rollback': { title: 'Group Policy rollback script', file: 'gpo-rollback.ps1' },
  playbook: { title: 'Ansible playbook', file: 'playbook.yml' },
  inventory: { title: 'Ansible inventory example', file: 'inventory.yml' },
} as const;

/** Where the fleet files run (the run order covers the single-server scripts). */
export const FLEET_WHERE = {
  gpo: 'a management computer with the GroupPolicy module, for every domain server in the OU',
  'gpo-rollback': 'the same computer, to undo gpo.ps1',
  playbook: 'your Ansible control node, for every server in the inventory',
  inventory: 'your Ansible control node (edit the hosts and variables)',
} as const;

/** Where the rollback runs (the run order lists only the other scripts). */
export const ROLLBACK_WHERE = 'each computer where you ran one of the other scripts';
