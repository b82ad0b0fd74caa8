/** The JEA endpoint on the target and the delegation on the second computer. */
import { JEA } from '../constants';
import type { SettingRule } from '../item-table';
import type { Plan } from '../plan';
import { onJeaEndpoint, secondHopIs } from '../plan-conditions';

function jeaRunAsIdentity(plan: Plan): string {
  return plan.secondHop === 'jea-gmsa'
    ? `group managed service account ($JeaGmsa, example ${JEA.exampleGmsa})`
    : 'virtual account (-RunAsVirtualAccount)';
}

export const ENDPOINT_AND_SECOND_HOP_SETTINGS: readonly SettingRule[] = [
  {
    id: 'jea-endpoint',
    when: onJeaEndpoint,
    scope: 'service',
    name: `Session configuration ${JEA.endpointName}`,
    value: (plan) =>
      `RestrictedRemoteServer, runs as a ${jeaRunAsIdentity(plan)}, role ${JEA.roleName} for $JeaGroup, transcripts in ${JEA.transcriptDirectory}; the session configuration file is written to %ProgramData%\\${JEA.privateFolder} (SYSTEM and Administrators only)`,
    appliedBy: 'target',
    because:
      "Delegated users only see the commands and parameters of their role (the example allows Get-Service with its Name and DisplayName parameters only, since Windows PowerShell's -ComputerName would reach other computers, and restarting the Print Spooler); every session is transcribed and logged with the connecting user (WinRM event 193).",
    sources: ['JEACFG', 'JEASEC', 'JEAAUD', 'JEAPRE'],
    topic: 'jea-and-runas-endpoints',
  },
  {
    id: 'resource-rbkcd',
    when: secondHopIs('rbkcd'),
    scope: 'policy',
    name: 'Resource computer AD object: PrincipalsAllowedToDelegateToAccount (msDS-AllowedToActOnBehalfOfOtherIdentity)',
    value: 'existing entries + the target computer account',
    appliedBy: 'resource',
    because:
      "Lets the target delegate users to the resource's services only. The resource script keeps existing entries, and the rollback removes only the target (principals added since are kept).",
    sources: ['HOP'],
    topic: 'resource-based-constrained-delegation',
  },
];
