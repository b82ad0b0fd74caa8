/** Host names that contradict the answers. */
import type { PlanCondition, WarningRule } from '../item-table';
import { allOf, answered, not, secondHopIs } from '../plan-conditions';

const targetGiven: PlanCondition = (plan) => !plan.target.isExample;
const targetIsName: PlanCondition = (plan) => plan.target.kind === 'dns';
const resourceGiven: PlanCondition = (plan) => plan.resource !== undefined && !plan.resource.isExample;
const resourceIsName: PlanCondition = (plan) => plan.resource?.kind === 'dns';
const resourceIsTarget: PlanCondition = (plan) => plan.resource?.value.toLowerCase() === plan.target.value.toLowerCase();

export const HOST_NAME_WARNINGS: readonly WarningRule[] = [
  {
    id: 'target-is-ip-but-answer-is-name',
    when: allOf(targetGiven, answered('address', 'name'), not(targetIsName)),
    severity: 'high',
    message:
      'You answered that you connect by name, but the target you entered is an IP address. Kerberos is not used with IP addresses, so this configuration would fail (or fall back to NTLM). Enter the server\'s DNS name, or change the answer to "By IP address".',
    topic: 'kerberos',
    sources: ['WSEC', 'TRB'],
  },
  {
    id: 'target-is-name-but-answer-is-ip',
    when: allOf(targetGiven, answered('address', 'ip'), targetIsName),
    severity: 'medium',
    message:
      'You answered that you connect by IP address, but the target you entered is a name. In the same domain, connecting by name lets Kerberos authenticate the server without certificates: consider answering "By name".',
    topic: 'kerberos',
    sources: ['WSEC', 'W32AUTH'],
  },
  {
    id: 'resource-equals-target',
    when: allOf(resourceGiven, resourceIsTarget),
    severity: 'medium',
    message: 'The second computer is the same as the target. A second hop is only needed for a different computer; check the host names.',
    topic: 'second-hop',
    sources: ['HOP'],
  },
  {
    id: 'resource-is-ip',
    when: allOf(resourceGiven, secondHopIs('rbkcd', 'credssp'), not(resourceIsName)),
    severity: 'high',
    message:
      'The second computer is given as an IP address. Kerberos delegation only works when the server reaches the second computer by name; by IP address the second hop falls back to NTLM and fails. Enter its DNS name.',
    topic: 'second-hop',
    sources: ['HOP', 'WSEC'],
  },
];
