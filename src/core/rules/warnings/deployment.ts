/** What running the scripts runs into: network profiles, example values, Group Policy. */
import { EXAMPLE_ADMIN_SUBNET } from '../constants';
import type { WarningRule } from '../item-table';
import type { Plan } from '../plan';
import { adminSources } from '../admin-sources';
import { allOf, answered, not, onWinRM } from '../plan-conditions';

function exampleValuesToEdit(plan: Plan): string[] {
  return [
    ...(plan.firewall.remoteAddress.isExample
      ? [`$AdminSubnet (example ${EXAMPLE_ADMIN_SUBNET}) to ${adminSources(plan)}`]
      : []),
    ...(plan.target.isExample ? ['$Target to your server'] : []),
    ...(plan.resource?.isExample ? ['$Resource to the second computer'] : []),
  ];
}

export const DEPLOYMENT_WARNINGS: readonly WarningRule[] = [
  {
    id: 'network-profile-check',
    when: allOf(onWinRM, not(answered('network', 'public'))),
    severity: 'info',
    message:
      "The firewall rule covers the Domain and Private profiles. The target script stops before changing anything if one of the server's network connections is on the Public profile (Get-NetConnectionProfile), because disabling the built-in rules would then cut remoting over it: make that network Private if you trust it, or answer that the server is reachable from untrusted networks.",
    topic: 'firewall-and-network-profiles',
    sources: ['REQ', 'FWISS'],
  },
  {
    id: 'public-network',
    when: answered('network', 'public'),
    severity: 'high',
    message:
      'The server is reachable from networks you do not control. The firewall rule also covers the Public profile but admits only $AdminSubnet: never widen it to Any. Prefer reaching the server through a VPN or a jump host.',
    topic: 'firewall-and-network-profiles',
    sources: ['WSEC', 'REQ', 'FWISS'],
  },
  {
    id: 'edit-example-values',
    when: (plan) => exampleValuesToEdit(plan).length > 0,
    severity: 'info',
    message: (plan) => `The scripts stop until you replace their example values: set ${exampleValuesToEdit(plan).join(', and ')}.`,
    topic: 'firewall-and-network-profiles',
    sources: ['WSEC', 'REQ'],
  },
  {
    id: 'stig-deny-network-logon',
    // The STIG rule is for domain-joined member servers (domain controllers and standalone systems deny only Guests).
    when: allOf(answered('platform', 'windows'), (plan) => plan.answers.domain === 'same' || plan.answers.domain === 'untrusted'),
    severity: 'info',
    message:
      'A remoting logon is a network logon. On member servers hardened to the DISA STIG (WN22-MS-000080), "Deny access to this computer from the network" includes Enterprise Admins, Domain Admins and local accounts, and a deny wins over every allow: those accounts cannot connect at all. Administer such servers with a domain group of server administrators (member of the local Administrators group, not of Domain Admins), or through a JEA endpoint.',
    topic: 'remoting-basics',
    sources: ['STIG'],
  },
  {
    id: 'group-policy-wins',
    when: onWinRM,
    severity: 'info',
    message:
      'Settings managed by Group Policy win over local changes. The scripts stop when a setting they must change is controlled by policy; change the policy instead. Firewall rules pushed by Group Policy are not touched either.',
    topic: 'hardening-checklist',
    sources: ['CSP', 'TRB'],
  },
];
