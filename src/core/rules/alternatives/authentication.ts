/** Authentication and transport options not chosen. */
import type { AlternativeRule } from '../item-table';
import { allOf, answered, authenticationIs, not, onJeaEndpoint, onWinRM, transportIs } from '../plan-conditions';

export const AUTHENTICATION_ALTERNATIVES: readonly AlternativeRule[] = [
  {
    id: 'kerberos-by-name',
    when: answered('address', 'ip'),
    kind: 'authentication',
    option: 'kerberos (connect by name)',
    whyNot:
      'Not possible with an IP address. If the server has a DNS name in your domain, connect by name (answer "By name"): Kerberos then authenticates the server with no certificate and no TrustedHosts entry.',
    topic: 'kerberos',
    sources: ['WSEC', 'TRB'],
  },
  {
    id: 'kerberos-over-https',
    when: allOf(authenticationIs('kerberos'), transportIs('http')),
    kind: 'transport',
    option: 'https',
    whyNot:
      'Adds TLS and channel binding on top of Kerberos, but needs a certificate per server and port 5986. Kerberos already authenticates both ends and encrypts the traffic; choose "High" assurance if compliance requires TLS.',
    topic: 'https-listeners-and-certificates',
    sources: ['WSEC', 'ANS'],
  },
  {
    id: 'kerberos-over-http',
    when: allOf(authenticationIs('kerberos'), not(transportIs('http'))),
    kind: 'transport',
    option: 'http',
    whyNot: 'Kerberos over HTTP is secure, but it has no TLS and no channel binding, which your compliance requirement asks for.',
    topic: 'encryption-in-transport',
    sources: ['WSEC', 'CSP'],
  },
  {
    id: 'certificate-across-untrusted-domains',
    when: allOf(authenticationIs('negotiate-https'), answered('domain', 'untrusted')),
    kind: 'authentication',
    option: 'certificate',
    whyNot:
      'Client certificates map only to local accounts of the server; you sign in with accounts of its domain, which Negotiate over HTTPS handles.',
    topic: 'basic-digest-and-certificate-auth',
    sources: ['W32AUTH', 'PSWSM'],
  },
  {
    id: 'negotiate-https-instead-of-certificate',
    when: authenticationIs('certificate'),
    kind: 'authentication',
    option: 'negotiate-https',
    whyNot:
      'HTTPS with NTLM also authenticates the server, but the client sends an NTLM response derived from the password, and NTLM is deprecated. Certificate mapping sends no password.',
    topic: 'ntlm',
    sources: ['WSEC', 'NTLMDEP', 'PSWSM'],
  },
  {
    id: 'ssh-instead-of-https',
    when: authenticationIs('negotiate-https', 'certificate'),
    kind: 'authentication',
    option: 'ssh',
    whyNot: (plan) =>
      onJeaEndpoint(plan)
        ? 'SSH remoting has no JEA endpoints, and your delegated users need one.'
        : 'PowerShell 7 over SSH with keys is a good option too, but it needs OpenSSH Server and PowerShell 7 on the server; you already have certificates for WinRM over HTTPS, which keeps endpoint configurations and JEA available.',
    topic: 'ssh-remoting',
    sources: ['SSH', 'OSSH'],
  },
  {
    id: 'self-signed-https-instead-of-ssh',
    when: allOf(authenticationIs('ssh'), answered('platform', 'windows')),
    kind: 'authentication',
    option: 'negotiate-https (with a self-signed certificate)',
    whyNot:
      'A self-signed certificate imported on each client would make WinRM over HTTPS possible, with server authentication. You answered that you have no certificates; for a few servers, consider it.',
    topic: 'https-listeners-and-certificates',
    sources: ['SSC', 'WSEC'],
  },
  {
    id: 'ntlm-instead-of-ssh',
    when: allOf(authenticationIs('ssh'), answered('platform', 'windows')),
    kind: 'authentication',
    option: 'ntlm-trustedhosts',
    whyNot:
      'NTLM over HTTP with a TrustedHosts entry does not authenticate the server, protects messages only with RC4, and NTLM is deprecated.',
    topic: 'trustedhosts',
    sources: ['WSEC', 'NTLMDEP'],
  },
  {
    id: 'self-signed-https-instead-of-ntlm',
    when: authenticationIs('ntlm-trustedhosts'),
    kind: 'authentication',
    option: 'negotiate-https (with a self-signed certificate)',
    whyNot:
      'Better than TrustedHosts: the server is authenticated and TLS replaces RC4. It needs a certificate imported on each client (self-signed is enough for a few servers). You answered that you have none.',
    topic: 'https-listeners-and-certificates',
    sources: ['WSEC', 'SSC'],
  },
  {
    id: 'certificate-instead-of-ntlm',
    when: allOf(authenticationIs('ntlm-trustedhosts'), answered('domain', 'workgroup')),
    kind: 'authentication',
    option: 'certificate',
    whyNot: 'Client-certificate mapping over HTTPS sends no password at all, but it needs certificates.',
    topic: 'basic-digest-and-certificate-auth',
    sources: ['PSWSM', 'W32AUTH'],
  },
  {
    id: 'ssh-instead-of-ntlm',
    when: authenticationIs('ntlm-trustedhosts'),
    kind: 'authentication',
    option: 'ssh',
    whyNot: 'SSH with keys avoids NTLM, but SSH remoting has no JEA endpoints, which your delegated users need.',
    topic: 'ssh-remoting',
    sources: ['SSH'],
  },
  {
    id: 'winrm-to-linux',
    when: allOf(authenticationIs('ssh'), answered('platform', 'mixed')),
    kind: 'transport',
    option: 'WinRM (WSMan) to or from Linux',
    whyNot: 'Not supported by Microsoft (the OMI-based client depends on OpenSSL 1.0); use SSH.',
    topic: 'ssh-remoting',
    sources: ['WSMANPS', 'PSWSM'],
  },
  {
    id: 'basic',
    when: allOf(onWinRM, not(authenticationIs('kerberos'))),
    kind: 'authentication',
    option: 'basic',
    whyNot: 'Sends the user name and password base64-encoded in every request; STIG rates an enabled Basic as CAT I. Never.',
    topic: 'basic-digest-and-certificate-auth',
    sources: ['PSWSM', 'STIG'],
  },
];
