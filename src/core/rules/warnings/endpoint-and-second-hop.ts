/** The JEA endpoint, and the second-hop method chosen. */
import { JEA } from '../constants';
import type { WarningRule } from '../item-table';
import { allOf, not, onJeaEndpoint, secondHopIs } from '../plan-conditions';

export const ENDPOINT_AND_SECOND_HOP_WARNINGS: readonly WarningRule[] = [
  {
    id: 'jea-role-review',
    when: onJeaEndpoint,
    severity: 'medium',
    message: (plan) =>
      `JEA only constrains users who are not administrators: members of $JeaGroup must not also be local administrators. ${
        plan.jeaCommands
          ? `The role shows the commands you listed (${plan.jeaCommands.join(', ')}) with every parameter: restrict the parameters of any that can reach other computers or run code, and never expose wildcards, the FileSystem provider, *-Job or Start-Process.`
          : `The example role (${JEA.visibleCmdlets.join(', ')}) is a start: list the commands the help desk needs in the field for the role's commands, and never expose wildcards such as *-Process, the FileSystem provider, *-Job or Start-Process.`
      } Check the result with Get-PSSessionCapability.`,
    topic: 'jea-and-runas-endpoints',
    sources: ['JEASEC', 'JEAAUD'],
  },
  {
    id: 'jea-virtual-account-on-dc',
    when: allOf(onJeaEndpoint, not(secondHopIs('jea-gmsa'))),
    severity: 'info',
    message:
      'The JEA virtual account is a local administrator, and on a domain controller a member of Domain Admins. On a domain controller, limit it with -RunAsVirtualAccountGroups.',
    topic: 'jea-and-runas-endpoints',
    sources: ['JEASEC', 'JEACFG'],
  },
  {
    id: 'explicit-credentials-exposure',
    when: secondHopIs('explicit-credentials'),
    severity: 'medium',
    message:
      'The credential you pass is present on the server while the command runs, so a compromised server can capture it. Use an account that may only do this task on the second computer, never an administrator of the domain.',
    topic: 'explicit-credentials',
    sources: ['HOP', 'SECFEAT'],
  },
  {
    id: 'explicit-credentials-jea-function',
    when: allOf(secondHopIs('explicit-credentials'), onJeaEndpoint),
    severity: 'medium',
    message:
      "On a JEA endpoint users cannot write script blocks with $Using:, so the role would have to expose a function that takes a credential parameter and does the one task on the second computer with it. Write that function narrowly: it runs with the endpoint's privileges.",
    topic: 'jea-and-runas-endpoints',
    sources: ['JEASEC', 'HOP'],
  },
  {
    id: 'gmsa-shared-identity',
    when: secondHopIs('jea-gmsa'),
    severity: 'medium',
    message:
      'Every JEA user acts on the second computer as the same gMSA, so grant it only what the role needs there and rely on the JEA transcripts to see who did what. The gMSA must exist and this server must be allowed to retrieve its password (New-ADServiceAccount -PrincipalsAllowedToRetrieveManagedPassword).',
    topic: 'jea-and-runas-endpoints',
    sources: ['JEASEC', 'JEACFG'],
  },
  {
    id: 'rbkcd-scope',
    when: secondHopIs('rbkcd'),
    severity: 'info',
    message:
      "Delegation reaches the second computer's services (SMB, SQL and so on), not a further PowerShell remoting session. The KDC caches failures for 15 minutes, so the resource script purges the server's system tickets (klist purge -li 0x3e7).",
    topic: 'resource-based-constrained-delegation',
    sources: ['HOP'],
  },
  {
    id: 'credssp-full-credentials',
    when: secondHopIs('credssp'),
    severity: 'high',
    message:
      'CredSSP gives the server your full, reusable credentials, and it caches them: whoever controls the server controls your account. This is only acceptable because the server is tier 0. Disable it when the task is done (the rollback script does).',
    topic: 'credssp',
    sources: ['HOP', 'CREDSSPDOC', 'CSSP'],
  },
];
