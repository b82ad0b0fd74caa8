/** When to use the fleet outputs (fleet.ts): text only, without their renderers. */
import type { FleetOutputs } from './model';

/**
 * When to use the fleet files instead of running the scripts one server at a time, in the order
 * an administrator decides: Group Policy for domain servers, then Ansible.
 */
export function fleetUsage(rec: Partial<FleetOutputs>): string[] {
  const out: string[] = [];
  const gpo = rec.groupPolicy;
  if (gpo) {
    const byScript = gpo.rows.filter((row) => row.gpo === 'none').map((row) => row.setting);
    out.push(
      `Many domain servers: gpo.ps1 puts the server settings into one GPO (${gpo.gpoName} until you rename it) linked to their OU, so every server in it gets them and keeps them.` +
        (byScript.length
          ? ` No policy can set ${byScript.length === 1 ? 'one of them' : `${byScript.length} of them`} (${byScript.join('; ')}): run target.ps1 on each server for those, once or as a startup script.`
          : ' target.ps1 is then not needed on those servers.'),
    );
    if (gpo.rows.some((row) => row.gpo === 'admin-workstations')) {
      out.push('The computers administrators connect from take the client settings from client.ps1, or from a second GPO linked to their OU (the Group Policy settings table lists its policies).');
    }
  }
  if (rec.ansible) {
    out.push('Servers managed with Ansible: playbook.yml applies the same configuration. Put your hosts and admin addresses in inventory.yml, run it with --check first, then without.');
  }
  return out;
}
