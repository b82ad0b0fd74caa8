import type { RunStep } from '../model';
import type { Plan } from './plan';

/** The order in which the scripts are run. */
export function buildRunOrder(plan: Plan): RunStep[] {
  const server = `the server (${plan.target.value})`;
  const client = 'each computer you administer from';
  if (plan.authentication === 'certificate') {
    const steps: RunStep[] = [
      { script: 'client', where: client, purpose: 'creates the client certificate and exports it for the server' },
      { script: 'target', where: server, purpose: 'configures HTTPS, maps the client certificate and hardens WinRM' },
    ];
    if (plan.certificate?.source === 'self-signed') {
      steps.push({ script: 'client', where: client, purpose: "run again: trusts the server's certificate and tests the connection" });
    } else {
      steps.push({ script: 'client', where: client, purpose: 'run again: tests the connection' });
    }
    return steps;
  }
  const steps: RunStep[] = [{ script: 'target', where: server, purpose: plan.isWinRM ? 'configures and hardens WinRM on the server' : 'configures sshd on the server' }];
  if (plan.secondHop === 'rbkcd') {
    steps.push({
      script: 'resource',
      where: 'an admin workstation with the ActiveDirectory module',
      purpose: `allows the server to delegate to ${plan.resource?.value ?? 'the second computer'}`,
    });
  }
  steps.push({ script: 'client', where: client, purpose: plan.isWinRM ? 'hardens the WinRM client and tests the connection' : 'creates your SSH key and tests the connection' });
  return steps;
}
