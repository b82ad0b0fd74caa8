/** Certificate source and endpoint options not chosen. */
import type { AlternativeRule } from '../item-table';
import { allOf, answered, authenticationIs, certificateSourceIs, not, onJeaEndpoint, onWinRM } from '../plan-conditions';

export const CERTIFICATE_ALTERNATIVES: readonly AlternativeRule[] = [
  {
    id: 'enterprise-ca-instead-of-self-signed',
    when: certificateSourceIs('self-signed'),
    kind: 'certificate',
    option: 'enterprise-ca',
    whyNot:
      'A CA the clients already trust scales better (no import on each client, renewal by autoenrollment), but you answered that you have none.',
    topic: 'https-listeners-and-certificates',
    sources: ['WSEC', 'ANS'],
  },
  {
    id: 'self-signed-instead-of-enterprise-ca',
    when: allOf(certificateSourceIs('enterprise-ca'), not(authenticationIs('kerberos'))),
    kind: 'certificate',
    option: 'self-signed',
    whyNot: 'Works, but every client must import it into LocalMachine\\Root and you must renew it yourself; your CA avoids both.',
    topic: 'https-listeners-and-certificates',
    sources: ['SSC', 'NPSO'],
  },
];

// Over SSH the endpoint is never JEA, so at most one of these rows applies.
export const ENDPOINT_ALTERNATIVES: readonly AlternativeRule[] = [
  {
    id: 'default-endpoint-instead-of-jea',
    when: onJeaEndpoint,
    kind: 'endpoint',
    option: 'default endpoint with Remote Management Users',
    whyNot: 'Gives delegated users a full PowerShell session with all their own rights; JEA limits them to the commands of their role.',
    topic: 'jea-and-runas-endpoints',
    sources: ['JEASEC', 'TRB', 'RPSC'],
  },
  {
    id: 'jea-on-the-windows-servers',
    when: allOf(authenticationIs('ssh'), answered('who', 'delegated')),
    kind: 'endpoint',
    option: 'jea (WinRM with a JEA endpoint, for Windows servers)',
    whyNot:
      'Would limit delegated users to their tasks, but JEA needs WinRM, which is not supported to or from Linux. For the Windows servers among yours, consider WinRM with JEA.',
    topic: 'jea-and-runas-endpoints',
    sources: ['SSH', 'JEASEC', 'WSMANPS'],
  },
  {
    id: 'jea-for-administrators',
    when: allOf(onWinRM, not(onJeaEndpoint)),
    kind: 'endpoint',
    option: 'jea',
    whyNot:
      'Designed for people who are not administrators. Administrators can still use JEA for routine tasks to reduce standing privilege.',
    topic: 'jea-and-runas-endpoints',
    sources: ['JEASEC'],
  },
];
