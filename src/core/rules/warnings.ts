/** Warnings: what the administrator must know about the recommended configuration. */
import type { Warning } from '../model';
import { CERTIFICATE, EXAMPLE_ADMIN_SUBNET, JEA } from './constants';
import type { Plan } from './plan';

export function buildWarnings(plan: Plan): Warning[] {
  const a = plan.answers;
  const w: Warning[] = [];
  const add = (x: Warning) => w.push(x);
  const auth = plan.authentication;

  // Host names that contradict the answers.
  if (!plan.target.isExample) {
    if (a.address === 'name' && plan.target.kind !== 'dns') {
      add({
        id: 'target-is-ip-but-answer-is-name',
        severity: 'high',
        message:
          'You answered that you connect by name, but the target you entered is an IP address. Kerberos is not used with IP addresses, so this configuration would fail (or fall back to NTLM). Enter the server\'s DNS name, or change the answer to "By IP address".',
        topic: 'kerberos',
        sources: ['WSEC', 'TRB'],
      });
    }
    if (a.address === 'ip' && plan.target.kind === 'dns') {
      add({
        id: 'target-is-name-but-answer-is-ip',
        severity: 'medium',
        message:
          'You answered that you connect by IP address, but the target you entered is a name. In the same domain, connecting by name lets Kerberos authenticate the server without certificates: consider answering "By name".',
        topic: 'kerberos',
        sources: ['WSEC', 'W32AUTH'],
      });
    }
  }
  if (plan.resource && !plan.resource.isExample) {
    if (plan.resource.value.toLowerCase() === plan.target.value.toLowerCase()) {
      add({
        id: 'resource-equals-target',
        severity: 'medium',
        message: 'The second computer is the same as the target. A second hop is only needed for a different computer; check the host names.',
        topic: 'second-hop',
        sources: ['HOP'],
      });
    }
    if ((plan.secondHop === 'rbkcd' || plan.secondHop === 'credssp') && plan.resource.kind !== 'dns') {
      add({
        id: 'resource-is-ip',
        severity: 'high',
        message:
          'The second computer is given as an IP address. Kerberos delegation only works when the server reaches the second computer by name; by IP address the second hop falls back to NTLM and fails. Enter its DNS name.',
        topic: 'second-hop',
        sources: ['HOP', 'WSEC'],
      });
    }
  }

  if (a.address === 'ip') {
    add({
      id: 'connect-by-name',
      severity: auth === 'ntlm-trustedhosts' ? 'high' : 'medium',
      message:
        'You connect by IP address, so Kerberos is not used. If the server has a DNS name in the same domain (or a trusted forest), connecting by that name is better: Kerberos authenticates the server and encrypts the traffic without certificates or TrustedHosts.',
      topic: 'kerberos',
      sources: ['WSEC', 'TRB', 'W32AUTH'],
    });
  }

  if (auth === 'ntlm-trustedhosts') {
    add({
      id: 'ntlm-no-server-authentication',
      severity: 'high',
      message:
        'NTLM does not authenticate the server. Whoever can answer on that address, or controls any domain computer account, can pose as the server and receive your authentication. TrustedHosts only silences the client\'s error; it is not a statement of trust.',
      topic: 'trustedhosts',
      sources: ['WSEC', 'W32CFG', 'TRB'],
    });
    add({
      id: 'ntlm-rc4-over-http',
      severity: 'high',
      message:
        'Over HTTP, NTLM protects the messages with RC4 and a 128-bit key, which is weak; captured NTLM exchanges of weak passwords can be cracked. A certificate (even self-signed) would allow HTTPS instead.',
      topic: 'encryption-in-transport',
      sources: ['WSEC', 'PSWSM'],
    });
    add({
      id: 'ntlm-deprecated',
      severity: 'high',
      message:
        'NTLM is deprecated (June 2024); NTLMv1 is gone from Windows 11 24H2 and Windows Server 2025, and network NTLM is to be disabled by default in a future Windows release. This configuration will stop working then; plan to move to names and Kerberos, or certificates.',
      topic: 'ntlm',
      sources: ['NTLMDEP', 'NTLMBLOG'],
    });
  }
  if (auth === 'negotiate-https') {
    add({
      id: 'ntlm-deprecated',
      severity: 'medium',
      message:
        'Without Kerberos, Negotiate uses NTLM inside the TLS channel. NTLM is deprecated and network NTLM is to be disabled by default in a future Windows release (Microsoft plans IAKerb and a local KDC to cover these cases); watch the NTLM Operational log and plan for it.',
      topic: 'ntlm',
      sources: ['NTLMDEP', 'NTLMBLOG'],
    });
  }
  if (auth === 'negotiate-https' || auth === 'ntlm-trustedhosts') {
    add({
      id: 'credential-required',
      severity: 'info',
      message:
        a.domain === 'untrusted'
          ? "Every connection needs -Credential with an account of the target's domain (for example FABRIKAM\\admin), even for commands you would run as yourself."
          : 'Every connection needs -Credential, even when you connect as the current user: without Kerberos there is no ticket to reuse.',
      topic: 'ntlm',
      sources: ['WSEC', 'TRB'],
    });
  }

  if (plan.certificate?.source === 'self-signed') {
    add({
      id: 'self-signed-few-hosts',
      severity: 'medium',
      message:
        `A self-signed certificate must be imported into every client's LocalMachine\\Root store and renewed before it expires. The target script makes it valid for ${CERTIFICATE.selfSignedValidityYears} years (instead of the default one year) and prints the expiry date; run it again in the ${CERTIFICATE.renewalDays} days before that date: it creates the next certificate for the clients to import, and the run after that switches the listener. That is manageable for a few servers only. Never use -SkipCACheck or -SkipCNCheck instead: they give up server authentication.`,
      topic: 'https-listeners-and-certificates',
      sources: ['SSC', 'NPSO', 'ANS', 'WSEC'],
    });
  }
  if (plan.certificate?.source === 'enterprise-ca') {
    add(
      plan.certificate.template
        ? {
            id: 'certificate-template',
            severity: 'info',
            message: `The target script uses an existing valid certificate for the server if there is one; otherwise it requests one with Get-Certificate -Template ${plan.certificate.template}. Your CA's template may have another name, need CA manager approval, or not accept a subject from the request: edit $CertificateTemplate, or install the certificate yourself (subject CN and SAN = the name clients use, Server Authentication EKU).`,
            topic: 'https-listeners-and-certificates',
            sources: ['WSEC', 'ANS', 'QC'],
          }
        : {
            id: 'certificate-install-first',
            severity: 'medium',
            message:
              a.address === 'ip'
                ? 'Install a certificate from your CA for the server before running the target script: subject CN = the IP address, a SAN entry of type IP address for it, Server Authentication EKU, with its private key in LocalMachine\\My (certreq or your CA\'s web enrollment; Get-Certificate cannot put an IP address in the SAN). The script stops until it finds one.'
                : 'Install a certificate from your CA for the server before running the target script: subject CN and SAN = the name clients use, Server Authentication EKU, with its private key in LocalMachine\\My (a computer outside the domain cannot enroll with Get-Certificate). The script stops until it finds one.',
            topic: 'https-listeners-and-certificates',
            sources: ['WSEC', 'ANS', 'QC'],
          },
    );
  }
  if (auth === 'certificate') {
    if (a.who === 'admins') {
      add({
        id: 'certificate-mapping-admin-token',
        severity: 'high',
        message:
          'Client certificates map to local accounts only. If the mapped account is a member of Administrators other than the built-in Administrator, UAC remote restrictions give the session a filtered standard-user token unless LocalAccountTokenFilterPolicy is 1, which turns that protection off for every local account and conflicts with the CIS baseline. The scripts leave it unchanged: decide yourself, or give non-administrative work to a JEA endpoint.',
        topic: 'basic-digest-and-certificate-auth',
        sources: ['W32AUTH', 'TRB', 'LATFP', 'CIS'],
      });
    }
    add({
      id: 'certificate-mapping-password',
      severity: 'info',
      message:
        "The certificate mapping stores the local account's password on the server. When that password changes, run the target script again with $RefreshCertificateMapping = $true (it asks for the new password before it replaces the mapping), or the logon fails.",
      topic: 'basic-digest-and-certificate-auth',
      sources: ['W32AUTH', 'ANS'],
    });
  }

  if (auth === 'certificate' && plan.certificate?.source === 'enterprise-ca') {
    add({
      id: 'client-certificate-from-ca',
      severity: 'info',
      message: `The client script enrolls a client-authentication certificate from your CA (template $ClientCertificateTemplate, example ${CERTIFICATE.clientTemplate}; a computer outside the domain needs your CA's enrollment web service, or certreq). The target script maps the user principal name in it, by the thumbprint of the CA certificate that issued it, to the local account: this server must already trust your CA in LocalMachine\\Root. The scripts never add a certificate to the server's Root store.`,
      topic: 'basic-digest-and-certificate-auth',
      sources: ['W32AUTH', 'ANS'],
    });
  }
  if (auth === 'kerberos') {
    add({
      id: 'kerberos-spn',
      severity: 'info',
      message:
        'If connecting by name fails with a Kerberos error, the HTTP service principal name may belong to another account (for example an IIS application pool). Register a port-specific SPN and use New-PSSessionOption -IncludePortInSPN.',
      topic: 'kerberos',
      sources: ['NPSO'],
    });
  }

  if (auth === 'ssh') {
    if (a.who === 'delegated') {
      add({
        id: 'ssh-no-jea',
        severity: 'high',
        message:
          'SSH remoting has no JEA and no endpoint configurations: delegated users get a full PowerShell session with all of their own rights. Where the servers are Windows, WinRM with a JEA endpoint would limit them to their tasks (see the alternatives).',
        topic: 'ssh-remoting',
        sources: ['SSH', 'JEASEC'],
      });
    }
    add({
      id: 'ssh-disable-passwords',
      severity: 'medium',
      message:
        'Password logons stay allowed until you have confirmed that key logon works. Then set $DisablePasswordAuthentication = $true in the target script and run it again.',
      topic: 'ssh-remoting',
      sources: ['OSSH', 'SSH'],
    });
    add({
      id: 'ssh-allowgroups-lockout',
      severity: 'medium',
      message:
        'AllowGroups applies to every SSH logon on the server, not only PowerShell. Add the people who connect to the group first: the target script stops if you (under sudo, $SUDO_USER) are not in it, or if sshd_config already restricts logons with other AllowGroups or AllowUsers lines, which sshd would combine with the new one. Keep your current session open until a new logon works.',
      topic: 'ssh-remoting',
      sources: ['OSSH', 'SSHDCFG'],
    });
    add({
      id: 'ssh-requirements',
      severity: 'info',
      message:
        'PowerShell 7 is needed at both ends. On Windows, OpenSSH Server is an in-box optional feature since Windows 10 1809 and Server 2019 and installed by default on Server 2025.',
      topic: 'ssh-remoting',
      sources: ['SSH', 'OSSH'],
    });
  }

  if (plan.isWinRM && a.network !== 'public') {
    add({
      id: 'network-profile-check',
      severity: 'info',
      message:
        "The firewall rule covers the Domain and Private profiles. The target script stops before changing anything if one of the server's network connections is on the Public profile (Get-NetConnectionProfile), because disabling the built-in rules would then cut remoting over it: make that network Private if you trust it, or answer that the server is reachable from untrusted networks.",
      topic: 'firewall-and-network-profiles',
      sources: ['REQ', 'FWISS'],
    });
  }
  if (a.network === 'public') {
    add({
      id: 'public-network',
      severity: 'high',
      message:
        'The server is reachable from networks you do not control. The firewall rule also covers the Public profile but admits only $AdminSubnet: never widen it to Any. Prefer reaching the server through a VPN or a jump host.',
      topic: 'firewall-and-network-profiles',
      sources: ['WSEC', 'REQ', 'FWISS'],
    });
  }
  const exampleEdits = [
    ...(plan.firewall.remoteAddress.isExample ? [`$AdminSubnet (example ${EXAMPLE_ADMIN_SUBNET}) to the addresses you administer from`] : []),
    ...(plan.target.isExample ? ['$Target to your server'] : []),
    ...(plan.resource?.isExample ? ['$Resource to the second computer'] : []),
  ];
  if (exampleEdits.length > 0) {
    add({
      id: 'edit-example-values',
      severity: 'info',
      message: `The scripts stop until you replace their example values: set ${exampleEdits.join(', and ')}.`,
      topic: 'firewall-and-network-profiles',
      sources: ['WSEC', 'REQ'],
    });
  }
  if (plan.isWinRM) {
    add({
      id: 'group-policy-wins',
      severity: 'info',
      message:
        'Settings managed by Group Policy win over local changes. The scripts stop when a setting they must change is controlled by policy; change the policy instead. Firewall rules pushed by Group Policy are not touched either.',
      topic: 'hardening-checklist',
      sources: ['CSP', 'TRB'],
    });
  }

  if (plan.endpoint === 'jea') {
    add({
      id: 'jea-role-review',
      severity: 'medium',
      message: `JEA only constrains users who are not administrators: members of $JeaGroup must not also be local administrators. The example role (${JEA.visibleCmdlets.join(', ')}) is a start: never expose wildcards such as *-Process, the FileSystem provider, *-Job or Start-Process. Check the result with Get-PSSessionCapability.`,
      topic: 'jea-and-runas-endpoints',
      sources: ['JEASEC', 'JEAAUD'],
    });
    if (plan.secondHop !== 'jea-gmsa') {
      add({
        id: 'jea-virtual-account-on-dc',
        severity: 'info',
        message:
          'The JEA virtual account is a local administrator, and on a domain controller a member of Domain Admins. On a domain controller, limit it with -RunAsVirtualAccountGroups.',
        topic: 'jea-and-runas-endpoints',
        sources: ['JEASEC', 'JEACFG'],
      });
    }
  }

  switch (plan.secondHop) {
    case 'explicit-credentials':
      add({
        id: 'explicit-credentials-exposure',
        severity: 'medium',
        message:
          'The credential you pass is present on the server while the command runs, so a compromised server can capture it. Use an account that may only do this task on the second computer, never an administrator of the domain.',
        topic: 'explicit-credentials',
        sources: ['HOP', 'SECFEAT'],
      });
      if (plan.endpoint === 'jea') {
        add({
          id: 'explicit-credentials-jea-function',
          severity: 'medium',
          message:
            'On a JEA endpoint users cannot write script blocks with $Using:, so the role would have to expose a function that takes a credential parameter and does the one task on the second computer with it. Write that function narrowly: it runs with the endpoint\'s privileges.',
          topic: 'jea-and-runas-endpoints',
          sources: ['JEASEC', 'HOP'],
        });
      }
      break;
    case 'jea-gmsa':
      add({
        id: 'gmsa-shared-identity',
        severity: 'medium',
        message:
          'Every JEA user acts on the second computer as the same gMSA, so grant it only what the role needs there and rely on the JEA transcripts to see who did what. The gMSA must exist and this server must be allowed to retrieve its password (New-ADServiceAccount -PrincipalsAllowedToRetrieveManagedPassword).',
        topic: 'jea-and-runas-endpoints',
        sources: ['JEASEC', 'JEACFG'],
      });
      break;
    case 'rbkcd':
      add({
        id: 'rbkcd-scope',
        severity: 'info',
        message:
          'Delegation reaches the second computer\'s services (SMB, SQL and so on), not a further PowerShell remoting session. The KDC caches failures for 15 minutes, so the resource script purges the server\'s system tickets (klist purge -li 0x3e7).',
        topic: 'resource-based-constrained-delegation',
        sources: ['HOP'],
      });
      break;
    case 'credssp':
      add({
        id: 'credssp-full-credentials',
        severity: 'high',
        message:
          'CredSSP gives the server your full, reusable credentials, and it caches them: whoever controls the server controls your account. This is only acceptable because the server is tier 0. Disable it when the task is done (the rollback script does).',
        topic: 'credssp',
        sources: ['HOP', 'CREDSSPDOC', 'CSSP'],
      });
      break;
    default:
      break;
  }
  return w;
}
