/**
 * The playbooks of every path checked by Ansible itself (Debian's ansible and ansible-lint):
 *
 * 1. `ansible-playbook --syntax-check` of every distinct playbook, in one process (one playbook that
 *    imports them all); `ansible-lint --profile production` over all of them in one invocation, with
 *    no violation. Playbooks differ by path only in their header (it names the permalink), so the
 *    distinct ones are found without it.
 * 2. The Linux SSH playbook run for real against localhost (connection local) on a private sshd, as
 *    the SSH scripts' test does (tests/powershell/ssh.test.ts: its own sshd_config copy, host key,
 *    port and PowerShell 7 copy; the machine's sshd is never touched). --check first (nothing
 *    changes), then applied, applied again (changed=0), --check again, and pwsh connects through the
 *    powershell subsystem. The firewall tasks are turned off (psremoting_manage_firewall: false):
 *    they would change the firewall of the machine running the tests. sshd is reloaded with a
 *    command (SIGHUP to the private sshd) instead of systemd. No become: the tests run as root.
 *
 * Times on a busy 2-core machine: syntax check ~2 s, ansible-lint 40 s to 2 min, live run 40-70 s.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { parseYaml } from '../../src/core/ansible/yaml-data';
import { recommend } from '../../src/core/recommend';
import { allCompleteAnswers } from '../../src/core/testing/answers';
import { PWSH, runPwshFile } from '../powershell/pwsh';
import { effectiveConfig, freePort, SSHD, waitForBanner } from '../powershell/private-sshd';
import { ANSIBLE_LINT, ANSIBLE_PLAYBOOK, describeWithTool } from './tools';

const PRIVSEP_DIR = '/run/sshd';
const FIXTURE = join(import.meta.dirname, '..', 'powershell', 'ssh', 'debian-12-sshd_config');
const DEBIAN_INCLUDE = 'Include /etc/ssh/sshd_config.d/*.conf';

/** The distinct playbooks (by their text after the header), each with the first path that has it. */
function distinctPlaybooks(): Map<string, string> {
  const out = new Map<string, string>();
  for (const answers of allCompleteAnswers()) {
    const text = recommend(answers).ansible.playbook;
    const body = text.slice(text.indexOf('\n---\n'));
    if (!out.has(body)) out.set(body, text);
  }
  return out;
}

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describeWithTool('ansible-playbook', ANSIBLE_PLAYBOOK, 'every distinct playbook passes Ansible\'s checks', (ansiblePlaybook) => {
  let dir = '';
  let files: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync('/tmp/psrg-ansible-lint-');
    files = [...distinctPlaybooks().values()].map((text, i) => {
      const name = `playbook-${String(i + 1).padStart(3, '0')}.yml`;
      writeFileSync(join(dir, name), text);
      return name;
    });
    writeFileSync(join(dir, 'all.yml'), stringify(files.map((name) => ({ 'ansible.builtin.import_playbook': name }))));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('ansible-playbook --syntax-check (all distinct playbooks, one process)', async () => {
    expect(files.length).toBeGreaterThan(10);
    const result = await run(ansiblePlaybook, ['--syntax-check', '-i', 'localhost,', 'all.yml'], { cwd: dir });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('playbook: all.yml');
    // The control: the same import list with one broken playbook at the end fails, so every import is read.
    writeFileSync(join(dir, 'broken.yml'), stringify([{ name: 'Broken', hosts: 'all', tasks: [{ name: 'No such module', 'ansible.builtin.no_such_module': {} }] }]));
    writeFileSync(join(dir, 'control.yml'), stringify([...files, 'broken.yml'].map((name) => ({ 'ansible.builtin.import_playbook': name }))));
    const control = await run(ansiblePlaybook, ['--syntax-check', '-i', 'localhost,', 'control.yml'], { cwd: dir });
    expect(control.code, control.output).not.toBe(0);
    expect(control.output).toMatch(/no_such_module/);
  }, 300_000);

  describeWithTool('ansible-lint', ANSIBLE_LINT, 'ansible-lint', (ansibleLint) => {
    test('ansible-lint --profile production: no violation', async () => {
      // ansible-lint lints only files under its working directory, hence cwd.
      const result = await run(ansibleLint, ['--offline', '--nocolor', '--profile', 'production', '-p', ...files], { cwd: dir, env: { NO_COLOR: '1' } });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(new RegExp(`Passed with production profile: 0 failure\\(s\\), 0 warning\\(s\\) on ${files.length} files`));
    }, 600_000);
  });
});

function missingRequirement(): string | undefined {
  if (process.platform !== 'linux') return 'Linux';
  if (process.getuid?.() !== 0) return 'root';
  if (!PWSH) return 'PowerShell 7 (dotnet tool install --global PowerShell --version 7.6.9)';
  for (const tool of [SSHD, '/usr/bin/ssh', '/usr/bin/ssh-keygen']) if (!existsSync(tool)) return `${tool} (apt-get install openssh-server openssh-client)`;
  return undefined;
}

describeWithTool('ansible-playbook', ANSIBLE_PLAYBOOK, 'the Linux SSH playbook against a private sshd', (ansiblePlaybook) => {
  const requirement = missingRequirement();
  if (requirement) {
    if (process.env.CI === 'true') test('runs as root with pwsh and openssh-server (required under CI=true)', () => { throw new Error(`The live Ansible test needs ${requirement}.`); });
    else test.skip(`needs ${requirement}`, () => {});
    return;
  }

  const rec = recommend({ platform: 'mixed', network: 'private', who: 'admins', hop: 'none' }, { target: 'linux01.example.net' });
  let tmp = '';
  let configPath = '';
  let pwshCopy = '';
  let clientKey = '';
  let port = 0;
  let sshd: ChildProcess | undefined;
  let sshdLog = '';
  let createdPrivsepDir = false;
  let original = Buffer.alloc(0);

  const playbook = (...extra: string[]) =>
    run(ansiblePlaybook, ['-i', join(tmp, 'inventory.yml'), join(tmp, 'playbook.yml'), ...extra], {
      cwd: tmp,
      // SUDO_USER empty: the play then checks root, who runs it (not whoever started the tests).
      env: { SUDO_USER: '', ANSIBLE_LOCAL_TEMP: join(tmp, 'ansible-tmp'), ANSIBLE_HOME: join(tmp, 'ansible-home') },
    });

  /** changed=N of the recap line for localhost, or undefined when there is none. */
  const recap = (output: string) => {
    const line = /^localhost\s+:\s+(.*)$/m.exec(output)?.[1] ?? '';
    const value = (key: string) => Number(new RegExp(`${key}=(\\d+)`).exec(line)?.[1] ?? NaN);
    return { ok: value('ok'), changed: value('changed'), failed: value('failed'), unreachable: value('unreachable') };
  };

  beforeAll(async () => {
    tmp = mkdtempSync('/tmp/psrg-ansible-ssh-');
    for (const dir of ['etc/sshd_config.d', 'keys', 'authorized_keys']) mkdirSync(join(tmp, dir), { recursive: true });

    // A private PowerShell 7: the play writes powershell.config.json into its $PSHOME.
    const psHome = execFileSync(PWSH as string, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSHOME'], { encoding: 'utf8' }).trim();
    cpSync(psHome, join(tmp, 'pwsh'), { recursive: true, preserveTimestamps: true });
    pwshCopy = join(tmp, 'pwsh', 'pwsh');
    chmodSync(pwshCopy, 0o755);

    execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(tmp, 'keys', 'host')]);
    execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(tmp, 'keys', 'client')]);
    clientKey = join(tmp, 'keys', 'client');
    writeFileSync(join(tmp, 'authorized_keys', 'root'), readFileSync(`${clientKey}.pub`));

    const stock = readFileSync(FIXTURE, 'utf8');
    expect(stock).toContain(DEBIAN_INCLUDE);
    configPath = join(tmp, 'etc', 'sshd_config');
    writeFileSync(configPath, stock.replace(DEBIAN_INCLUDE, `Include ${tmp}/etc/sshd_config.d/*.conf`));
    original = readFileSync(configPath);
    port = await freePort();
    writeFileSync(
      join(tmp, 'etc', 'sshd_config.d', '10-private.conf'),
      [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${tmp}/keys/host`, `PidFile ${tmp}/sshd.pid`, `AuthorizedKeysFile ${tmp}/authorized_keys/%u`, 'StrictModes no', ''].join('\n'),
    );

    if (!existsSync(PRIVSEP_DIR)) {
      mkdirSync(PRIVSEP_DIR, { mode: 0o755 });
      createdPrivsepDir = true;
    }
    execFileSync(SSHD, ['-t', '-f', configPath]);
    sshd = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd.stderr?.setEncoding('utf8').on('data', (d: string) => (sshdLog += d));
    expect(await waitForBanner(port), sshdLog).toMatch(/^SSH-2\.0-OpenSSH/);

    // The generated files, with the example inventory's values edited as a user would.
    writeFileSync(join(tmp, 'playbook.yml'), rec.ansible.playbook);
    const inventory = parseYaml(rec.ansible.inventory) as { all: { children: { psremoting_targets: { vars: Record<string, unknown> } } } };
    const vars = inventory.all.children.psremoting_targets.vars;
    expect(vars.psremoting_allow_groups).toEqual(['psremoting']);
    Object.assign(vars, {
      ansible_connection: 'local',
      ansible_become: false,
      ansible_python_interpreter: '/usr/bin/python3',
      psremoting_admin_subnet: ['127.0.0.0/8'],
      psremoting_allow_groups: ['root'],
      psremoting_ssh_port: port,
      psremoting_sshd_config_path: configPath,
      psremoting_pwsh_path: pwshCopy,
      psremoting_sshd_reload_command: ['/bin/kill', '-HUP', String(sshd.pid)],
      psremoting_manage_firewall: false,
    });
    writeFileSync(join(tmp, 'inventory.yml'), stringify({ all: { children: { psremoting_targets: { hosts: { localhost: null }, vars } } } }));
  }, 180_000);

  afterAll(() => {
    sshd?.kill('SIGTERM');
    if (createdPrivsepDir) rmdirSync(PRIVSEP_DIR);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('--check on the untouched sshd reports changes and changes nothing', async () => {
    const result = await playbook('--check');
    expect(result.code, result.output).toBe(0);
    expect(recap(result.output).changed, result.output).toBeGreaterThan(0);
    expect(readFileSync(configPath).equals(original)).toBe(true);
    expect(existsSync(join(tmp, 'pwsh', 'powershell.config.json'))).toBe(false);
  }, 300_000);

  test('applied: the script\'s block at the top, the rest of the file untouched, sshd reloaded', async () => {
    const result = await playbook();
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('RUNNING HANDLER [Reload sshd (psremoting_sshd_reload_command)]');
    const written = readFileSync(configPath, 'utf8');
    expect(written.startsWith('# BEGIN PowerShell Remoting Security Guide\n')).toBe(true);
    expect(written.endsWith(original.toString('utf8')), 'the rest of the file is unchanged').toBe(true);
    const effective = effectiveConfig(configPath);
    expect(effective.get('allowgroups')).toEqual(['root']);
    expect(effective.get('pubkeyauthentication')).toEqual(['yes']);
    expect(effective.get('subsystem')).toContain(`powershell ${pwshCopy} -sshs`);
    expect(readFileSync(join(tmp, 'pwsh', 'powershell.config.json'), 'utf8')).toMatch(/"EnableScriptBlockLogging": true/);
  }, 300_000);

  test('applied again: changed=0; --check: changed=0', async () => {
    const before = readFileSync(configPath);
    const again = await playbook();
    expect(again.code, again.output).toBe(0);
    expect(recap(again.output), again.output).toMatchObject({ changed: 0, failed: 0 });
    const check = await playbook('--check');
    expect(check.code, check.output).toBe(0);
    expect(recap(check.output), check.output).toMatchObject({ changed: 0, failed: 0 });
    expect(readFileSync(configPath).equals(before)).toBe(true);
  }, 300_000);

  test('pwsh connects through the powershell subsystem', async () => {
    expect(await waitForBanner(port)).toMatch(/^SSH-2\.0-/);
    const script = join(tmp, 'connect.ps1');
    writeFileSync(
      script,
      [
        "$options = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; BatchMode = 'yes'; IdentitiesOnly = 'yes' }",
        `$remote = Invoke-Command -HostName 127.0.0.1 -Port ${port} -UserName root -KeyFilePath '${clientKey}' -Options $options -ErrorAction Stop -ScriptBlock {`,
        '    [pscustomobject]@{ User = [string](id -un); PSHome = $PSHOME; InRemoteSession = $null -ne $PSSenderInfo; Sum = (1..10 | Measure-Object -Sum).Sum }',
        '}',
        "Write-Output ('RESULT ' + ($remote | Select-Object -Property User, PSHome, InRemoteSession, Sum | ConvertTo-Json -Compress))",
      ].join('\n'),
    );
    const result = await runPwshFile(pwshCopy, script);
    const line = result.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, result.stdout + result.stderr + sshdLog).toBeDefined();
    expect(JSON.parse((line as string).slice('RESULT '.length))).toEqual({ User: 'root', PSHome: join(tmp, 'pwsh'), InRemoteSession: true, Sum: 55 });
  }, 120_000);
});

describe('the live test covers the path the guide recommends for Linux servers', () => {
  test('its answers give the Linux SSH play', () => {
    expect(recommend({ platform: 'mixed', network: 'private', who: 'admins', hop: 'none' }).ansible.target).toBe('linux-ssh');
  });
});
