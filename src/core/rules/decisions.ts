/**
 * The decision tables: answers -> authentication, transport, endpoint and second hop.
 * First match wins. Every rule cites the fact sheet (shared/domain/FACTS.md).
 */
import type { Answers, Authentication, Endpoint, SecondHop, Transport } from '../model';
import type { Rule } from './types';

const hasPki = (a: Answers) => a.pki === 'enterprise' || a.pki === 'selfsigned';

export const AUTHENTICATION_RULES: readonly Rule<Authentication>[] = [
  {
    id: 'auth-mixed-ssh',
    whenText: 'platform = mixed',
    when: (a) => a.platform === 'mixed',
    value: 'ssh',
    because:
      'Linux or macOS is at one end. PowerShell 7 remoting over SSH is the supported cross-platform way; WSMan remoting to or from Linux is not supported by Microsoft. Authentication is done by sshd: use keys, and turn password logons off once keys work.',
    sources: ['SSH', 'WSMANPS', 'OSSH'],
    topic: 'ssh-remoting',
  },
  {
    id: 'auth-domain-name-kerberos',
    whenText: 'domain = same, address = name',
    when: (a) => a.domain === 'same' && a.address === 'name',
    value: 'kerberos',
    because:
      'Both computers are in the same domain (or trusted forests) and you connect by name, so Windows uses Kerberos: both ends are authenticated, no reusable credential is sent, and every message is encrypted with the ticket\'s AES key even over HTTP. No TrustedHosts entry is needed.',
    sources: ['WSEC', 'W32AUTH', 'PSWSM'],
    topic: 'kerberos',
  },
  {
    id: 'auth-ip-https',
    whenText: 'domain = same, address = ip, pki = enterprise or selfsigned',
    when: (a) => a.domain === 'same' && a.address === 'ip' && hasPki(a),
    value: 'negotiate-https',
    because:
      'Kerberos cannot be used with an IP address, so Negotiate falls back to NTLM, which does not prove the server is genuine. Over HTTPS, a certificate that names the IP address and that the client trusts authenticates the server, and TLS protects the traffic. The client must pass -Credential.',
    sources: ['WSEC', 'TRB', 'NPSO'],
    topic: 'https-listeners-and-certificates',
  },
  {
    id: 'auth-untrusted-https',
    whenText: 'domain = untrusted, pki = enterprise or selfsigned',
    when: (a) => a.domain === 'untrusted' && hasPki(a),
    value: 'negotiate-https',
    because:
      "Without a trust your own domain account means nothing to the server: you sign in with an account of the target's domain (-Credential) and Negotiate uses NTLM. HTTPS with a certificate the client trusts authenticates the server and encrypts the session.",
    sources: ['WSEC', 'TRB', 'W32AUTH'],
    topic: 'https-listeners-and-certificates',
  },
  {
    id: 'auth-workgroup-certificate',
    whenText: 'domain = workgroup, pki = enterprise or selfsigned',
    when: (a) => a.domain === 'workgroup' && hasPki(a),
    value: 'certificate',
    because:
      'A workgroup server only knows local accounts. Client-certificate authentication over HTTPS maps a client certificate to a local account, so no password crosses the network, and the server certificate proves the server is genuine. It ranks above HTTPS with NTLM for that reason.',
    sources: ['PSWSM', 'W32AUTH', 'ANS'],
    topic: 'basic-digest-and-certificate-auth',
  },
  {
    id: 'auth-no-pki-admins-ssh',
    whenText: 'pki = none, who = admins',
    when: (a) => a.pki === 'none' && a.who === 'admins',
    value: 'ssh',
    because:
      'Without Kerberos and without certificates, WinRM could only use NTLM with a TrustedHosts entry: no server authentication, and RC4 protection on HTTP. Administrators can use PowerShell 7 over SSH with key authentication instead (OpenSSH is in-box since Windows Server 2019 and installed by default on Server 2025).',
    sources: ['SSH', 'OSSH', 'WSEC'],
    topic: 'ssh-remoting',
  },
  {
    id: 'auth-no-pki-delegated-ntlm',
    whenText: 'pki = none, who = delegated',
    when: (a) => a.pki === 'none' && a.who === 'delegated',
    value: 'ntlm-trustedhosts',
    because:
      'Delegated users need a JEA endpoint, and JEA exists only on WinRM (SSH has no endpoint configurations). Without Kerberos or a certificate, the WinRM client only accepts NTLM for hosts listed in TrustedHosts. This is the last resort: the list gets exactly this server and nothing else.',
    sources: ['WSEC', 'W32CFG', 'JEASEC', 'SSH'],
    topic: 'trustedhosts',
  },
];

/** Rules after the authentication decision read the chosen authentication as well as the answers. */
export interface ContextRule<T extends string> extends Omit<Rule<T>, 'when'> {
  when: (a: Answers, auth: Authentication) => boolean;
}

export const TRANSPORT_RULES: readonly ContextRule<Transport>[] = [
  {
    id: 'transport-ssh',
    whenText: 'authentication = ssh',
    when: (_a, auth) => auth === 'ssh',
    value: 'ssh',
    because: 'SSH remoting runs PowerShell 7 as an sshd subsystem on TCP port 22; sshd encrypts the connection and authenticates the server by its host key.',
    sources: ['SSH', 'OSSH'],
    topic: 'ssh-remoting',
  },
  {
    id: 'transport-kerberos-high-https',
    whenText: 'authentication = kerberos, assurance = high',
    when: (a, auth) => auth === 'kerberos' && a.assurance === 'high',
    value: 'https',
    because:
      'Compliance asks for TLS and channel binding: an HTTPS listener (port 5986) with a certificate from your enterprise CA, channel binding (CbtHardeningLevel) set to Strict, and the HTTP listener removed so nothing falls back to port 5985.',
    sources: ['WSEC', 'ANS', 'CSP', 'W32CFG'],
    topic: 'https-listeners-and-certificates',
  },
  {
    id: 'transport-kerberos-http',
    whenText: 'authentication = kerberos, assurance = standard',
    when: (_a, auth) => auth === 'kerberos',
    value: 'http',
    because:
      'Kerberos authenticates both ends and encrypts every message (AES) over HTTP, so the default HTTP listener on port 5985 is secure here. HTTPS would add TLS and channel binding; it is listed as an alternative.',
    sources: ['WSEC', 'PSWSM'],
    topic: 'encryption-in-transport',
  },
  {
    id: 'transport-tls-https',
    whenText: 'authentication = negotiate-https or certificate',
    when: (_a, auth) => auth === 'negotiate-https' || auth === 'certificate',
    value: 'https',
    because:
      'Without Kerberos, HTTPS is what authenticates the server (its certificate) and encrypts the traffic (TLS). Client-certificate authentication only works over HTTPS. The client uses -UseSSL; if HTTPS is not available the connection fails instead of falling back.',
    sources: ['WSEC', 'NPSS', 'W32AUTH'],
    topic: 'https-listeners-and-certificates',
  },
  {
    id: 'transport-ntlm-http',
    whenText: 'authentication = ntlm-trustedhosts',
    when: (_a, auth) => auth === 'ntlm-trustedhosts',
    value: 'http',
    because:
      'Without a certificate there is no HTTPS: the connection uses HTTP on port 5985 and NTLM message encryption, which is RC4 with a 128-bit key. This is why the guide warns and lists better options.',
    sources: ['WSEC', 'PSWSM'],
    topic: 'encryption-in-transport',
  },
];

export const ENDPOINT_RULES: readonly ContextRule<Endpoint>[] = [
  {
    id: 'endpoint-ssh-default',
    whenText: 'authentication = ssh',
    when: (_a, auth) => auth === 'ssh',
    value: 'default',
    because:
      'SSH remoting has no endpoint configurations, so there is no JEA over SSH: every user gets a full PowerShell session with their own rights (administrators an elevated one). Restrict who may log on with sshd AllowGroups.',
    sources: ['SSH', 'OSSH'],
    topic: 'ssh-remoting',
  },
  {
    id: 'endpoint-delegated-jea',
    whenText: 'who = delegated (WinRM)',
    when: (a) => a.who === 'delegated',
    value: 'jea',
    because:
      'Delegated users get a JEA endpoint: a RestrictedRemoteServer session in NoLanguage mode that exposes only the commands in a role capability file, runs them as a temporary virtual account, and writes a transcript of every session.',
    sources: ['JEASEC', 'JEACFG', 'JEAPRE', 'JEAAUD'],
    topic: 'jea-and-runas-endpoints',
  },
  {
    id: 'endpoint-admins-default',
    whenText: 'who = admins (WinRM)',
    when: () => true,
    value: 'default',
    because:
      'Administrators use the default endpoint (Microsoft.PowerShell, or PowerShell.7 for PowerShell 7). By default it admits only local Administrators and Remote Management Users, and each session runs as the connecting user in its own process.',
    sources: ['REQ', 'EPSR', 'WSEC'],
    topic: 'remoting-basics',
  },
];

const hasHop = (a: Answers) => a.hop === 'files' || a.hop === 'remoting';

export const SECOND_HOP_RULES: readonly ContextRule<SecondHop>[] = [
  {
    id: 'hop-none',
    whenText: 'hop = none',
    when: (a) => !hasHop(a),
    value: 'none',
    because: 'Commands stay on the server, so no credentials need to travel further. Nothing is delegated.',
    sources: ['HOP'],
    topic: 'second-hop',
  },
  {
    id: 'hop-delegated-jea-gmsa',
    whenText: 'hop != none, who = delegated, WinRM, domain = same',
    when: (a, auth) => a.who === 'delegated' && auth !== 'ssh' && a.domain === 'same',
    value: 'jea-gmsa',
    because:
      'Delegated users already get a JEA endpoint; running it as a group managed service account (gMSA) gives the session a network identity that the second computer can authorise, without delegating the users\' own credentials. All users share that one identity, so rely on the JEA transcripts to see who did what. A gMSA needs the target to be domain-joined.',
    sources: ['JEASEC', 'JEACFG', 'HOP'],
    topic: 'jea-and-runas-endpoints',
  },
  {
    id: 'hop-not-kerberos-explicit',
    whenText: 'hop != none, authentication is not kerberos',
    when: (_a, auth) => auth !== 'kerberos',
    value: 'explicit-credentials',
    because:
      'Kerberos delegation needs Kerberos from the client to the server, which this connection does not use. Pass a least-privilege credential for the second computer into the remote command ($Using:) instead; it needs no server configuration. Over SSH, nested sessions work from PowerShell 7.1.',
    sources: ['HOP', 'FAQ', 'SSH', 'SECFEAT'],
    topic: 'explicit-credentials',
  },
  {
    id: 'hop-protected-explicit',
    whenText: 'hop != none, kerberos, protected = yes',
    when: (a) => a.protected === 'yes',
    value: 'explicit-credentials',
    because:
      'Protected Users and accounts marked sensitive cannot be delegated, and CredSSP fails for them. The only way left is to pass a separate, least-privilege credential for the second computer into the remote command ($Using:).',
    sources: ['HOP', 'ADAC'],
    topic: 'explicit-credentials',
  },
  {
    id: 'hop-files-rbkcd',
    whenText: 'hop = files, kerberos, adcontrol = yes (protected = no)',
    when: (a) => a.hop === 'files' && a.adcontrol === 'yes',
    value: 'rbkcd',
    because:
      "Resource-based Kerberos constrained delegation is set on the second computer's AD object and lets only this server delegate, only to that computer's services (SMB, SQL and so on). It needs no Domain Admin rights, works across domains, and stores no credentials.",
    sources: ['HOP'],
    topic: 'resource-based-constrained-delegation',
  },
  {
    id: 'hop-tier0-credssp',
    whenText: 'hop = remoting, or hop = files with adcontrol = no; kerberos, trust = tier0, protected = no',
    when: (a) => a.trust === 'tier0' && a.protected === 'no',
    value: 'credssp',
    because:
      'Kerberos delegation cannot carry a further remoting hop (or you cannot change the second computer in AD). The server is as trusted as the second computer, which is the one case where Microsoft considers CredSSP acceptable: it hands your full credentials to the server, so it is enabled for this one server by name only.',
    sources: ['HOP', 'CSSP', 'CREDSSPDOC'],
    topic: 'credssp',
  },
  {
    id: 'hop-otherwise-explicit',
    whenText: 'otherwise',
    when: () => true,
    value: 'explicit-credentials',
    because:
      'The server is less trusted than what your credentials protect, so nothing is delegated to it: pass a separate, least-privilege credential for the second computer into the remote command ($Using:). It needs no configuration, and a compromised server only ever sees that one limited account.',
    sources: ['HOP', 'SECFEAT'],
    topic: 'explicit-credentials',
  },
];

export function firstMatchWith<T extends string>(rules: readonly ContextRule<T>[], answers: Answers, auth: Authentication): ContextRule<T> {
  const rule = rules.find((r) => r.when(answers, auth));
  if (!rule) throw new Error(`No rule matches answers ${JSON.stringify(answers)}`);
  return rule;
}
