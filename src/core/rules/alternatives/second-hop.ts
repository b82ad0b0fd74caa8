/** Second-hop options not chosen (only when there is a second hop). */
import type { SecondHop } from '../../model';
import type { AlternativeRule, PlanCondition } from '../item-table';
import type { Plan } from '../plan';
import { allOf, answered, authenticationIs, hasSecondHop, not, onJeaEndpoint, onSsh, onWinRM, secondHopIs } from '../plan-conditions';

/** Why an option does not fit: the first reason that holds, in order. */
type Reason = readonly [holds: PlanCondition, text: string];

const firstReason =
  (reasons: readonly Reason[], otherwise: string) =>
  (plan: Plan): string =>
    reasons.find(([holds]) => holds(plan))?.[1] ?? otherwise;

const notChosen = (option: SecondHop) => allOf(hasSecondHop, not(secondHopIs(option)));

const withoutKerberos = not(authenticationIs('kerberos'));
const protectedAccounts = answered('protected', 'yes');
const remotingHop = answered('hop', 'remoting');

const KERBEROS_DELEGATION_REASONS: readonly Reason[] = [
  [withoutKerberos, 'Needs Kerberos from the client to the server, which this connection does not use.'],
  [protectedAccounts, 'Accounts in Protected Users or marked sensitive cannot be delegated.'],
];

export const SECOND_HOP_ALTERNATIVES: readonly AlternativeRule[] = [
  {
    id: 'rbkcd',
    when: notChosen('rbkcd'),
    kind: 'secondHop',
    option: 'rbkcd',
    whyNot: firstReason(
      [
        ...KERBEROS_DELEGATION_REASONS,
        [
          remotingHop,
          'Does not support a further PowerShell remoting (WinRM) hop from the server; it only covers services such as SMB or SQL.',
        ],
        [answered('adcontrol', 'no'), "Needs a change to the second computer's AD object, which you cannot make."],
        [
          allOf(answered('who', 'delegated'), onWinRM),
          "Would delegate each delegated user's own identity; the JEA endpoint with a gMSA gives the session one controlled identity instead.",
        ],
      ],
      'Not needed here.',
    ),
    topic: 'resource-based-constrained-delegation',
    sources: ['HOP'],
  },
  {
    id: 'kcd',
    when: hasSecondHop,
    kind: 'secondHop',
    option: 'kcd',
    whyNot: firstReason(
      [...KERBEROS_DELEGATION_REASONS, [remotingHop, 'Like RBKCD it does not support a further WinRM hop from the server.']],
      "Classic constrained delegation is set on the server's AD object, needs Domain Admin rights and works within one domain only; resource-based delegation does the same job without those limits.",
    ),
    topic: 'kerberos-constrained-delegation',
    sources: ['HOP'],
  },
  {
    id: 'credssp',
    when: notChosen('credssp'),
    kind: 'secondHop',
    option: 'credssp',
    whyNot: firstReason(
      [
        [authenticationIs('ssh'), 'Not available over SSH remoting.'],
        [
          withoutKerberos,
          'Without Kerberos, CredSSP needs extra configuration (a service certificate, or AllowFreshCredentialsWhenNTLMOnly, which delegates to a server that is not authenticated), and it hands your full, reusable credentials to the server. The guide only uses it for a tier-0 server reached with Kerberos.',
        ],
        [protectedAccounts, 'Fails for Protected Users, and hands full credentials to the server.'],
        [
          not(answered('trust', 'tier0')),
          'Hands your full, reusable credentials to the server, which caches them: only acceptable for a server as trusted as the second computer (tier 0).',
        ],
        [secondHopIs('rbkcd'), 'RBKCD reaches the same services without handing your full credentials to the server.'],
        [secondHopIs('jea-gmsa'), "Would hand every delegated user's full credentials to the server."],
      ],
      'Hands your full, reusable credentials to the server.',
    ),
    topic: 'credssp',
    sources: ['HOP', 'CREDSSPDOC', 'CSSP'],
  },
  {
    id: 'explicit-credentials',
    when: notChosen('explicit-credentials'),
    kind: 'secondHop',
    option: 'explicit-credentials',
    whyNot: (plan) =>
      'Always works: pass a least-privilege credential for the second computer with $Using:. Not chosen because you must supply that credential every time and it is present on the server while the command runs' +
      (onJeaEndpoint(plan) ? ', and JEA users cannot write $Using: script blocks.' : '.'),
    topic: 'explicit-credentials',
    sources: ['HOP', 'SECFEAT'],
  },
  {
    id: 'jea-gmsa',
    when: notChosen('jea-gmsa'),
    kind: 'secondHop',
    option: 'jea-gmsa',
    whyNot: firstReason(
      [
        [onSsh, 'JEA needs WinRM; SSH remoting has no endpoint configurations.'],
        [not(answered('domain', 'same')), 'A gMSA needs the server to be domain-joined in the same forest as the second computer.'],
        [
          answered('who', 'admins'),
          'Meant for delegated users: all of them share the gMSA identity. Administrators act with their own identity.',
        ],
      ],
      'Not needed here.',
    ),
    topic: 'jea-and-runas-endpoints',
    sources: ['JEASEC', 'JEACFG'],
  },
  {
    id: 'runas-endpoint',
    when: hasSecondHop,
    kind: 'secondHop',
    option: 'runas-endpoint',
    whyNot:
      'A RunAs endpoint (Register-PSSessionConfiguration -RunAsCredential) stores an account password on the server, makes every user act as that account, and conflicts with the DisableRunAs baseline setting (STIG/CIS). RunAsCredential is also not JEA-aware.',
    topic: 'jea-and-runas-endpoints',
    sources: ['HOP', 'RPSC', 'CSP', 'STIG', 'JEASEC'],
  },
  {
    id: 'unconstrained-delegation',
    when: hasSecondHop,
    kind: 'secondHop',
    option: 'unconstrained delegation',
    whyNot:
      'Trusting the server for delegation to any service (TrustedForDelegation) lets whoever controls it reuse the tickets of everyone who connects, against any service: less secure than CredSSP, for testing only. It does not support a WinRM second hop either.',
    topic: 'unconstrained-delegation',
    sources: ['HOP', 'PSWSM'],
  },
  {
    id: 'computer-account-access',
    when: hasSecondHop,
    kind: 'secondHop',
    option: "grant the server's computer account access on the second computer",
    whyNot:
      'An ordinary remoting session on the server has no network identity (its access is anonymous). The computer account is used by SYSTEM services and JEA virtual accounts, so granting it access gives the resource to everything running on the server.',
    topic: 'computer-account-access',
    sources: ['JEASEC', 'HOP'],
  },
];
