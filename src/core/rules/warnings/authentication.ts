/** What the chosen authentication means: NTLM without Kerberos, the Kerberos SPN, and SSH. */
import type { WarningRule } from '../item-table';
import { allOf, answered, authenticationIs } from '../plan-conditions';

export const WITHOUT_KERBEROS_WARNINGS: readonly WarningRule[] = [
  {
    id: 'connect-by-name',
    when: answered('address', 'ip'),
    severity: (plan) => (plan.authentication === 'ntlm-trustedhosts' ? 'high' : 'medium'),
    message:
      'You connect by IP address, so Kerberos is not used. If the server has a DNS name in the same domain (or a trusted forest), connecting by that name is better: Kerberos authenticates the server and encrypts the traffic without certificates or TrustedHosts.',
    topic: 'kerberos',
    sources: ['WSEC', 'TRB', 'W32AUTH'],
  },
  {
    id: 'ntlm-no-server-authentication',
    when: authenticationIs('ntlm-trustedhosts'),
    severity: 'high',
    // A workgroup server has no domain: whoever answers on its address can pose as it.
    message: (plan) =>
      `NTLM does not authenticate the server. Whoever can answer on that address${plan.answers.domain === 'workgroup' ? '' : ', or controls any domain computer account,'} can pose as the server and receive your authentication. TrustedHosts only silences the client's error; it is not a statement of trust.`,
    topic: 'trustedhosts',
    sources: ['WSEC', 'W32CFG', 'TRB'],
  },
  {
    id: 'ntlm-rc4-over-http',
    when: authenticationIs('ntlm-trustedhosts'),
    severity: 'high',
    message:
      'Over HTTP, NTLM protects the messages with RC4 and a 128-bit key, which is weak; captured NTLM exchanges of weak passwords can be cracked. A certificate (even self-signed) would allow HTTPS instead.',
    topic: 'encryption-in-transport',
    sources: ['WSEC', 'PSWSM'],
  },
  {
    id: 'ntlm-deprecated-over-http',
    warningId: 'ntlm-deprecated',
    when: authenticationIs('ntlm-trustedhosts'),
    severity: 'high',
    message:
      'NTLM is deprecated (June 2024); NTLMv1 is gone from Windows 11 24H2 and Windows Server 2025, and network NTLM is to be disabled by default in a future Windows release. This configuration will stop working then; plan to move to names and Kerberos, or certificates.',
    topic: 'ntlm',
    sources: ['NTLMDEP', 'NTLMBLOG'],
  },
  {
    id: 'ntlm-deprecated-inside-tls',
    warningId: 'ntlm-deprecated',
    when: authenticationIs('negotiate-https'),
    severity: 'medium',
    message:
      'Without Kerberos, Negotiate uses NTLM inside the TLS channel. NTLM is deprecated and network NTLM is to be disabled by default in a future Windows release (Microsoft plans IAKerb and a local KDC to cover these cases); watch the NTLM Operational log and plan for it.',
    topic: 'ntlm',
    sources: ['NTLMDEP', 'NTLMBLOG'],
  },
  {
    id: 'ntlm-v2-only',
    when: authenticationIs('negotiate-https', 'ntlm-trustedhosts'),
    severity: 'info',
    message:
      'Only NTLMv2 should be accepted: the STIG (WN22-SO-000310, CAT I) sets the LAN Manager authentication level to "Send NTLMv2 response only. Refuse LM & NTLM" (LmCompatibilityLevel 5), together with minimum NTLM session security (NTLMv2 session security and 128-bit encryption) for clients and servers. This configuration works under those settings; the clients you connect from need them too. Security event 4624 shows the package and LM version of each NTLM logon.',
    topic: 'ntlm',
    sources: ['STIG', 'NTLMDEP'],
  },
  {
    id: 'credential-required',
    when: authenticationIs('negotiate-https', 'ntlm-trustedhosts'),
    severity: 'info',
    message: (plan) =>
      plan.answers.domain === 'untrusted'
        ? "Every connection needs -Credential with an account of the target's domain (for example FABRIKAM\\admin), even for commands you would run as yourself."
        : 'Every connection needs -Credential, even when you connect as the current user: without Kerberos there is no ticket to reuse.',
    topic: 'ntlm',
    sources: ['WSEC', 'TRB'],
  },
];

export const KERBEROS_AND_SSH_WARNINGS: readonly WarningRule[] = [
  {
    id: 'kerberos-spn',
    when: authenticationIs('kerberos'),
    severity: 'info',
    message:
      'If connecting by name fails with a Kerberos error, the HTTP service principal name may belong to another account (for example an IIS application pool). Register a port-specific SPN and use New-PSSessionOption -IncludePortInSPN.',
    topic: 'kerberos',
    sources: ['NPSO'],
  },
  {
    id: 'ssh-no-jea',
    when: allOf(authenticationIs('ssh'), answered('who', 'delegated')),
    severity: 'high',
    message:
      'SSH remoting has no JEA and no endpoint configurations: delegated users get a full PowerShell session with all of their own rights. Where the servers are Windows, WinRM with a JEA endpoint would limit them to their tasks (see the alternatives).',
    topic: 'ssh-remoting',
    sources: ['SSH', 'JEASEC'],
  },
  {
    id: 'ssh-disable-passwords',
    when: authenticationIs('ssh'),
    severity: 'medium',
    message:
      'Password logons stay allowed until you have confirmed that key logon works. Then set $DisablePasswordAuthentication = $true in the target script and run it again.',
    topic: 'ssh-remoting',
    sources: ['OSSH', 'SSH'],
  },
  {
    id: 'ssh-allowgroups-lockout',
    when: authenticationIs('ssh'),
    severity: 'medium',
    message:
      'AllowGroups applies to every SSH logon on the server, not only PowerShell. Add the people who connect to the group first: the target script stops if you (under sudo, $SUDO_USER) are not in it, or if sshd_config already restricts logons with other AllowGroups or AllowUsers lines, which sshd would combine with the new one. Keep your current session open until a new logon works.',
    topic: 'ssh-remoting',
    sources: ['OSSH', 'SSHDCFG'],
  },
  {
    id: 'ssh-requirements',
    when: authenticationIs('ssh'),
    severity: 'info',
    message:
      'PowerShell 7 is needed at both ends. On Windows, OpenSSH Server is an in-box optional feature since Windows 10 1809 and Server 2019 and installed by default on Server 2025.',
    topic: 'ssh-remoting',
    sources: ['SSH', 'OSSH'],
  },
];
