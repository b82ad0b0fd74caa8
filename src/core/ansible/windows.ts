/**
 * The Windows plays: the WinRM paths (transport http/https) and the Windows end of the SSH path.
 * Every change runs the section renderers of the single-server target script (winScript), in the
 * script's order; registry values, services and certificate stores use the ansible.windows modules.
 *
 * Firewall rules go through win_powershell, not community.windows.win_firewall_rule: that module
 * finds rules by display name through the COM API, while the target script, its rollback and the
 * Group Policy output address the guide's rules by rule name (New-NetFirewallRule -Name) and the
 * built-in rules by a name pattern (WINRM-HTTP-In-TCP*), so only the same cmdlets give the same rules.
 */
import { BUILTIN_OPENSSH_RULE, JEA, PATHS, SSH } from '../rules/constants';
import {
  writeAdminSubnetCheck,
  writeElevationCheckWindows,
  writeExampleCheck,
  writeFirewallHelper,
  writeModuleCheck,
  writePolicyPreflight,
  writeVersionCheck,
  writeWSManHelper,
  type ScriptModel,
} from '../powershell/common';
import { num, q, qList } from '../powershell/quote';
import { writeSshAllowGroupsCheck, writeSshdConfigFunctions, writeSshPlatformPreflight, writeSubsystemPathCheck } from '../powershell/ssh-target-sections';
import { writeCertificatePreflight, writeServerCertificate } from '../powershell/winrm/certificate';
import { writeClientCertificateMapping, writeClientCertificatePreflight } from '../powershell/winrm/client-certificate';
import { writeCredSSPServer } from '../powershell/winrm/delegation';
import { writeEndpoint, writeEndpointPreflight } from '../powershell/winrm/endpoint';
import { targetFacts } from '../powershell/winrm/facts';
import { writeFirewallPreflight } from '../powershell/winrm/firewall';
import { writeHttpListenerRemoval, writeHttpsListener } from '../powershell/winrm/listener';
import { plannedTargetValues } from '../powershell/winrm/preflight';
import { writeServiceHardening } from '../powershell/winrm/service';
import { ps, PsWriter } from '../powershell/writer';
import { adminSubnetAssertions, assertTask, TARGET_GROUP, type Task } from './common';
import { winScript, type PsParameterType } from './win-script';
import { commented, unsafe, type YamlData } from './yaml-data';

/** Registry paths for win_regedit (HKLM:\ as the module writes it). */
const regPath = (path: string): string => path.replace(/^HKLM:\\/i, 'HKLM:\\');

const TARGET = "{{ psremoting_target | default(inventory_hostname) }}";

/**
 * How Ansible reaches this host: 'http' (WinRM on 5985), 'https' (WinRM on 5986) or 'ssh', from the
 * connection variables (winrm and psrp default to HTTPS unless the port is 5985).
 */
const CONNECTION_SCHEME =
  "{{ 'ssh' if (ansible_connection | default('')) == 'ssh' else ((ansible_psrp_protocol | default('http' if (ansible_port | default(5986) | int) == 5985 else 'https')) if (ansible_connection | default('')) == 'psrp' else (ansible_winrm_scheme | default('http' if (ansible_port | default(5986) | int) == 5985 else 'https'))) }}";

function winPowerShell(name: string, parameters: Record<string, [PsParameterType, string]>, body: (w: PsWriter) => void, extra: Task = {}): Task {
  const types: Record<string, PsParameterType> = {};
  const values: Record<string, YamlData> = {};
  for (const [key, [type, value]] of Object.entries(parameters)) {
    types[key] = type;
    values[key] = value;
  }
  const args: Record<string, YamlData> = { script: unsafe(winScript(types, body)) };
  if (Object.keys(values).length > 0) args.parameters = values;
  return { name, 'ansible.windows.win_powershell': args, ...extra };
}

/** Checks on the controller before anything runs on a host: the admin list, and no connection that sends secrets in the clear or skips certificate checks. */
function inventoryChecks(): Task {
  return assertTask(
    'Check the inventory values (nothing is changed)',
    [
      ...adminSubnetAssertions(),
      "(ansible_winrm_transport | default('') | string | lower) is not search('basic|plaintext')",
      "(ansible_psrp_auth | default('') | string | lower) != 'basic'",
      "(ansible_winrm_server_cert_validation | default('validate') | string | lower) != 'ignore'",
      "(ansible_psrp_cert_validation | default('validate') | string | lower) not in ['ignore', 'false', 'no']",
    ],
    'Set psremoting_admin_subnet to the list of addresses you administer from (never Any), and connect with Kerberos or NTLM with certificate validation (never Basic, never ansible_winrm_server_cert_validation: ignore). Nothing was changed.',
  );
}

function connectionFact(): Task {
  return {
    name: 'Note how Ansible reaches this host (a listener or port it uses must not go while it runs)',
    'ansible.builtin.set_fact': { psremoting_connection_scheme: CONNECTION_SCHEME },
  };
}

const TARGET_PARAMS: Record<string, [PsParameterType, string]> = {
  Target: ['string', TARGET],
  AdminSubnet: ['string[]', '{{ psremoting_admin_subnet }}'],
};

function winrmPreflight(m: ScriptModel): Task {
  const f = targetFacts(m);
  const params: Record<string, [PsParameterType, string]> = { ...TARGET_PARAMS };
  if (f.jea) params.JeaGroup = ['string', '{{ psremoting_jea_group }}'];
  if (f.gmsa) params.JeaGmsa = ['string', '{{ psremoting_jea_gmsa }}'];
  if (f.canEnroll) params.CertificateTemplate = ['string', '{{ psremoting_certificate_template }}'];
  if (f.certAuth) {
    params.MappedUser = ['string', '{{ psremoting_mapped_user }}'];
    params.ClientCertificateFile = ['string', '{{ psremoting_client_certificate_remote_path }}'];
    params.ClientCertificateThumbprint = ['string', '{{ psremoting_client_certificate_thumbprint }}'];
    // In check mode the copy before this task only reports that it would copy the file: it is not there to check yet.
    params.ClientCertificatePending = ['bool', '{{ ansible_check_mode and psremoting_client_certificate_copy is changed }}'];
  }
  return winPowerShell(
    'Pre-flight checks of the target script (nothing is changed)',
    params,
    (w) => {
      writeElevationCheckWindows(w);
      writeVersionCheck(w, '5.1');
      writeExampleCheck(w, 'Target');
      writeAdminSubnetCheck(w);
      w.code(ps`
        if ((Get-Service -Name WinRM).Status -ne 'Running') {
            throw 'The WinRM service is not running. Enable remoting first with Enable-PSRemoting -Force, then run this playbook again. Nothing was changed.'
        }
      `);
      writeModuleCheck(w, 'NetSecurity', 'It provides the firewall cmdlets (Windows 8 / Server 2012 and later).');
      writeModuleCheck(w, 'NetConnection', 'It provides Get-NetConnectionProfile (Windows 8 / Server 2012 and later).');
      if (f.https || f.certAuth) writeModuleCheck(w, 'PKI', 'It provides the certificate cmdlets (Windows 8 / Server 2012 and later).');
      writePolicyPreflight(w, plannedTargetValues(m));
      writeFirewallPreflight(w, m);
      writeEndpointPreflight(w, m);
      if (f.certAuth) w.indented('if (-not $ClientCertificatePending) {', () => writeClientCertificatePreflight(w, m));
      writeCertificatePreflight(w, m);
      if (f.removesHttpListener) writeAllowAutoConfigCheck(w);
    },
    { changed_when: false },
  );
}

/** The policy that re-creates the HTTP listener (the target script checks it in its pre-flight too). */
function writeAllowAutoConfigCheck(w: PsWriter): void {
  w.code(ps`
    if ((Get-ItemProperty -Path ${q(`${PATHS.winrmPolicyKey}\\Service`)} -Name AllowAutoConfig -ErrorAction SilentlyContinue).AllowAutoConfig -eq 1) {
        throw 'The HTTP listener is created by Group Policy: the policy "Allow remote server management through WinRM" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service) is enabled, so it cannot be removed. Change that policy for this server (or leave its IPv4/IPv6 filters empty), then run this playbook again. Nothing was changed.'
    }
  `);
}

function certificateTasks(m: ScriptModel): Task[] {
  const f = targetFacts(m);
  if (!f.https) return [];
  const params: Record<string, [PsParameterType, string]> = {
    Target: ['string', TARGET],
    RefuseListenerChange: ['bool', f.selfSigned ? "{{ psremoting_connection_scheme == 'https' }}" : '{{ false }}'],
  };
  if (f.canEnroll) params.CertificateTemplate = ['string', '{{ psremoting_certificate_template }}'];
  const tasks: Task[] = [
    winPowerShell(
      'Server certificate and HTTPS listener (changed in place, never removed and re-created)',
      params,
      (w) => {
        writeCertificatePreflight(w, m);
        if (f.selfSigned) {
          // Ansible over HTTPS trusts the listener's current self-signed certificate only: switching it would cut the play off.
          w.code(ps`
            if ($RefuseListenerChange -and $guideListenerChanges) {
                throw ('This play reaches the server over HTTPS, and the HTTPS listener would switch from the certificate {0} to one Ansible does not trust yet. Add the new certificate (saved next to the playbook by the previous run) to the trust path of the connection, or run this play once over HTTP (5985), then run it again. Nothing was changed.' -f $httpsListener.CertificateThumbprint)
            }
          `);
        }
        // A new certificate is recorded once it exists (its thumbprint names it): check mode stops before it is created or enrolled.
        w.code(ps`
          if (-not $serverCertificate -and $Ansible.CheckMode) {
              Save-GuideChange @{ Kind = 'CertificateCreated' }
          }
        `);
        // The self-signed certificate is exported for the clients into the task's temporary folder; the next task saves it on the controller.
        w.code(ps`$GuideBackupRoot = $Ansible.Tmpdir`);
        writeServerCertificate(w, m);
        writeHttpsListener(w, m);
        w.code(ps`
          if ($serverCertificate) {
              $Ansible.Result = @{ Thumbprint = $serverCertificate.Thumbprint; NotAfter = $serverCertificate.NotAfter.ToString('yyyy-MM-dd'); Base64 = [Convert]::ToBase64String($serverCertificate.RawData) }
          }
        `);
      },
      { register: 'psremoting_server_certificate' },
    ),
  ];
  if (f.selfSigned) {
    tasks.push(
      commented('The self-signed certificate, for the clients (client script) and for the trust path of the HTTPS connection.', {
        name: 'Save the server certificate on the controller',
        'ansible.builtin.copy': {
          content:
            "-----BEGIN CERTIFICATE-----\n{{ psremoting_server_certificate.result.Base64 | regex_replace('(.{64})', '\\1\\n') | trim }}\n-----END CERTIFICATE-----\n",
          dest: '{{ psremoting_server_certificate_dir }}/{{ inventory_hostname }}.pem',
          mode: '0644',
        },
        delegate_to: 'localhost',
        become: false,
        when: 'psremoting_server_certificate.result.Base64 is defined',
      }) as unknown as Task,
    );
  }
  return tasks;
}

function serviceTask(m: ScriptModel): Task {
  return winPowerShell('WinRM service: no unencrypted traffic, no Basic, channel binding, CredSSP', {}, (w) => {
    writeWSManHelper(w);
    writeServiceHardening(w, m);
    writeCredSSPServer(w, m);
  });
}

/**
 * The client certificate file goes to the server before the pre-flight, which checks it (its
 * thumbprint, EKU, UPN and issuer) before anything changes, as the target script does with the file
 * the user copied first.
 */
function clientCertificateCopyTasks(m: ScriptModel): Task[] {
  if (!targetFacts(m).certAuth) return [];
  return [
    {
      name: 'Copy the client certificate to the server (the pre-flight checks it)',
      'ansible.windows.win_copy': { src: '{{ psremoting_client_certificate_file }}', dest: '{{ psremoting_client_certificate_remote_path }}' },
      register: 'psremoting_client_certificate_copy',
    },
  ];
}

function clientCertificateTasks(m: ScriptModel): Task[] {
  const f = targetFacts(m);
  if (!f.certAuth) return [];
  const stores = f.caClientCertificate ? ['TrustedPeople'] : ['Root', 'TrustedPeople'];
  const params: Record<string, [PsParameterType, string]> = {
    MappedUser: ['string', '{{ psremoting_mapped_user }}'],
    ClientCertificateFile: ['string', '{{ psremoting_client_certificate_remote_path }}'],
    ClientCertificateThumbprint: ['string', '{{ psremoting_client_certificate_thumbprint }}'],
    RefreshCertificateMapping: ['bool', '{{ psremoting_refresh_certificate_mapping | bool }}'],
    MappedUserPassword: ['string', '{{ psremoting_mapped_user_password }}'],
  };
  const tasks: Task[] = [
    {
      name: `Trust the client certificate (LocalMachine ${stores.join(' and ')})`,
      'ansible.windows.win_certificate_store': {
        path: '{{ psremoting_client_certificate_remote_path }}',
        store_location: 'LocalMachine',
        store_name: '{{ item }}',
        state: 'present',
      },
      loop: stores,
      when: 'not (ansible_check_mode and psremoting_client_certificate_copy is changed)',
    },
    winPowerShell(
      'Certificate authentication and the mapping of the client certificate to the local account',
      params,
      (w) => {
        writeWSManHelper(w);
        writeClientCertificatePreflight(w, m);
        // The mapping asks Get-Credential for the password it stores; here it comes from the inventory (keep it in a vault).
        w.code(ps`
          function Get-Credential {
              param([string]$UserName, [string]$Message)
              if ([string]::IsNullOrEmpty($MappedUserPassword)) { return $null }
              return [pscredential]::new($UserName, (ConvertTo-SecureString -String $MappedUserPassword -AsPlainText -Force))
          }
        `);
        writeClientCertificateMapping(w, m);
      },
      { no_log: true, when: 'not (ansible_check_mode and psremoting_client_certificate_copy is changed)' },
    ),
  ];
  return tasks;
}

function firewallTask(m: ScriptModel, options: { port: string; builtIn: string[]; keepBuiltIn: string }): Task {
  const params: Record<string, [PsParameterType, string]> = {
    AdminSubnet: ['string[]', '{{ psremoting_admin_subnet }}'],
    KeepBuiltInRules: ['bool', options.keepBuiltIn],
  };
  if (options.port === '$SshPort') params.SshPort = ['int', '{{ psremoting_ssh_port | int }}'];
  return winPowerShell('Firewall: remoting only from the admin addresses, then the built-in rules off', params, (w) => {
    writeFirewallHelper(w);
    // The scoped rule first, then the built-in rules off: no moment without a rule for the admin hosts.
    for (const rule of m.firewall.rules) {
      const port = options.port === '$SshPort' ? { code: '$SshPort' } : num(rule.port);
      w.code(ps`Set-GuideFirewallRule -Name ${q(rule.name)} -DisplayName ${q(rule.displayName)} -Port ${port} -Profiles @(${qList(rule.profiles)})`);
    }
    if (options.builtIn.length > 0) {
      w.indented('if (-not $KeepBuiltInRules) {', () => {
        for (const pattern of options.builtIn) w.code(ps`Disable-GuideBuiltInFirewallRule -Name ${q(pattern)}`);
      });
    }
  });
}

function httpListenerTasks(m: ScriptModel): Task[] {
  const f = targetFacts(m);
  if (!f.removesHttpListener) return [];
  return [
    commented(
      'Ansible must not remove the listener it is connected through: over HTTP this task is skipped and the play fails at the end, telling you to run it again over HTTPS.',
      {
        ...winPowerShell('Remove the HTTP listener (5985), after the firewall rule for HTTPS exists', {}, (w) => {
          writeAllowAutoConfigCheck(w);
          writeHttpListenerRemoval(w, m);
          w.code(ps`
            if (-not $Ansible.Changed) { Write-Host 'Unchanged: there is no HTTP listener' }
          `);
        }),
        when: "psremoting_connection_scheme != 'http'",
      },
    ) as unknown as Task,
  ];
}

function jeaTasks(m: ScriptModel): Task[] {
  const f = targetFacts(m);
  if (!f.jea) return [];
  const params: Record<string, [PsParameterType, string]> = { JeaGroup: ['string', '{{ psremoting_jea_group }}'] };
  if (f.gmsa) params.JeaGmsa = ['string', '{{ psremoting_jea_gmsa }}'];
  return [
    commented(
      'Register-PSSessionConfiguration restarts WinRM, which would cut the connection of this task: it registers without the restart here, and a handler restarts WinRM at the end (asynchronously, then waits for the connection).',
      {
        ...winPowerShell(`JEA endpoint ${JEA.endpointName} (files only SYSTEM and Administrators can change)`, params, (w) => {
          writeEndpointPreflight(w, m);
          const sub = new PsWriter();
          writeEndpoint(sub, m);
          const text = sub.toString();
          const register = `Register-PSSessionConfiguration -Name ${q(JEA.endpointName).code} -Path $sessionFile -Force`;
          if (!text.includes(register)) throw new Error('The JEA section no longer registers the endpoint as expected');
          const lines = text.replace(register, `${register} -NoServiceRestart`).replace('; WinRM was restarted', '; WinRM restarts at the end of the play').trimEnd().split('\n');
          w.code({ lines });
        }),
        notify: 'Restart WinRM',
      },
    ) as unknown as Task,
  ];
}

function loggingTasks(key: string): Task[] {
  return [
    {
      name: 'Turn on script block logging (event 4104)',
      'ansible.windows.win_regedit': { path: regPath(key), name: 'EnableScriptBlockLogging', data: 1, type: 'dword', state: 'present' },
      when: 'psremoting_script_block_logging | bool',
    },
  ];
}

function tokenFilterTasks(): Task[] {
  return [
    {
      name: 'Read LocalAccountTokenFilterPolicy (never changed)',
      'ansible.windows.win_reg_stat': { path: regPath(PATHS.latfpKey), name: 'LocalAccountTokenFilterPolicy' },
      register: 'psremoting_latfp',
    },
    {
      name: 'Warn when UAC remote restrictions are off for local accounts',
      'ansible.builtin.debug': {
        msg: 'LocalAccountTokenFilterPolicy is 1: UAC remote restrictions are off for every local account (Enable-PSRemoting or winrm quickconfig may have set it). Baselines want 0. This play leaves it unchanged; set it to 0 unless something relies on it.',
      },
      when: '(psremoting_latfp.value | default(0)) == 1',
    },
  ];
}

function reconnectFailure(reason: string): Task {
  return {
    name: 'Stop here when a step was left out because this play is connected through what it closes',
    'ansible.builtin.fail': {
      msg: `Everything else is applied, but ${reason} Run this play again over HTTPS (ansible_port 5986 with certificate validation: see the inventory) to finish.`,
    },
    when: "psremoting_connection_scheme == 'http'",
  };
}

const WINRM_HANDLERS: Task[] = [
  {
    name: 'Restart WinRM',
    'ansible.windows.win_service': { name: 'WinRM', state: 'restarted' },
    async: 120,
    poll: 0,
    when: 'not ansible_check_mode',
    notify: 'Wait for the connection after the WinRM restart',
  },
  {
    name: 'Wait for the connection after the WinRM restart',
    'ansible.builtin.wait_for_connection': { delay: 10, timeout: 300 },
    when: 'not ansible_check_mode',
  },
];

export function winrmPlay(m: ScriptModel): YamlData {
  const f = targetFacts(m);
  const tasks: YamlData[] = [
    inventoryChecks(),
    connectionFact(),
    ...clientCertificateCopyTasks(m),
    winrmPreflight(m),
    ...certificateTasks(m),
    serviceTask(m),
    ...clientCertificateTasks(m),
    firewallTask(m, {
      port: 'rule',
      builtIn: m.firewall.disablesBuiltInRules,
      keepBuiltIn: f.closesHttpPort ? "{{ psremoting_connection_scheme == 'http' }}" : '{{ false }}',
    }),
    ...httpListenerTasks(m),
    ...jeaTasks(m),
    ...loggingTasks(PATHS.scriptBlockLoggingKey),
    ...tokenFilterTasks(),
  ];
  if (f.removesHttpListener) tasks.push(reconnectFailure('the HTTP listener (5985) is still there: this play reaches the server through it, and removing it would cut the play off.'));
  else if (f.closesHttpPort) tasks.push(reconnectFailure('the built-in WinRM HTTP firewall rules are still enabled: this play reaches the server over HTTP (5985), which they admit.'));
  const play: Record<string, YamlData> = {
    name: `PowerShell remoting over WinRM ${m.transport.toUpperCase()}: ${m.authentication}, endpoint ${m.endpoint}, second hop ${m.secondHop}`,
    hosts: TARGET_GROUP,
    gather_facts: false,
    tasks,
  };
  if (f.jea) {
    // The run over HTTP fails on purpose at its end (reconnectFailure): without force_handlers Ansible
    // would drop the WinRM restart the JEA registration notified, and the next run, with nothing left
    // to change, would never notify it again, leaving the endpoint unregistered in the running service.
    play.force_handlers = true;
    play.handlers = WINRM_HANDLERS;
  }
  return play;
}

// ---------------------------------------------------------------------------------------------
// Windows end of the SSH path

const SSH_PARAMS: Record<string, [PsParameterType, string]> = {
  Target: ['string', TARGET],
  AdminSubnet: ['string[]', '{{ psremoting_admin_subnet }}'],
  SshAllowGroups: ['string[]', '{{ psremoting_allow_groups }}'],
  SshPort: ['int', '{{ psremoting_ssh_port | int }}'],
  SshdConfigPath: ['string', '{{ psremoting_sshd_config_path }}'],
  SubsystemPwshPath: ['string', '{{ psremoting_subsystem_pwsh_path }}'],
  DisablePasswordAuthentication: ['bool', '{{ psremoting_disable_password_authentication | bool }}'],
};

export function windowsSshPlay(m: ScriptModel): YamlData {
  const installed = 'not (ansible_check_mode and psremoting_openssh_install is changed)';
  const tasks: YamlData[] = [
    inventoryChecks(),
    winPowerShell(
      'Pre-flight checks of the target script (nothing is changed)',
      SSH_PARAMS,
      (w) => {
        writeExampleCheck(w, 'Target');
        writeAdminSubnetCheck(w);
        writeSshPlatformPreflight(w, m.firewall.profiles);
        // The account Ansible logs on with must be in the groups, or AllowGroups would shut this play out too.
        writeSshAllowGroupsCheck(w);
        writeSubsystemPathCheck(w);
      },
      { changed_when: false },
    ),
    {
      ...winPowerShell('Install OpenSSH Server', {}, (w) => {
        w.code(ps`
          if (-not (Get-Service -Name sshd -ErrorAction SilentlyContinue)) {
              Save-GuideChange @{ Kind = 'WindowsCapability'; Name = 'OpenSSH.Server~~~~0.0.1.0' }
              $null = Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0
              Write-Host 'Installed OpenSSH Server'
          }
        `);
      }),
      register: 'psremoting_openssh_install',
    },
    {
      name: 'Start sshd, and start it with Windows (its first start creates sshd_config and its host keys)',
      'ansible.windows.win_service': { name: 'sshd', start_mode: 'auto', state: 'started' },
      when: installed,
    },
    commented(
      'If Ansible connects over SSH, the restart at the end may end its session; it logs on again for the next task, and the pre-flight made sure its account is in AllowGroups.',
      {
        ...winPowerShell(
          'The guide block at the top of sshd_config (checked with sshd -t; the original is restored if sshd rejects it)',
          SSH_PARAMS,
          (w) => {
            writeSshPlatformPreflight(w, m.firewall.profiles);
            writeSubsystemPathCheck(w);
            writeSshdConfigFunctions(w);
            w.code(ps`
              $sshdPlan = Get-GuideSshdPlan
              if ($sshdPlan.Unchanged) {
                  Write-Host ('Unchanged: {0} already has this configuration' -f $SshdConfigPath)
              }
              else {
                  Save-GuideChange @{ Kind = 'SshdConfigBlock'; Path = $SshdConfigPath }
                  $sshdBackupCopy = $SshdConfigPath + '.' + (Get-Date -Format 'yyyyMMdd-HHmmss') + '.bak'
                  [System.IO.File]::WriteAllBytes($sshdBackupCopy, $sshdPlan.OriginalBytes)
                  [System.IO.File]::WriteAllBytes($SshdConfigPath, $sshdPlan.NewBytes)
                  $sshdCheck = @(& { $ErrorActionPreference = 'Continue'; & $sshdExe -t -f $SshdConfigPath 2>&1 })
                  if ($LASTEXITCODE -ne 0) {
                      [System.IO.File]::WriteAllBytes($SshdConfigPath, $sshdPlan.OriginalBytes)
                      throw ('sshd -t rejected the new {0} ({1}), so the previous file was restored byte for byte and sshd was not restarted.' -f $SshdConfigPath, ($sshdCheck -join ' '))
                  }
                  Write-Host ('Updated {0} (checked with sshd -t; the original is in {1})' -f $SshdConfigPath, $sshdBackupCopy)
              }
            `);
          },
        ),
        when: installed,
        notify: 'Restart sshd',
      },
    ) as unknown as YamlData,
    firewallTask(m, { port: '$SshPort', builtIn: [BUILTIN_OPENSSH_RULE], keepBuiltIn: '{{ false }}' }),
    ...loggingTasks(PATHS.pwshScriptBlockLoggingKey).map((t) => ({ ...t, name: 'Turn on PowerShell 7 script block logging (PowerShellCore policy key)' })),
  ];
  return {
    name: `PowerShell remoting over SSH (Windows server): key logon, AllowGroups, the powershell subsystem`,
    hosts: TARGET_GROUP,
    gather_facts: false,
    tasks,
    handlers: [{ name: 'Restart sshd', 'ansible.windows.win_service': { name: 'sshd', state: 'restarted' }, when: 'not ansible_check_mode' }],
  };
}

export const WINDOWS_SSH_DEFAULTS = {
  allowGroup: SSH.windowsAllowGroup,
  configPath: 'C:\\ProgramData\\ssh\\sshd_config',
  pwsh: 'C:\\Program Files\\PowerShell\\7\\pwsh.exe',
} as const;
