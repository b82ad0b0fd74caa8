/**
 * The Linux end of the SSH path: ansible.builtin for sshd_config (the guide's marked block at the
 * top, the same lines the target script writes, checked with sshd -t before it is put in place), a
 * handler that reloads sshd, PowerShell 7 script block logging, and the firewall with ufw or
 * firewalld, whichever the host runs.
 *
 * The pre-flight is the target script's: the admin list is checked on the host by the scripts'
 * own validator (pwsh, which the powershell subsystem needs anyway), the groups must exist and the
 * account Ansible logs on with (the sudo caller) must be in one of them, and sshd's effective
 * configuration without the guide block (sshd -T) must listen on the port, have no other
 * AllowGroups or AllowUsers line that changes who may log on, and keeps an existing powershell
 * subsystem.
 */
import { SSH } from '../rules/constants';
import { writeAdminSubnetCheck, writeExampleCheck, writePrologue, type ScriptModel } from '../powershell/common';
import { PsWriter, ps } from '../powershell/writer';
import { adminSubnetAssertions, assertTask, jinjaString, TARGET_GROUP, type Task } from './common';
import { commented, unsafe, type YamlData } from './yaml-data';

const MARKER = SSH.blockStart.replace(/^# BEGIN /, '');
if (SSH.blockStart !== `# BEGIN ${MARKER}` || SSH.blockEnd !== `# END ${MARKER}`) throw new Error('The sshd_config block markers changed');

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The lines between the markers, as the target script writes them (render: ssh-target-sections.ts). */
function blockLines(): string {
  return [
    '# Added by the target script of the guide; its rollback script takes it out again. For most keywords',
    '# sshd uses the first value it reads, so this block comes first. AllowGroups and AllowUsers lines are',
    '# combined instead: the script checked that no other such line changes who may log on.',
    'PubkeyAuthentication yes',
    'AllowGroups "{{ psremoting_allow_groups | join(\'" "\') }}"',
    '{% if psremoting_disable_password_authentication | bool %}',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    '# OpenSSH before 8.7 has a separate switch under the old name; 8.7 and later read it as the line above.',
    'ChallengeResponseAuthentication no',
    '{% endif %}',
    '{% if not psremoting_existing_subsystem %}',
    'Subsystem powershell {{ psremoting_pwsh_path }} -sshs',
    '{% endif %}',
  ].join('\n');
}

/** The admin-list validator of the scripts, run by pwsh on the host; the values come from the environment. */
function validatorScript(): string {
  const w = new PsWriter();
  w.code(ps`
    $Target = [string]$env:PSREMOTING_GUIDE_TARGET
    $AdminSubnet = @([string]$env:PSREMOTING_GUIDE_ADMIN_SUBNET | ConvertFrom-Json)
  `);
  writePrologue(w);
  writeExampleCheck(w, 'Target');
  writeAdminSubnetCheck(w);
  w.code(ps`Write-Output 'The admin addresses are valid.'`);
  return w.toString();
}

const OTHERS_REGEX = `(?ms)^${escapeRegex(SSH.blockStart)}\\r?$.*?^${escapeRegex(SSH.blockEnd)}\\r?(\\n|$)`;

function preflight(): YamlData[] {
  return [
    assertTask(
      'Check the inventory values (nothing is changed)',
      [
        ...adminSubnetAssertions(),
        // ufw and firewalld take addresses and prefixes only (no a-b ranges, no LocalSubnet).
        "psremoting_admin_subnet | map('string') | reject('match', '^[0-9A-Fa-f:.]+(/[0-9]{1,3})?$') | list | length == 0",
        'psremoting_allow_groups is iterable and psremoting_allow_groups is not string and psremoting_allow_groups | length > 0',
        `psremoting_allow_groups | map('string') | select('search', '[\\\\s"]') | list | length == 0`,
        'psremoting_ssh_port | int > 0 and psremoting_ssh_port | int < 65536',
        "psremoting_pwsh_path is string and psremoting_pwsh_path is match('^/[^\\\\s\"]+$')",
        "psremoting_sshd_config_path is string and psremoting_sshd_config_path is match('^/')",
      ],
      'Check psremoting_admin_subnet (addresses and prefixes you administer from, never Any; ufw and firewalld take no ranges and no LocalSubnet), psremoting_allow_groups (group names without spaces or quotes), psremoting_ssh_port and psremoting_pwsh_path (a path without spaces). Nothing was changed.',
    ),
    {
      name: 'Check the admin addresses with the scripts\' validator (nothing is changed)',
      'ansible.builtin.command': {
        argv: ['{{ psremoting_pwsh_path }}', '-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '& ([scriptblock]::Create($env:PSREMOTING_GUIDE_SCRIPT))'],
      },
      environment: {
        PSREMOTING_GUIDE_SCRIPT: unsafe(validatorScript()),
        PSREMOTING_GUIDE_TARGET: '{{ psremoting_target | default(inventory_hostname) }}',
        PSREMOTING_GUIDE_ADMIN_SUBNET: '{{ psremoting_admin_subnet | to_json }}',
      },
      changed_when: false,
      check_mode: false,
    },
    {
      name: 'Find sshd, pwsh and sshd_config',
      'ansible.builtin.stat': { path: '{{ item }}' },
      loop: ['{{ psremoting_sshd_path }}', '{{ psremoting_pwsh_path }}', '{{ psremoting_sshd_config_path }}'],
      register: 'psremoting_files',
    },
    assertTask(
      'Check that sshd, pwsh and sshd_config exist',
      ["psremoting_files.results | rejectattr('stat.exists') | list | length == 0"],
      "Not found: {{ psremoting_files.results | rejectattr('stat.exists') | map(attribute='item') | join(', ') }}. Install openssh-server and PowerShell 7, or set psremoting_sshd_path, psremoting_pwsh_path and psremoting_sshd_config_path. Nothing was changed.",
    ),
    {
      name: 'Check that the groups exist',
      'ansible.builtin.getent': { database: 'group', key: '{{ item }}' },
      loop: '{{ psremoting_allow_groups }}',
    },
    commented('AllowGroups admits only members of the groups: the account Ansible logs on with must be one, or the next logon (this play\'s included) is refused.', {
      name: 'Read the groups of the account Ansible logs on with',
      'ansible.builtin.command': { argv: ['id', '-Gn', "{{ (ansible_env.SUDO_USER | default('')) or ansible_user_id }}"] },
      register: 'psremoting_user_groups',
      changed_when: false,
      check_mode: false,
    }),
    assertTask(
      'Check that the account Ansible logs on with is in one of the groups',
      ['psremoting_allow_groups | intersect(psremoting_user_groups.stdout.split()) | length > 0'],
      "The account {{ (ansible_env.SUDO_USER | default('')) or ansible_user_id }} is in none of psremoting_allow_groups ({{ psremoting_allow_groups | join(', ') }}): with AllowGroups set, sshd would refuse its next logon. Add it (usermod -aG <group> <user>) and everyone else who connects. Nothing was changed.",
    ),
    {
      name: 'Read sshd_config',
      'ansible.builtin.slurp': { src: '{{ psremoting_sshd_config_path }}' },
      register: 'psremoting_sshd_config',
    },
    {
      name: 'Read the configuration sshd runs without the guide block (sshd -T)',
      'ansible.builtin.command': {
        argv: ['{{ psremoting_sshd_path }}', '-T', '-f', '/dev/stdin'],
        stdin: `{{ psremoting_sshd_config.content | b64decode | regex_replace(${jinjaString(OTHERS_REGEX)}, '') }}`,
        stdin_add_newline: false,
      },
      register: 'psremoting_sshd_effective',
      changed_when: false,
      check_mode: false,
    },
    {
      name: 'Note the values that decide the block',
      'ansible.builtin.set_fact': {
        psremoting_sshd_ports: "{{ psremoting_sshd_effective.stdout_lines | select('match', '^port ') | map('regex_replace', '^port ', '') | list }}",
        psremoting_other_allow_groups: "{{ psremoting_sshd_effective.stdout_lines | select('match', '^allowgroups ') | map('regex_replace', '^allowgroups ', '') | map('split', ' ') | flatten | reject('in', psremoting_allow_groups) | list }}",
        psremoting_allow_users: "{{ psremoting_sshd_effective.stdout_lines | select('match', '^allowusers ') | list }}",
        psremoting_existing_subsystem: "{{ psremoting_sshd_effective.stdout_lines | select('match', '^subsystem powershell ') | first | default('') }}",
      },
    },
    assertTask(
      'Check that sshd listens on the port and that no other line changes who may log on',
      [
        '(psremoting_ssh_port | string) in psremoting_sshd_ports',
        'psremoting_other_allow_groups | length == 0',
        'psremoting_allow_users | length == 0',
      ],
      "sshd listens on port(s) {{ psremoting_sshd_ports | join(', ') }} (psremoting_ssh_port: {{ psremoting_ssh_port }}); other AllowGroups: {{ psremoting_other_allow_groups | join(' ') }}; AllowUsers lines: {{ psremoting_allow_users | length }}. sshd combines every AllowGroups line, and admits a user only when AllowUsers and AllowGroups both allow them: add those groups to psremoting_allow_groups or remove the lines, and set psremoting_ssh_port to the port clients use. Nothing was changed.",
    ),
  ];
}

function sshdConfigTasks(): YamlData[] {
  return [
    commented(
      'The same block (markers included) as the target script, so either one finds it on a later run and its rollback takes it out. sshd reads the first value of most keywords, so it goes at the top.',
      {
        name: 'The guide block at the top of sshd_config (checked with sshd -t before it is put in place)',
        'ansible.builtin.blockinfile': {
          path: '{{ psremoting_sshd_config_path }}',
          marker: `# {mark} ${MARKER}`,
          marker_begin: 'BEGIN',
          marker_end: 'END',
          insertbefore: 'BOF',
          block: blockLines(),
          validate: '{{ psremoting_sshd_path }} -t -f %s',
          backup: true,
        },
        notify: 'Reload sshd',
      },
    ),
  ];
}

function loggingTasks(): YamlData[] {
  const when = 'psremoting_script_block_logging | bool';
  return [
    {
      name: 'Find PowerShell 7 ($PSHOME) for its powershell.config.json',
      'ansible.builtin.stat': { path: '{{ psremoting_pwsh_path }}' },
      register: 'psremoting_pwsh',
      when,
    },
    {
      name: 'Look for powershell.config.json',
      'ansible.builtin.stat': { path: '{{ psremoting_pwsh_config_path }}' },
      register: 'psremoting_pwsh_config_file',
      when,
    },
    {
      name: 'Read powershell.config.json',
      'ansible.builtin.slurp': { src: '{{ psremoting_pwsh_config_path }}' },
      register: 'psremoting_pwsh_config',
      when: [when, 'psremoting_pwsh_config_file.stat.exists'],
    },
    {
      name: 'Turn on PowerShell 7 script block logging (to syslog / the journal), keeping the other settings',
      'ansible.builtin.copy': {
        dest: '{{ psremoting_pwsh_config_path }}',
        content: "{{ psremoting_pwsh_settings | combine({'ScriptBlockLogging': {'EnableScriptBlockLogging': true}}, recursive=true) | to_nice_json(indent=2) }}\n",
        mode: '0644',
      },
      when: [when, "(psremoting_pwsh_settings.ScriptBlockLogging | default({})).EnableScriptBlockLogging | default(false) is not true"],
    },
  ];
}

function firewallTasks(): YamlData[] {
  const family = "{{ 'ipv6' if ':' in item else 'ipv4' }}";
  return [
    commented(
      'The firewall: an allow rule for TCP psremoting_ssh_port from each admin address, in ufw or firewalld, whichever is active (neither is\nturned on here: that would close every other port). Rules that admit SSH from anywhere stay unless psremoting_firewall_close_open_ssh\nis true: set it once the controller\'s own address is in psremoting_admin_subnet, or this play shuts itself out.',
      {
        name: 'Firewall: SSH only from the admin addresses',
        when: 'psremoting_manage_firewall | bool',
        block: [
          { name: 'Read the services (is firewalld running?)', 'ansible.builtin.service_facts': {} },
          {
            name: 'Read the ufw status',
            'ansible.builtin.command': { argv: ['ufw', 'status'] },
            register: 'psremoting_ufw',
            changed_when: false,
            check_mode: false,
            failed_when: false,
          },
          {
            name: 'Note which firewall is active',
            'ansible.builtin.set_fact': {
              psremoting_firewalld: "{{ (ansible_facts.services['firewalld.service'].state | default('')) == 'running' }}",
              psremoting_ufw_active: "{{ (psremoting_ufw.stdout | default('')) is search('Status: active') }}",
            },
          },
          {
            name: 'Allow SSH from the admin addresses (ufw)',
            'community.general.ufw': { rule: 'allow', from_ip: '{{ item }}', to_port: '{{ psremoting_ssh_port | string }}', proto: 'tcp', comment: 'PowerShell Remoting Guide: SSH from admin hosts' },
            loop: '{{ psremoting_admin_subnet }}',
            when: 'psremoting_ufw_active and not psremoting_firewalld',
          },
          {
            name: 'Allow SSH from the admin addresses (firewalld)',
            'ansible.posix.firewalld': {
              rich_rule: `rule family="${family}" source address="{{ item }}" port port="{{ psremoting_ssh_port }}" protocol="tcp" accept`,
              permanent: true,
              immediate: true,
              state: 'enabled',
            },
            loop: '{{ psremoting_admin_subnet }}',
            when: 'psremoting_firewalld',
          },
          {
            name: 'Close SSH from anywhere (ufw)',
            'community.general.ufw': { rule: 'allow', name: 'OpenSSH', delete: true },
            when: ['psremoting_ufw_active and not psremoting_firewalld', 'psremoting_firewall_close_open_ssh | bool'],
          },
          {
            name: 'Close SSH from anywhere (firewalld)',
            'ansible.posix.firewalld': { service: 'ssh', permanent: true, immediate: true, state: 'disabled' },
            when: ['psremoting_firewalld', 'psremoting_firewall_close_open_ssh | bool'],
          },
          {
            name: 'Say so when neither ufw nor firewalld is active',
            'ansible.builtin.debug': {
              msg: "Neither ufw nor firewalld is active here: allow TCP {{ psremoting_ssh_port }} only from {{ psremoting_admin_subnet | join(', ') }} with your firewall.",
            },
            when: 'not psremoting_ufw_active and not psremoting_firewalld',
          },
        ],
      },
    ),
  ];
}

export function linuxSshPlay(m: ScriptModel): YamlData {
  const tasks: YamlData[] = [...preflight(), ...sshdConfigTasks(), ...loggingTasks(), ...firewallTasks()];
  const handlers: Task[] = [
    {
      name: 'Reload sshd (systemd)',
      'ansible.builtin.systemd': { name: "{{ psremoting_sshd_service | default('', true) or ('ssh' if 'ssh.service' in ansible_facts.services | default({}) else 'sshd') }}", state: 'reloaded' },
      listen: 'Reload sshd',
      when: 'psremoting_sshd_reload_command | length == 0',
    },
    {
      name: 'Reload sshd (psremoting_sshd_reload_command)',
      'ansible.builtin.command': { argv: '{{ psremoting_sshd_reload_command }}' },
      listen: 'Reload sshd',
      when: 'psremoting_sshd_reload_command | length > 0',
      changed_when: true,
    },
  ];
  return {
    name: `PowerShell remoting over SSH (Linux server): key logon, AllowGroups, the powershell subsystem (${m.authentication})`,
    hosts: TARGET_GROUP,
    become: true,
    gather_facts: true,
    vars: {
      psremoting_pwsh_config_path: "{{ (psremoting_pwsh.stat.lnk_source | default(psremoting_pwsh_path, true)) | dirname }}/powershell.config.json",
      psremoting_pwsh_settings: "{{ (psremoting_pwsh_config.content | default('') | b64decode | trim | default('{}', true)) | from_json }}",
    },
    tasks,
    handlers,
  };
}
