import type { Severity } from '../../core/model.ts';

// Display names for the engine's public vocabulary (the ids themselves stay in links and JSON);
// the core owns them so that model text and labels agree (src/core/display-names.ts).
export {
  AUTHENTICATION_NAME as AUTHENTICATION_LABEL,
  ENDPOINT_NAME as ENDPOINT_LABEL,
  SECOND_HOP_NAME as SECOND_HOP_LABEL,
  TRANSPORT_NAME as TRANSPORT_LABEL,
} from '../../core/display-names.ts';

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
