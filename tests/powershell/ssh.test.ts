/**
 * The SSH target and rollback scripts, run for real under pwsh as root against a private sshd
 * (Debian's openssh-server): its own copy of a stock Debian sshd_config, its own host key, its own
 * port on 127.0.0.1, started here as `sshd -D -f <config>`. The machine's own sshd, its config and
 * its systemd units are never touched: the scripts reach "systemd" through a systemctl stand-in
 * first on PATH that records each call and sends SIGHUP to the private sshd (sshd re-reads its
 * configuration on SIGHUP). The scripts also run from a private copy of PowerShell 7 ($PSHOME), so
 * that the powershell.config.json they write (script block logging) is the copy's, not the
 * machine's.
 *
 * Needs root, /usr/sbin/sshd, ssh and ssh-keygen (Debian packages openssh-server and
 * openssh-client). The scripts keep their backups in /var/lib/psremoting-guide, as in real use:
 * the test refuses to start when that folder exists (it would mix with real backups) and removes
 * it at the end.
 *
 * About 20 s of CPU (mostly pwsh start-ups, which is why several scripts share one pwsh where the
 * test allows it); the timeouts leave room for a machine busy with other suites.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recommend } from '../../src/core/recommend';
import { allCompleteAnswers, answersKey } from '../../src/core/testing/answers';
import { describePwsh, runPwshFile, type PwshResult } from './pwsh';
import { effectiveConfig, freePort, waitForBanner } from './private-sshd';

const SSHD = '/usr/sbin/sshd';
const BACKUP_ROOT = '/var/lib/psremoting-guide';
const PRIVSEP_DIR = '/run/sshd';
const FIXTURE = join(import.meta.dirname, 'ssh', 'debian-12-sshd_config');
const DEBIAN_INCLUDE = 'Include /etc/ssh/sshd_config.d/*.conf';

function missingRequirement(): string | undefined {
  if (process.platform !== 'linux') return 'Linux';
  if (process.getuid?.() !== 0) return 'root';
  for (const tool of [SSHD, '/usr/bin/ssh', '/usr/bin/ssh-keygen']) if (!existsSync(tool)) return `${tool} (apt-get install openssh-server openssh-client)`;
  return undefined;
}

/** The edit block, filled in as a user would: each `$Name = ...` line replaced by a value. */
function fillIn(script: string, values: Record<string, string>): string {
  let text = script;
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^\\$${name} = .*$`, 'm');
    expect(text, `the edit block has $${name}`).toMatch(line);
    text = text.replace(line, () => `$${name} = ${value}`);
  }
  return text;
}

const psString = (value: string) => `'${value.replace(/'/g, "''")}'`;

const requirement = missingRequirement();

/** What no real run here can show: the Windows side of the SSH scripts, read as text. */
describe('SSH scripts, Windows side as text', () => {
  const sshPaths = allCompleteAnswers()
    .map((answers) => ({ key: answersKey(answers), rec: recommend(answers) }))
    .filter(({ rec }) => rec.transport === 'ssh');

  test('there are SSH paths', () => expect(sshPaths.length).toBeGreaterThan(0));

  test('no platform branch tests $IsWindows alone: it is $null in Windows PowerShell 5.1', () => {
    for (const { key, rec } of sshPaths) {
      for (const [name, text] of Object.entries(rec.scripts)) {
        for (const line of String(text).split('\n').filter((l: string) => l.includes('$IsWindows') && !/^\s*#/.test(l))) {
          expect(line, `${name} script of ${key}`).toContain("($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows");
        }
      }
    }
  });

  test('the Windows subsystem path is looked up (8.3 name checked), never assumed', () => {
    for (const { key, rec } of sshPaths) {
      expect(rec.scripts.target, key).not.toMatch(/progra~1/i);
      expect(rec.scripts.target, key).toContain('Get-CimInstance -ClassName Win32_Directory');
      expect(rec.scripts.target, key).toContain('EightDotThreeFileName');
    }
  });

  test('the icacls hint names Administrators and SYSTEM by SID, and passwords go off with KbdInteractiveAuthentication', () => {
    for (const { key, rec } of sshPaths) {
      expect(rec.scripts.target, key).toContain('/grant *S-1-5-32-544:F /grant *S-1-5-18:F');
      expect(rec.scripts.target, key).not.toMatch(/grant '?Administrators:F/);
      expect(rec.scripts.target, key).toContain("$block.Add('KbdInteractiveAuthentication no')");
    }
  });

  test('PowerShell 7 script block logging: the PowerShellCore policy key on Windows, undone by the rollback', () => {
    for (const { key, rec } of sshPaths) {
      expect(rec.scripts.target, key).toContain("'HKLM:\\Software\\Policies\\Microsoft\\PowerShellCore\\ScriptBlockLogging'");
      expect(rec.scripts.target, key).toContain("Save-GuideChange @{ Kind = 'RegistryValue'; Path = $loggingKey");
      expect(rec.scripts.rollback, key).toContain('function Undo-GuideRegistryValue');
      expect(rec.settings.find((setting) => setting.id === 'pwsh-script-block-logging')?.appliedBy, key).toBe('target');
    }
  });
});

describePwsh('SSH scripts against a real sshd', (pwsh) => {
  if (requirement) {
    if (process.env.CI === 'true') {
      test('runs as root with openssh-server installed (required under CI=true)', () => {
        throw new Error(`The SSH test needs ${requirement}.`);
      });
    } else {
      test.skip(`needs ${requirement}`, () => {});
    }
    return;
  }

  const answers = { platform: 'mixed', network: 'private', who: 'admins', hop: 'none' } as const;
  const rec = recommend(answers, { target: 'linux01.example.net' });
  let tmp = '';
  let configPath = '';
  let pwshCopy = '';
  let clientKey = '';
  let shimLog = '';
  let port = 0;
  let sshd: ChildProcess | undefined;
  let sshdLog = '';
  let createdPrivsepDir = false;
  let ownsBackupRoot = false;
  let original: Buffer = Buffer.alloc(0);
  let scriptCount = 0;
  let runEnv: Record<string, string> = {};

  const edits = (overrides: Record<string, string> = {}): Record<string, string> => ({
    Target: psString('127.0.0.1'),
    AdminSubnet: psString('127.0.0.0/8'),
    SshAllowGroups: psString('root'),
    SshdConfigPath: psString(configPath),
    SshPort: String(port),
    ...overrides,
  });

  const scriptFile = (text: string): string => {
    const file = join(tmp, 'scripts', `script-${++scriptCount}.ps1`);
    writeFileSync(file, text);
    return file;
  };

  /** Runs a script with pwsh -File as root, the systemctl stand-in first on PATH. */
  function run(script: string): Promise<PwshResult> {
    return runPwshFile(pwshCopy, scriptFile(script), [], { env: runEnv });
  }

  /**
   * Several scripts in one pwsh (each started with &, as a file): pwsh takes seconds to start on a
   * busy machine. Returns each step's output and, when it stopped, its error message.
   */
  async function runSteps(steps: Array<{ name: string; script: string; before?: string }>): Promise<Map<string, { output: string; error?: string }>> {
    const driver = steps.map((step) =>
      [
        step.before ?? '',
        `Write-Output ${psString(`=== BEGIN ${step.name}`)}`,
        `try { & ${psString(scriptFile(step.script))} *>&1 | Out-Host; Write-Output '=== END' }`,
        "catch { Write-Output ('=== END ' + ($_.Exception.Message -replace '\\r?\\n', ' ')) }",
      ].join('\n'),
    );
    const result = await runPwshFile(pwshCopy, scriptFile(driver.join('\n')), [], { env: runEnv });
    const outputs = new Map<string, { output: string; error?: string }>();
    for (const match of result.stdout.matchAll(/^=== BEGIN (.*)\n([\s\S]*?)^=== END ?(.*)$/gm)) {
      outputs.set(match[1] ?? '', { output: match[2] ?? '', ...(match[3] ? { error: match[3] } : {}) });
    }
    expect([...outputs.keys()], result.stdout + result.stderr).toEqual(steps.map((s) => s.name));
    return outputs;
  }

  const shimCalls = () => (existsSync(shimLog) ? readFileSync(shimLog, 'utf8').split('\n').filter(Boolean) : []);
  const reloads = () => shimCalls().filter((call) => !call.startsWith('show '));

  /** Invoke-Command over SSH through the powershell subsystem; the remote side reports on itself. */
  const connectScript = () =>
    [
      "$options = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; BatchMode = 'yes'; IdentitiesOnly = 'yes' }",
      `$remote = Invoke-Command -HostName 127.0.0.1 -Port ${port} -UserName root -KeyFilePath ${psString(clientKey)} -Options $options -ErrorAction Stop -ScriptBlock {`,
      "    $config = Join-Path -Path $PSHOME -ChildPath 'powershell.config.json'",
      '    [pscustomobject]@{',
      '        User = [string](id -un)',
      '        PSHome = $PSHOME',
      '        InRemoteSession = $null -ne $PSSenderInfo',
      '        Sum = (1..10 | Measure-Object -Sum).Sum',
      '        ScriptBlockLogging = if (Test-Path $config) { (Get-Content -Raw $config | ConvertFrom-Json).ScriptBlockLogging.EnableScriptBlockLogging } else { $null }',
      '    }',
      '}',
      "Write-Host ('RESULT ' + ($remote | Select-Object -Property User, PSHome, InRemoteSession, Sum, ScriptBlockLogging | ConvertTo-Json -Compress))",
    ].join('\n');

  const remoteResult = (output: string) => {
    const line = output.split('\n').find((l) => l.startsWith('RESULT '));
    return line ? (JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>) : undefined;
  };

  beforeAll(async () => {
    if (existsSync(BACKUP_ROOT)) {
      throw new Error(`${BACKUP_ROOT} exists: the scripts under test would mix their backups with it (and the rollback would read it). Remove it if it is left over from an earlier test run.`);
    }
    ownsBackupRoot = true;
    tmp = mkdtempSync('/tmp/psrg-ssh-');
    for (const dir of ['bin', 'etc/sshd_config.d', 'keys', 'authorized_keys', 'scripts']) mkdirSync(join(tmp, dir), { recursive: true });

    // A private PowerShell 7: the scripts write powershell.config.json into $PSHOME.
    const psHome = execFileSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSHOME'], { encoding: 'utf8' }).trim();
    cpSync(psHome, join(tmp, 'pwsh'), { recursive: true, preserveTimestamps: true });
    pwshCopy = join(tmp, 'pwsh', 'pwsh');
    chmodSync(pwshCopy, 0o755);

    execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(tmp, 'keys', 'host')]);
    execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(tmp, 'keys', 'client')]);
    clientKey = join(tmp, 'keys', 'client');
    writeFileSync(join(tmp, 'authorized_keys', 'root'), readFileSync(`${clientKey}.pub`));

    // The stock Debian file, except that its Include reads the private drop-in folder, whose file
    // holds what makes this sshd private. The guide's block goes above the Include, as in real use.
    const stock = readFileSync(FIXTURE, 'utf8');
    expect(stock).toContain(DEBIAN_INCLUDE);
    configPath = join(tmp, 'etc', 'sshd_config');
    writeFileSync(configPath, stock.replace(DEBIAN_INCLUDE, `Include ${tmp}/etc/sshd_config.d/*.conf`));
    original = readFileSync(configPath);
    port = await freePort();
    writeFileSync(
      join(tmp, 'etc', 'sshd_config.d', '10-private.conf'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${tmp}/keys/host`,
        `PidFile ${tmp}/sshd.pid`,
        `AuthorizedKeysFile ${tmp}/authorized_keys/%u`,
        // The keys live under /tmp, which StrictModes refuses (world-writable parent).
        'StrictModes no',
        '',
      ].join('\n'),
    );

    // SUDO_USER empty: the script then checks root, who runs it (not whoever started the tests).
    runEnv = { PATH: `${join(tmp, 'bin')}:${process.env.PATH ?? ''}`, SUDO_USER: '', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off' };
    shimLog = join(tmp, 'systemctl.log');
    const shim = join(tmp, 'bin', 'systemctl');
    writeFileSync(
      shim,
      [
        '#!/bin/sh',
        '# Stand-in for systemctl: records the call; "ssh" is the loaded unit (as on Debian); a reload or restart sends SIGHUP to the private sshd.',
        `echo "$*" >> '${shimLog}'`,
        'case "$1" in',
        '  show) for last; do :; done; if [ "$last" = ssh ]; then echo loaded; else echo not-found; fi ;;',
        `  reload|restart|try-reload-or-restart|reload-or-restart) kill -HUP "$(cat '${tmp}/sshd.pid')" ;;`,
        '  *) echo "unexpected systemctl call: $*" >&2; exit 1 ;;',
        'esac',
        '',
      ].join('\n'),
    );
    chmodSync(shim, 0o755);

    if (!existsSync(PRIVSEP_DIR)) {
      mkdirSync(PRIVSEP_DIR, { mode: 0o755 });
      createdPrivsepDir = true;
    }
    execFileSync(SSHD, ['-t', '-f', configPath]);
    sshd = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd.stderr?.setEncoding('utf8').on('data', (d: string) => (sshdLog += d));
    expect(await waitForBanner(port), sshdLog).toMatch(/^SSH-2\.0-OpenSSH/);
  }, 120_000);

  afterAll(() => {
    sshd?.kill('SIGTERM');
    if (createdPrivsepDir) rmdirSync(PRIVSEP_DIR);
    if (ownsBackupRoot) rmSync(BACKUP_ROOT, { recursive: true, force: true });
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('lock-outs and wrong values stop in pre-flight, and nothing changes', async () => {
    const spaced = join(tmp, 'pwsh with space');
    mkdirSync(spaced);
    execFileSync('/bin/ln', ['-s', pwshCopy, join(spaced, 'pwsh')]);
    const caseConf = join(tmp, 'etc', 'sshd_config.d', '50-case.conf');
    const cases: Array<{ name: string; edits?: Record<string, string>; sudoUser?: string; conf?: string; message: RegExp }> = [
      { name: 'you are not in the group', edits: { SshAllowGroups: psString('nogroup') }, message: /You \(root\) are in none of the groups in \$SshAllowGroups \(nogroup\)/ },
      { name: 'the sudo caller is not in the group', sudoUser: 'nobody', message: /You \(nobody\) are in none of the groups/ },
      { name: 'the group does not exist', edits: { SshAllowGroups: psString('psrg-no-such-group') }, message: /The group 'psrg-no-such-group' \(\$SshAllowGroups\) does not exist/ },
      { name: 'another AllowGroups line would widen access', conf: 'AllowGroups adm\n', message: /already has AllowGroups adm\. sshd combines every AllowGroups line/ },
      { name: 'an AllowUsers line would lock its users out', conf: 'AllowUsers alice\n', message: /has AllowUsers alice\. sshd admits a user only when AllowUsers and AllowGroups both allow them/ },
      { name: 'sshd listens on another port', edits: { SshPort: String(port + 1) }, message: new RegExp(`sshd listens on port ${port}, not on \\$SshPort \\(${port + 1}\\)`) },
      { name: 'the pwsh path has a space', edits: { SubsystemPwshPath: psString(join(spaced, 'pwsh')) }, message: /contains a space, which the Subsystem line of sshd_config cannot take/ },
      { name: 'the pwsh path does not exist', edits: { SubsystemPwshPath: psString('/nonexistent/pwsh') }, message: /PowerShell 7 was not found at \/nonexistent\/pwsh/ },
      { name: 'the present configuration is invalid', conf: 'NoSuchKeyword yes\n', message: /sshd rejects the present configuration: .*NoSuchKeyword/ },
    ];
    const steps = cases.map((c) => ({
      name: c.name,
      script: fillIn(rec.scripts.target, edits(c.edits)),
      before: [
        `$env:SUDO_USER = ${psString(c.sudoUser ?? '')}`,
        c.conf ? `[System.IO.File]::WriteAllText(${psString(caseConf)}, ${psString(c.conf)})` : `Remove-Item -LiteralPath ${psString(caseConf)} -ErrorAction SilentlyContinue`,
      ].join('\n'),
    }));
    steps.push({ name: 'no PowerShell over SSH before the target script', script: connectScript(), before: `Remove-Item -LiteralPath ${psString(caseConf)} -ErrorAction SilentlyContinue` });
    const results = await runSteps(steps);
    for (const c of cases) {
      expect(results.get(c.name)?.error, c.name).toMatch(c.message);
      expect(results.get(c.name)?.error, c.name).toMatch(/Nothing was changed\.$/);
    }
    expect(results.get('no PowerShell over SSH before the target script')?.error).toMatch(/SSH/);
    expect(sshdLog).toMatch(/subsystem request for powershell by user root failed, subsystem not found/);
    expect(readFileSync(configPath).equals(original)).toBe(true);
    expect(existsSync(BACKUP_ROOT), 'no backup folder: every case stopped before the first change').toBe(false);
    expect(reloads()).toEqual([]);
  }, 120_000);

  test('the target script configures sshd: its block first, the rest of the file untouched, sshd reloaded', async () => {
    const result = await run(fillIn(rec.scripts.target, edits()));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`Updated ${configPath} (checked with sshd -t) and reloaded sshd`);
    expect(result.stdout).not.toContain('Note:');
    expect(reloads()).toEqual(['try-reload-or-restart ssh']);

    const written = readFileSync(configPath, 'utf8');
    expect(written.startsWith('# BEGIN PowerShell Remoting Security Guide\n')).toBe(true);
    expect(written.endsWith(original.toString('utf8')), 'the rest of the file is unchanged').toBe(true);
    const effective = effectiveConfig(configPath);
    expect(effective.get('allowgroups')).toEqual(['root']);
    expect(effective.get('pubkeyauthentication')).toEqual(['yes']);
    expect(effective.get('subsystem')).toContain(`powershell ${pwshCopy} -sshs`);
    expect(readFileSync(join(tmp, 'pwsh', 'powershell.config.json'), 'utf8')).toMatch(/"EnableScriptBlockLogging": true/);
  }, 120_000);

  test('Invoke-Command -HostName reaches pwsh through the powershell subsystem; the target script run again changes nothing', async () => {
    expect(await waitForBanner(port)).toMatch(/^SSH-2\.0-/);
    const before = readFileSync(configPath);
    const reloadsBefore = reloads().length;
    const results = await runSteps([
      { name: 'connect', script: connectScript() },
      { name: 'target again', script: fillIn(rec.scripts.target, edits()) },
    ]);
    const connect = results.get('connect');
    expect(connect?.error, sshdLog).toBeUndefined();
    expect(remoteResult(connect?.output ?? '')).toEqual({ User: 'root', PSHome: join(tmp, 'pwsh'), InRemoteSession: true, Sum: 55, ScriptBlockLogging: true });

    const again = results.get('target again');
    expect(again?.error).toBeUndefined();
    expect(again?.output).toContain(`Unchanged: ${configPath} already has this configuration`);
    expect(again?.output).toContain('Unchanged: script block logging is already on');
    expect(again?.output).toContain('Finished. 0 change(s) recorded');
    expect(readFileSync(configPath).equals(before)).toBe(true);
    expect(reloads().length).toBe(reloadsBefore);
  }, 120_000);

  test('the rollback puts sshd_config back byte for byte, sshd checks it and still answers', async () => {
    const result = await run(rec.scripts.rollback);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`${configPath} is restored byte for byte; sshd checked it and reloaded`);
    expect(readFileSync(configPath).equals(original)).toBe(true);
    expect(existsSync(join(tmp, 'pwsh', 'powershell.config.json'))).toBe(false);
    expect(reloads().at(-1)).toBe('try-reload-or-restart ssh');
    execFileSync(SSHD, ['-t', '-f', configPath]);
    expect(await waitForBanner(port)).toMatch(/^SSH-2\.0-/);
    expect(effectiveConfig(configPath).get('allowgroups')).toBeUndefined();
  }, 120_000);

  test('a CRLF file without a final newline (as on Windows) keeps its line endings and comes back byte for byte', async () => {
    const crlfPath = join(tmp, 'etc', 'sshd_config.crlf');
    const crlf = Buffer.from(original.toString('utf8').trimEnd().replace(/\n/g, '\r\n'), 'utf8');
    writeFileSync(crlfPath, crlf);
    let written = Buffer.alloc(0);
    const results = await runSteps([
      { name: 'target', script: fillIn(rec.scripts.target, edits({ SshdConfigPath: psString(crlfPath), DisablePasswordAuthentication: '$true' })) },
      { name: 'copy', script: `Copy-Item -LiteralPath ${psString(crlfPath)} -Destination ${psString(`${crlfPath}.written`)}` },
      { name: 'rollback', script: rec.scripts.rollback },
    ]);
    expect(results.get('target')?.error).toBeUndefined();
    expect(results.get('rollback')?.error).toBeUndefined();
    written = readFileSync(`${crlfPath}.written`);
    expect(written.subarray(written.length - crlf.length).equals(crlf), 'the rest of the file is unchanged').toBe(true);
    const block = written.subarray(0, written.length - crlf.length).toString('utf8');
    expect(block.replace(/\r\n/g, '')).not.toContain('\n');
    expect(block).toContain('PasswordAuthentication no\r\nKbdInteractiveAuthentication no\r\n');
    writeFileSync(`${crlfPath}.check`, written);
    const effective = effectiveConfig(`${crlfPath}.check`);
    expect(effective.get('passwordauthentication')).toEqual(['no']);
    expect(effective.get('kbdinteractiveauthentication')).toEqual(['no']);
    expect(readFileSync(crlfPath).equals(crlf)).toBe(true);
  }, 120_000);
});
