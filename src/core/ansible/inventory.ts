/**
 * The example inventory (inventory.yml): the hosts, and every variable the playbook reads, with a
 * comment each. Values the user typed (host, admin addresses) are placed as data by the YAML
 * serializer, and tagged !unsafe so that Ansible never reads them as templates.
 */
import { EXAMPLE_ADMIN_SUBNET, JEA, PORTS, SSH } from '../rules/constants';
import { mappedAccount } from '../powershell/render-winrm-client';
import type { ScriptModel } from '../powershell/common';
import { targetFacts } from '../powershell/winrm/facts';
import { TARGET_GROUP } from './common';
import { WINDOWS_SSH_DEFAULTS } from './windows';
import { commented, unsafe, type YamlData } from './yaml-data';

export type AnsibleTarget = 'windows-winrm' | 'windows-ssh' | 'linux-ssh';

function connectionVars(m: ScriptModel, target: AnsibleTarget): Record<string, YamlData> {
  if (target !== 'windows-winrm') {
    const vars: Record<string, YamlData> = {
      ansible_connection: commented('Ansible connects over SSH with its own key (keep password logons until keys work for everyone).', 'ssh'),
      ansible_port: PORTS.ssh,
    };
    if (target === 'windows-ssh') vars.ansible_shell_type = 'powershell';
    else vars.ansible_become = commented('The play changes sshd_config: it runs as root through sudo.', true);
    return vars;
  }
  const f = targetFacts(m);
  const kerberos = m.authentication === 'kerberos';
  const vars: Record<string, YamlData> = {
    ansible_connection: commented(
      f.https
        ? `Over HTTPS with certificate validation, like the clients. The first run, before the HTTPS listener exists, goes over HTTP:\nansible-playbook -i inventory.yml playbook.yml -e ansible_port=5985 -e ansible_winrm_scheme=http\n(${kerberos ? 'Kerberos' : 'NTLM'} encrypts the messages); the play then stops at the end and asks for a run over HTTPS to finish.`
        : `WinRM over HTTP, as the recommendation: ${kerberos ? 'Kerberos' : 'NTLM'} encrypts every message (never Basic, never unencrypted).`,
      'winrm',
    ),
    ansible_port: f.https ? PORTS.https : PORTS.http,
    ansible_winrm_scheme: f.https ? 'https' : 'http',
    ansible_winrm_transport: kerberos ? 'kerberos' : 'ntlm',
    ansible_winrm_message_encryption: f.https ? 'auto' : 'always',
  };
  if (f.https) {
    vars.ansible_winrm_server_cert_validation = 'validate';
    if (f.selfSigned) {
      vars.ansible_winrm_ca_trust_path = commented(
        'The self-signed certificate the play saves next to the playbook (server-certificates/<host>.pem).',
        '{{ psremoting_server_certificate_dir }}/{{ inventory_hostname }}.pem',
      );
    }
  }
  if (!kerberos) vars.ansible_user = commented('An administrator of the server; keep its password in a vault (ansible_password).', f.certAuth ? 'Administrator' : '.\\Administrator');
  return vars;
}

function jeaGroup(m: ScriptModel): string {
  if (m.answers.domain === 'workgroup') return JEA.exampleLocalGroup;
  if (m.answers.domain === 'untrusted') return JEA.exampleGroupUntrusted;
  return JEA.exampleGroup;
}

function playVars(m: ScriptModel, target: AnsibleTarget): Record<string, YamlData> {
  const admin = m.firewall.remoteAddress;
  const vars: Record<string, YamlData> = {
    psremoting_admin_subnet: commented(
      `The addresses you administer from: addresses or CIDR prefixes${target === 'linux-ssh' ? '' : ', a-b ranges, LocalSubnet'}. Never Any.${admin.isExample ? `\n${EXAMPLE_ADMIN_SUBNET} is an example: the play stops until you change it.` : ''}`,
      admin.values.map(unsafe),
    ),
  };
  if (target === 'windows-winrm') {
    const f = targetFacts(m);
    if (f.jea) vars.psremoting_jea_group = commented('The group whose members may use the JEA endpoint.', unsafe(jeaGroup(m)));
    if (f.gmsa) vars.psremoting_jea_gmsa = commented('The group managed service account the JEA endpoint runs as (it must exist).', unsafe(JEA.exampleGmsa));
    if (f.canEnroll) vars.psremoting_certificate_template = commented("Your enterprise CA's template for server certificates.", unsafe(m.certificate?.template ?? 'WebServer'));
    if (f.selfSigned) vars.psremoting_server_certificate_dir = commented('Where the play saves each server\'s self-signed certificate on the controller.', '{{ playbook_dir }}/server-certificates');
    if (f.certAuth) {
      Object.assign(vars, {
        psremoting_mapped_user: commented('The local account the client certificate logs on as (it must exist).', unsafe(mappedAccount(m))),
        psremoting_client_certificate_file: commented('The client certificate the client script exported, on the controller.', 'files/PSRemotingGuide-client.cer'),
        psremoting_client_certificate_remote_path: 'C:\\ProgramData\\PSRemotingGuide-client.cer',
        psremoting_client_certificate_thumbprint: commented('The thumbprint the client script printed.', 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT'),
        psremoting_mapped_user_password: commented('The password of psremoting_mapped_user, which the mapping stores: keep it in a vault.', '{{ vault_psremoting_mapped_user_password }}'),
        psremoting_refresh_certificate_mapping: commented('true after that password changes: the mapping is replaced.', false),
      });
    }
    vars.psremoting_script_block_logging = commented('false if Group Policy already manages PowerShell logging.', true);
    return vars;
  }
  const windows = target === 'windows-ssh';
  Object.assign(vars, {
    psremoting_allow_groups: commented(
      'The groups whose members may log on over SSH (every SSH logon). The account Ansible logs on with must be in one.',
      [unsafe(windows ? WINDOWS_SSH_DEFAULTS.allowGroup : SSH.linuxAllowGroup)],
    ),
    psremoting_ssh_port: commented('The port sshd listens on (checked, not changed).', PORTS.ssh),
    psremoting_disable_password_authentication: commented('true once key logon works for everyone who needs it.', false),
    psremoting_sshd_config_path: windows ? WINDOWS_SSH_DEFAULTS.configPath : SSH.linuxConfigPath,
  });
  if (windows) {
    vars.psremoting_subsystem_pwsh_path = commented('PowerShell 7 on the server (a path with spaces is replaced by its 8.3 short name).', WINDOWS_SSH_DEFAULTS.pwsh);
  } else {
    Object.assign(vars, {
      psremoting_sshd_path: SSH.linuxSshd,
      psremoting_pwsh_path: commented('PowerShell 7 on the server, the program of the powershell subsystem (a path without spaces).', '/usr/bin/pwsh'),
      psremoting_sshd_service: commented("The systemd unit of sshd; empty: ssh or sshd, whichever exists.", ''),
      psremoting_sshd_reload_command: commented('A command that reloads sshd instead of systemd (argv list), for an sshd systemd does not run.', []),
      psremoting_manage_firewall: commented('false to leave the firewall (ufw or firewalld) alone.', true),
      psremoting_firewall_close_open_ssh: commented(
        'true to remove the rules that admit SSH from anywhere (ufw OpenSSH, firewalld service ssh), once the controller is in psremoting_admin_subnet.',
        false,
      ),
    });
  }
  vars.psremoting_script_block_logging = commented(
    windows ? 'PowerShell 7 script block logging (PowerShellCore policy key); false if Group Policy manages it.' : 'PowerShell 7 script block logging (powershell.config.json in $PSHOME).',
    true,
  );
  return vars;
}

export function inventoryData(m: ScriptModel, target: AnsibleTarget): YamlData {
  const host = m.hosts.target;
  const hosts: Record<string, YamlData> = {
    [host.value]: host.isExample ? commented(`${host.value} is an example: put your servers here (the play stops on the example).`, null) : null,
  };
  return {
    all: {
      children: {
        [TARGET_GROUP]: {
          hosts,
          vars: { ...connectionVars(m, target), ...playVars(m, target) },
        },
      },
    },
  };
}
