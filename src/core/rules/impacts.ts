/** What applying the recommendation may break: clients, tools or systems relying on what changes. */
import type { Impact } from '../model';
import { BUILTIN_OPENSSH_RULE, BUILTIN_WINRM_HTTP_RULES, JEA } from './constants';
import type { Plan } from './plan';

export function buildImpacts(plan: Plan): Impact[] {
  const a = plan.answers;
  const out: Impact[] = [];
  const add = (x: Impact) => out.push(x);

  if (plan.isWinRM) {
    const httpClosed = plan.httpListener === 'removed' || (plan.httpListener === 'kept' && a.domain === 'workgroup');
    add({
      id: 'firewall-scoped',
      message: `Only computers in $AdminSubnet can reach ${plan.firewall.rules.map((r) => `port ${r.port}`).join(' and ')} afterwards: monitoring, inventory or deployment tools elsewhere lose access. The built-in rules ${BUILTIN_WINRM_HTTP_RULES} are disabled; running Enable-PSRemoting or winrm quickconfig again may re-enable them, open to any address, so run the target script again afterwards.`,
      topic: 'firewall-and-network-profiles',
    });
    if (plan.httpListener === 'removed') {
      add({
        id: 'http-listener-removed',
        message:
          'The HTTP listener (port 5985) is removed: every client, script or tool that connects without -UseSSL (including Server Manager, Windows Admin Center and scheduled jobs using the default port) fails until it uses HTTPS on 5986. Enable-PSRemoting, winrm quickconfig and the "Allow remote server management through WinRM" (AllowAutoConfig) policy re-create it.',
        topic: 'https-listeners-and-certificates',
      });
    } else if (httpClosed) {
      add({
        id: 'http-port-closed',
        message: 'Port 5985 is closed by the firewall (the HTTP listener stays for local use): clients that connected over HTTP with a TrustedHosts entry must switch to HTTPS.',
        topic: 'firewall-and-network-profiles',
      });
    }
    if (plan.transport === 'https') {
      add({
        id: 'cbt-strict',
        message:
          'Channel binding is Strict: clients that do not send channel binding tokens over HTTPS (old Windows versions without the EPA update, some non-Windows WinRM libraries) are rejected.',
        topic: 'encryption-in-transport',
      });
    }
    add({
      id: 'service-basic-off',
      message:
        'Basic authentication is off on the server: clients that log on with Basic (some Linux or appliance tools, older Ansible setups) fail and must switch to Kerberos, NTLM over HTTPS or certificates.',
      topic: 'basic-digest-and-certificate-auth',
    });
    add({
      id: 'client-hardening',
      message:
        'On the client, Basic, Digest and unencrypted traffic are turned off for every WinRM connection it makes, not only to this server: scripts on that client that use Basic or AllowUnencrypted with other systems stop working.',
      topic: 'hardening-checklist',
    });
    if (plan.secondHop !== 'credssp') {
      add({
        id: 'credssp-off',
        message:
          'CredSSP is turned off on the server and on the client if it was on: anything that used -Authentication Credssp with them (for example a second hop you set up earlier) stops working.',
        topic: 'credssp',
      });
    }
    if (plan.endpoint === 'jea') {
      add({
        id: 'jea-restarts-winrm',
        message: `Registering the ${JEA.endpointName} endpoint restarts the WinRM service: open remote sessions to the server are disconnected.`,
        topic: 'jea-and-runas-endpoints',
      });
    }
    if (plan.authentication === 'certificate') {
      add({
        id: 'certificate-auth-on',
        message: 'Certificate authentication is enabled on the WinRM service; any client certificate mapped on this server can now log on.',
        topic: 'basic-digest-and-certificate-auth',
      });
    }
    add({
      id: 'script-block-logging-volume',
      message: 'Script block logging adds events to Microsoft-Windows-PowerShell/Operational; size the log and forward it, and expect secrets typed into commands to be recorded.',
      topic: 'event-logs-and-auditing',
    });
  } else {
    add({
      id: 'ssh-firewall',
      message: `On Windows, the guide's rule admits SSH (port 22) only from $AdminSubnet and disables ${BUILTIN_OPENSSH_RULE}: SFTP, SCP and other SSH clients elsewhere lose access too.`,
      topic: 'firewall-and-network-profiles',
    });
    add({
      id: 'ssh-allowgroups',
      message: 'AllowGroups restricts every SSH logon (SFTP, Git, automation accounts), not only PowerShell: accounts outside the group are refused.',
      topic: 'ssh-remoting',
    });
    add({
      id: 'ssh-passwords-off',
      message: 'Once passwords are turned off, every SSH user of this server needs a key, including automation that logs on with a password.',
      topic: 'ssh-remoting',
    });
  }
  if (plan.secondHop === 'rbkcd') {
    add({
      id: 'rbkcd-purge',
      message: "Purging the server's system Kerberos tickets (klist purge -li 0x3e7) makes its services request new tickets; harmless, but expect a short burst of authentication.",
      topic: 'resource-based-constrained-delegation',
    });
  }
  if (plan.trustedHosts.length > 0) {
    add({
      id: 'trustedhosts-added',
      message: 'The client will use NTLM without server authentication for this one address, in every tool that uses WinRM on that client (not only PowerShell).',
      topic: 'trustedhosts',
    });
  }
  return out;
}
