/** The options considered and not chosen, each with why not. */
import type { Alternative } from '../model';
import type { Plan } from './plan';

export function buildAlternatives(plan: Plan): Alternative[] {
  const a = plan.answers;
  const alts: Alternative[] = [];
  const add = (x: Alternative) => alts.push(x);
  const auth = plan.authentication;
  const winrm = plan.isWinRM;

  // ---- Authentication and transport
  if (a.address === 'ip') {
    add({
      kind: 'authentication',
      option: 'kerberos (connect by name)',
      whyNot:
        'Not possible with an IP address. If the server has a DNS name in your domain, connect by name (answer "By name"): Kerberos then authenticates the server with no certificate and no TrustedHosts entry.',
      topic: 'kerberos',
      sources: ['WSEC', 'TRB'],
    });
  }
  if (auth === 'kerberos') {
    if (plan.transport === 'http') {
      add({
        kind: 'transport',
        option: 'https',
        whyNot:
          'Adds TLS and channel binding on top of Kerberos, but needs a certificate per server and port 5986. Kerberos already authenticates both ends and encrypts the traffic; choose "High" assurance if compliance requires TLS.',
        topic: 'https-listeners-and-certificates',
        sources: ['WSEC', 'ANS'],
      });
    } else {
      add({
        kind: 'transport',
        option: 'http',
        whyNot: 'Kerberos over HTTP is secure, but it has no TLS and no channel binding, which your compliance requirement asks for.',
        topic: 'encryption-in-transport',
        sources: ['WSEC', 'CSP'],
      });
    }
  }
  if (auth === 'negotiate-https' && a.domain === 'untrusted') {
    add({
      kind: 'authentication',
      option: 'certificate',
      whyNot: 'Client certificates map only to local accounts of the server; you sign in with accounts of its domain, which Negotiate over HTTPS handles.',
      topic: 'basic-digest-and-certificate-auth',
      sources: ['W32AUTH', 'PSWSM'],
    });
  }
  if (auth === 'certificate') {
    add({
      kind: 'authentication',
      option: 'negotiate-https',
      whyNot:
        'HTTPS with NTLM also authenticates the server, but the client sends an NTLM response derived from the password, and NTLM is deprecated. Certificate mapping sends no password.',
      topic: 'ntlm',
      sources: ['WSEC', 'NTLMDEP', 'PSWSM'],
    });
  }
  if (auth === 'negotiate-https' || auth === 'certificate') {
    add({
      kind: 'authentication',
      option: 'ssh',
      whyNot:
        plan.endpoint === 'jea'
          ? 'SSH remoting has no JEA endpoints, and your delegated users need one.'
          : 'PowerShell 7 over SSH with keys is a good option too, but it needs OpenSSH Server and PowerShell 7 on the server; you already have certificates for WinRM over HTTPS, which keeps endpoint configurations and JEA available.',
      topic: 'ssh-remoting',
      sources: ['SSH', 'OSSH'],
    });
  }
  if (auth === 'ssh' && a.platform === 'windows') {
    add({
      kind: 'authentication',
      option: 'negotiate-https (with a self-signed certificate)',
      whyNot:
        'A self-signed certificate imported on each client would make WinRM over HTTPS possible, with server authentication. You answered that you have no certificates; for a few servers, consider it.',
      topic: 'https-listeners-and-certificates',
      sources: ['SSC', 'WSEC'],
    });
    add({
      kind: 'authentication',
      option: 'ntlm-trustedhosts',
      whyNot: 'NTLM over HTTP with a TrustedHosts entry does not authenticate the server, protects messages only with RC4, and NTLM is deprecated.',
      topic: 'trustedhosts',
      sources: ['WSEC', 'NTLMDEP'],
    });
  }
  if (auth === 'ntlm-trustedhosts') {
    add({
      kind: 'authentication',
      option: 'negotiate-https (with a self-signed certificate)',
      whyNot:
        'Better than TrustedHosts: the server is authenticated and TLS replaces RC4. It needs a certificate imported on each client (self-signed is enough for a few servers). You answered that you have none.',
      topic: 'https-listeners-and-certificates',
      sources: ['WSEC', 'SSC'],
    });
    if (a.domain === 'workgroup') {
      add({
        kind: 'authentication',
        option: 'certificate',
        whyNot: 'Client-certificate mapping over HTTPS sends no password at all, but it needs certificates.',
        topic: 'basic-digest-and-certificate-auth',
        sources: ['PSWSM', 'W32AUTH'],
      });
    }
    add({
      kind: 'authentication',
      option: 'ssh',
      whyNot: 'SSH with keys avoids NTLM, but SSH remoting has no JEA endpoints, which your delegated users need.',
      topic: 'ssh-remoting',
      sources: ['SSH'],
    });
  }
  if (auth === 'ssh' && a.platform === 'mixed') {
    add({
      kind: 'transport',
      option: 'WinRM (WSMan) to or from Linux',
      whyNot: 'Not supported by Microsoft (the OMI-based client depends on OpenSSL 1.0); use SSH.',
      topic: 'ssh-remoting',
      sources: ['WSMANPS', 'PSWSM'],
    });
  }
  if (winrm && auth !== 'kerberos') {
    add({
      kind: 'authentication',
      option: 'basic',
      whyNot: 'Sends the user name and password base64-encoded in every request; STIG rates an enabled Basic as CAT I. Never.',
      topic: 'basic-digest-and-certificate-auth',
      sources: ['PSWSM', 'STIG'],
    });
  }

  // ---- Certificate source
  if (plan.certificate?.source === 'self-signed') {
    add({
      kind: 'certificate',
      option: 'enterprise-ca',
      whyNot: 'A CA the clients already trust scales better (no import on each client, renewal by autoenrollment), but you answered that you have none.',
      topic: 'https-listeners-and-certificates',
      sources: ['WSEC', 'ANS'],
    });
  }
  if (plan.certificate?.source === 'enterprise-ca' && auth !== 'kerberos') {
    add({
      kind: 'certificate',
      option: 'self-signed',
      whyNot: "Works, but every client must import it into LocalMachine\\Root and you must renew it yourself; your CA avoids both.",
      topic: 'https-listeners-and-certificates',
      sources: ['SSC', 'NPSO'],
    });
  }

  // ---- Endpoint
  if (plan.endpoint === 'jea') {
    add({
      kind: 'endpoint',
      option: 'default endpoint with Remote Management Users',
      whyNot: 'Gives delegated users a full PowerShell session with all their own rights; JEA limits them to the commands of their role.',
      topic: 'jea-and-runas-endpoints',
      sources: ['JEASEC', 'TRB', 'RPSC'],
    });
  } else if (auth === 'ssh' && a.who === 'delegated') {
    add({
      kind: 'endpoint',
      option: 'jea (WinRM with a JEA endpoint, for Windows servers)',
      whyNot:
        'Would limit delegated users to their tasks, but JEA needs WinRM, which is not supported to or from Linux. For the Windows servers among yours, consider WinRM with JEA.',
      topic: 'jea-and-runas-endpoints',
      sources: ['SSH', 'JEASEC', 'WSMANPS'],
    });
  } else if (winrm) {
    add({
      kind: 'endpoint',
      option: 'jea',
      whyNot: 'Designed for people who are not administrators. Administrators can still use JEA for routine tasks to reduce standing privilege.',
      topic: 'jea-and-runas-endpoints',
      sources: ['JEASEC'],
    });
  }

  // ---- Second hop (only when there is one)
  if (plan.secondHop !== 'none') {
    const isKerberos = auth === 'kerberos';
    const protectedUsers = a.protected === 'yes';
    const delegatedWinRM = a.who === 'delegated' && winrm;
    const why = (reasons: Array<[boolean, string]>, fallback: string) => reasons.find(([cond]) => cond)?.[1] ?? fallback;

    if (plan.secondHop !== 'rbkcd') {
      add({
        kind: 'secondHop',
        option: 'rbkcd',
        whyNot: why(
          [
            [!isKerberos, 'Needs Kerberos from the client to the server, which this connection does not use.'],
            [protectedUsers, 'Accounts in Protected Users or marked sensitive cannot be delegated.'],
            [a.hop === 'remoting', 'Does not support a further PowerShell remoting (WinRM) hop from the server; it only covers services such as SMB or SQL.'],
            [a.adcontrol === 'no', "Needs a change to the second computer's AD object, which you cannot make."],
            [delegatedWinRM, 'Would delegate each delegated user\'s own identity; the JEA endpoint with a gMSA gives the session one controlled identity instead.'],
          ],
          'Not needed here.',
        ),
        topic: 'resource-based-constrained-delegation',
        sources: ['HOP'],
      });
    }
    add({
      kind: 'secondHop',
      option: 'kcd',
      whyNot: why(
        [
          [!isKerberos, 'Needs Kerberos from the client to the server, which this connection does not use.'],
          [protectedUsers, 'Accounts in Protected Users or marked sensitive cannot be delegated.'],
          [a.hop === 'remoting', 'Like RBKCD it does not support a further WinRM hop from the server.'],
        ],
        'Classic constrained delegation is set on the server\'s AD object, needs Domain Admin rights and works within one domain only; resource-based delegation does the same job without those limits.',
      ),
      topic: 'kerberos-constrained-delegation',
      sources: ['HOP'],
    });
    if (plan.secondHop !== 'credssp') {
      add({
        kind: 'secondHop',
        option: 'credssp',
        whyNot: why(
          [
            [auth === 'ssh', 'Not available over SSH remoting.'],
            [!isKerberos, 'Without Kerberos, CredSSP needs extra configuration (a service certificate, or AllowFreshCredentialsWhenNTLMOnly, which delegates to a server that is not authenticated), and it hands your full, reusable credentials to the server. The guide only uses it for a tier-0 server reached with Kerberos.'],
            [protectedUsers, 'Fails for Protected Users, and hands full credentials to the server.'],
            [a.trust !== 'tier0', 'Hands your full, reusable credentials to the server, which caches them: only acceptable for a server as trusted as the second computer (tier 0).'],
            [plan.secondHop === 'rbkcd', 'RBKCD reaches the same services without handing your full credentials to the server.'],
            [plan.secondHop === 'jea-gmsa', 'Would hand every delegated user\'s full credentials to the server.'],
          ],
          'Hands your full, reusable credentials to the server.',
        ),
        topic: 'credssp',
        sources: ['HOP', 'CREDSSPDOC', 'CSSP'],
      });
    }
    if (plan.secondHop !== 'explicit-credentials') {
      add({
        kind: 'secondHop',
        option: 'explicit-credentials',
        whyNot:
          'Always works: pass a least-privilege credential for the second computer with $Using:. Not chosen because you must supply that credential every time and it is present on the server while the command runs' +
          (plan.endpoint === 'jea' ? ', and JEA users cannot write $Using: script blocks.' : '.'),
        topic: 'explicit-credentials',
        sources: ['HOP', 'SECFEAT'],
      });
    }
    if (plan.secondHop !== 'jea-gmsa') {
      add({
        kind: 'secondHop',
        option: 'jea-gmsa',
        whyNot: why(
          [
            [!winrm, 'JEA needs WinRM; SSH remoting has no endpoint configurations.'],
            [a.domain !== 'same', 'A gMSA needs the server to be domain-joined in the same forest as the second computer.'],
            [a.who === 'admins', 'Meant for delegated users: all of them share the gMSA identity. Administrators act with their own identity.'],
          ],
          'Not needed here.',
        ),
        topic: 'jea-and-runas-endpoints',
        sources: ['JEASEC', 'JEACFG'],
      });
    }
    add({
      kind: 'secondHop',
      option: 'runas-endpoint',
      whyNot:
        'A RunAs endpoint (Register-PSSessionConfiguration -RunAsCredential) stores an account password on the server, makes every user act as that account, and conflicts with the DisableRunAs baseline setting (STIG/CIS). RunAsCredential is also not JEA-aware.',
      topic: 'jea-and-runas-endpoints',
      sources: ['HOP', 'RPSC', 'CSP', 'STIG', 'JEASEC'],
    });
    add({
      kind: 'secondHop',
      option: 'unconstrained delegation',
      whyNot:
        'Trusting the server for delegation to any service (TrustedForDelegation) lets whoever controls it reuse the tickets of everyone who connects, against any service: less secure than CredSSP, for testing only. It does not support a WinRM second hop either.',
      topic: 'unconstrained-delegation',
      sources: ['HOP', 'PSWSM'],
    });
    add({
      kind: 'secondHop',
      option: "grant the server's computer account access on the second computer",
      whyNot:
        'An ordinary remoting session on the server has no network identity (its access is anonymous). The computer account is used by SYSTEM services and JEA virtual accounts, so granting it access gives the resource to everything running on the server.',
      topic: 'computer-account-access',
      sources: ['JEASEC', 'HOP'],
    });
  }
  return alts;
}
