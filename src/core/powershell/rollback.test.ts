/**
 * The backup store and the rollback, run by PowerShell 7. On Linux for real (as root: files,
 * owners and modes are real): the store is private, a change log anyone else could write is never
 * read, each undo runs on its own and the run is marked restored only when all worked, one run is
 * rolled back at a time. Through rollback-fakes.ps1 (a few Windows cmdlets over an in-memory state)
 * for the Windows-only undo steps: CredSSP, RBKCD, TrustedHosts, certificates, listeners.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describePwsh, runPwshFile, type PwshResult } from '../../../tests/powershell/pwsh';
import { recommend } from '../recommend';
import { GUIDE_NAME, PATHS } from '../rules/constants';
import { allCompleteAnswers, answersKey } from '../testing/answers';
import { BACKUP_FILE_SDDL, BACKUP_FOLDER_SDDL } from './backup-store';
import { writeBackup, writePrologue } from './common';
import { renderRollback } from './render-rollback';
import { PsWriter } from './writer';

const FAKES = fileURLToPath(new URL('./rollback-fakes.ps1', import.meta.url));
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const work = mkdtempSync(join(tmpdir(), 'rollback-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const byName = { platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'admins' } as const;
const kerberos = recommend({ ...byName, hop: 'none' });
const credssp = recommend({ ...byName, assurance: 'high', hop: 'remoting', trust: 'tier0', protected: 'no' });
const rbkcd = recommend({ ...byName, hop: 'files', adcontrol: 'yes', trust: 'normal', protected: 'no' }, { target: 'app01.corp.example.com', resource: 'files01.corp.example.com' });

let counter = 0;
function freshDir(name: string): string {
  counter += 1;
  const dir = join(work, `${counter}-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A PowerShell single-quoted literal (test values only). */
const lit = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function runDriver(pwsh: string, dir: string, body: string): Promise<PwshResult> {
  const driver = join(dir, `driver-${(counter += 1)}.ps1`);
  writeFileSync(driver, `$ErrorActionPreference = 'Stop'\n${body}\n`);
  return runPwshFile(pwsh, driver);
}

interface StepResult {
  ok: boolean;
  out: string;
  error: string;
}

/**
 * Runs each step (PowerShell code) in turn in one pwsh process, so that a test costs one start:
 * a step that throws (a script ending in an error) is recorded and the next one still runs.
 */
async function runSteps(pwsh: string, dir: string, steps: string[]): Promise<StepResult[]> {
  const blocks = steps.map((step, i) => `
Write-Output 'STEP-BEGIN:${i}'
try { & {
${step}
} *>&1 | ForEach-Object { [string]$_ }; Write-Output 'STEP-OK' }
catch { Write-Output ('STEP-FAILED:' + $_.Exception.Message) }`);
  const result = await runDriver(pwsh, dir, blocks.join('\n'));
  expect(result.code, result.stderr).toBe(0);
  return result.stdout
    .split(/^STEP-BEGIN:\d+$/m)
    .slice(1)
    .map((chunk) => {
      const failed = /^STEP-FAILED:(.*)$/m.exec(chunk);
      return { ok: /^STEP-OK$/m.test(chunk), out: chunk, error: failed?.[1] ?? '' };
    });
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

/** The rollback with its store moved to `store` and $RunId set. */
function rollbackAt(dir: string, store: string, runId = ''): string {
  const text = renderRollback(kerberos).replaceAll(PATHS.backupRootLinux, store).replace("$RunId = ''", `$RunId = ${lit(runId)}`);
  const path = join(dir, `rollback-${(counter += 1)}.ps1`);
  writeFileSync(path, text);
  return path;
}

/** PowerShell that writes a run folder as the scripts do (root-owned, 0700 / 0600), with these changes. */
function newRun(store: string, name: string, changes: string[]): string {
  return `
    $folder = Join-Path -Path ${lit(store)} -ChildPath ${lit(name)}
    $null = New-Item -Path $folder -ItemType Directory -Force
    chmod 700 $folder
    $state = [pscustomobject]@{ Guide = ${lit(GUIDE_NAME)}; Role = ${lit(name.split('-')[0] ?? '')}; RulesetVersion = 'test'; Computer = 'test'; Created = ''; Changes = [System.Collections.Generic.List[object]]::new() }
    ${changes.map((c) => `$state.Changes.Add([pscustomobject]${c})`).join('\n    ')}
    Export-Clixml -InputObject $state -LiteralPath (Join-Path -Path $folder -ChildPath 'changes.clixml') -Depth 5
    chmod 600 (Join-Path -Path $folder -ChildPath 'changes.clixml')
  `;
}

function privateStore(dir: string): string {
  const store = join(dir, 'store');
  mkdirSync(store, { mode: 0o700 });
  chmodSync(store, 0o700);
  return store;
}

function markers(dir: string, names: string[]): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const name of names) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], name);
  }
  return paths;
}

const pathCreated = (path: string) => `@{ Kind = 'PathCreated'; Path = ${lit(path)} }`;

describePwsh('the backup store on Linux (real files, run as root)', (pwsh) => {
  function backupScript(dir: string, store: string): string {
    const w = new PsWriter();
    writePrologue(w);
    writeBackup(w, kerberos, 'target', { winrmConfig: false, root: 'cross-platform' });
    const path = join(dir, `backup-${(counter += 1)}.ps1`);
    writeFileSync(path, `${w.toString().replaceAll(PATHS.backupRootLinux, store)}Save-GuideChange @{ Kind = 'Note'; Text = 'test' }\nWrite-Output ('FOLDER=' + $GuideBackupFolder)\n`);
    return path;
  }

  test.skipIf(!isRoot)('a run creates the store, its run folder and its change log for root only (0700, 0700, 0600)', async () => {
    const dir = freshDir('store-new');
    const store = join(dir, 'store');
    const [run] = await runSteps(pwsh, dir, [`& ${lit(backupScript(dir, store))}`]);
    expect(run!.ok, run!.out).toBe(true);
    const folder = /FOLDER=(.*)/.exec(run!.out)?.[1]?.trim() ?? '';
    expect(folder.startsWith(store)).toBe(true);
    expect(mode(store)).toBe(0o700);
    expect(mode(folder)).toBe(0o700);
    expect(mode(join(folder, 'changes.clixml'))).toBe(0o600);
    expect(statSync(join(folder, 'changes.clixml')).uid).toBe(0);
  });

  test.skipIf(!isRoot)('an existing store that others may write is made private; one owned by someone else, or a link, stops the script', async () => {
    const dir = freshDir('store-weak');
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign, { mode: 0o700 });
    chownSync(foreign, NOBODY, NOBODY);
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, join(dir, 'link'));
    const [repaired, refused, linked] = await runSteps(pwsh, dir, [
      `& ${lit(backupScript(dir, open))}`,
      `& ${lit(backupScript(dir, foreign))}`,
      `& ${lit(backupScript(dir, join(dir, 'link')))}`,
    ]);
    expect(repaired!.ok, repaired!.out).toBe(true);
    expect(repaired!.out).toContain('Restricted the backup folder');
    expect(mode(open)).toBe(0o700);
    expect(refused!.ok).toBe(false);
    expect(refused!.error).toContain('not root');
    expect(readdirSync(foreign)).toEqual([]);
    expect(linked!.ok).toBe(false);
    expect(linked!.error).toContain('link');
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describePwsh('the rollback on Linux (real files, run as root)', (pwsh) => {
  test.skipIf(!isRoot)('never reads a change log that anyone but root could have written', async () => {
    const dir = freshDir('trust');
    const store = privateStore(dir);
    const m = markers(dir, ['legit', 'foreign-owner', 'open-folder', 'open-log']);
    const [setup, rollback] = await runSteps(pwsh, dir, [
      [
        newRun(store, 'target-20250101-000000', [pathCreated(m.legit!)]),
        newRun(store, 'target-20250102-000000', [pathCreated(m['foreign-owner']!)]),
        newRun(store, 'client-20250103-000000', [pathCreated(m['open-folder']!)]),
        newRun(store, 'resource-20250104-000000', [pathCreated(m['open-log']!)]),
        // Planted by others: a folder and log owned by another user, a folder anyone may write, a log anyone may write.
        `chown -R ${NOBODY}:${NOBODY} ${lit(join(store, 'target-20250102-000000'))}`,
        `chmod 777 ${lit(join(store, 'client-20250103-000000'))}`,
        `chmod 666 ${lit(join(store, 'resource-20250104-000000', 'changes.clixml'))}`,
      ].join('\n'),
      `& ${lit(rollbackAt(dir, store))}`,
    ]);
    expect(setup!.ok, setup!.out).toBe(true);
    expect(rollback!.ok, rollback!.out).toBe(true);
    expect(existsSync(m.legit!)).toBe(false);
    expect(existsSync(m['foreign-owner']!)).toBe(true);
    expect(existsSync(m['open-folder']!)).toBe(true);
    expect(existsSync(m['open-log']!)).toBe(true);
    expect(rollback!.out.match(/Skipped /g)?.length).toBe(3);
    expect(readdirSync(store)).toContain('restored-target-20250101-000000');
  });

  test.skipIf(!isRoot)('a store that others may write is made private before anything is read', async () => {
    const dir = freshDir('trust-root');
    const store = privateStore(dir);
    const m = markers(dir, ['legit']);
    const [setup, rollback] = await runSteps(pwsh, dir, [
      `${newRun(store, 'target-20250101-000000', [pathCreated(m.legit!)])}\nchmod 777 ${lit(store)}`,
      `& ${lit(rollbackAt(dir, store))}`,
    ]);
    expect(setup!.ok, setup!.out).toBe(true);
    expect(rollback!.ok, rollback!.out).toBe(true);
    expect(rollback!.out).toContain('Restricted the backup folder');
    expect(mode(store)).toBe(0o700);
    expect(existsSync(m.legit!)).toBe(false);
  });

  test.skipIf(!isRoot)('undoes every change even when one fails, marks the run restored only when all worked, and a rerun finishes the job', async () => {
    const dir = freshDir('robust');
    const store = privateStore(dir);
    const m = markers(dir, ['first', 'last']);
    const run = 'target-20250101-000000';
    const rollback = rollbackAt(dir, store);
    // Enable-NetFirewallRule does not exist here: that undo fails until the last step defines it.
    const steps = await runSteps(pwsh, dir, [
      newRun(store, run, [pathCreated(m.first!), "@{ Kind = 'FirewallRuleDisabled'; Name = 'WINRM-HTTP-In-TCP' }", pathCreated(m.last!)]),
      `& ${lit(rollback)}`,
      `& ${lit(rollback)}`,
      `function Enable-NetFirewallRule { param([string[]]$Name) Write-Output ('enabled ' + $Name) }\n& ${lit(rollback)}`,
      `& ${lit(rollback)}`,
    ]);
    const [setup, failed, again, fixed, nothing] = steps as [StepResult, StepResult, StepResult, StepResult, StepResult];
    expect(setup.ok, setup.out).toBe(true);
    expect(failed.ok).toBe(false);
    expect(failed.out).toContain('1 of 3 change(s) of target-20250101-000000 could not be undone');
    expect(failed.out).toContain('FirewallRuleDisabled WINRM-HTTP-In-TCP');
    expect(failed.error).toContain('is not complete');
    expect(again.ok).toBe(false);
    expect(again.out).toContain(`Unchanged`);
    expect(fixed.ok, fixed.out).toBe(true);
    expect(fixed.out).toContain('enabled WINRM-HTTP-In-TCP');
    expect(nothing.ok, nothing.out).toBe(true);
    expect(nothing.out).toContain('Nothing to roll back');
    expect(existsSync(m.first!)).toBe(false);
    expect(existsSync(m.last!)).toBe(false);
    expect(readdirSync(store)).toEqual([`restored-${run}`]);
  });

  test.skipIf(!isRoot)('a failed undo makes the script exit with an error code', async () => {
    const dir = freshDir('exit-code');
    const store = privateStore(dir);
    expect((await runDriver(pwsh, dir, newRun(store, 'client-20250101-000000', ["@{ Kind = 'FirewallRuleDisabled'; Name = 'X' }"]))).code).toBe(0);
    const result = await runPwshFile(pwsh, rollbackAt(dir, store));
    expect(result.code).not.toBe(0);
    expect(readdirSync(store)).toEqual(['client-20250101-000000']);
  });

  test.skipIf(!isRoot)('rolls back one run: by default the newest that changed something, or $RunId; a newer run of the same script goes first', async () => {
    const dir = freshDir('runid');
    const store = privateStore(dir);
    const orderStore = join(dir, 'order');
    mkdirSync(orderStore, { mode: 0o700 });
    const m = markers(dir, ['p1', 'p2', 'older', 'newer']);
    const [setup, newest, unknown, chosen, outOfOrder] = (await runSteps(pwsh, dir, [
      [
        newRun(store, 'target-20250101-000000', [pathCreated(m.p1!)]),
        newRun(store, 'client-20250102-000000', [pathCreated(m.p2!)]),
        newRun(store, 'target-20250103-000000', []),
        newRun(orderStore, 'target-20250101-000000', [pathCreated(m.older!)]),
        newRun(orderStore, 'target-20250102-000000', [pathCreated(m.newer!)]),
      ].join('\n'),
      `& ${lit(rollbackAt(dir, store))}`,
      `& ${lit(rollbackAt(dir, store, 'target-20990101-000000'))}`,
      `& ${lit(rollbackAt(dir, store, 'target-20250101-000000'))}`,
      `& ${lit(rollbackAt(dir, orderStore, 'target-20250101-000000'))}`,
    ])) as [StepResult, StepResult, StepResult, StepResult, StepResult];
    expect(setup.ok, setup.out).toBe(true);
    expect(newest.ok, newest.out).toBe(true);
    expect(newest.out).toMatch(/target-20250103-000000 +0 change\(s\) +changed nothing/);
    expect(newest.out).toContain('Rolling back client-20250102-000000');
    expect(unknown.ok).toBe(false);
    expect(unknown.error).toContain('There is no run target-20990101-000000');
    expect(chosen.ok, chosen.out).toBe(true);
    expect(existsSync(m.p1!)).toBe(false);
    expect(existsSync(m.p2!)).toBe(false);
    expect(readdirSync(store).sort()).toEqual(['restored-client-20250102-000000', 'restored-target-20250101-000000', 'target-20250103-000000']);
    expect(outOfOrder.ok).toBe(false);
    expect(outOfOrder.error).toContain('Roll back target-20250102-000000 first');
    expect(existsSync(m.older!)).toBe(true);
    expect(existsSync(m.newer!)).toBe(true);
  });
});

interface FakeState {
  WSMan: Record<string, string>;
  Registry: Record<string, Record<string, string | number>>;
  AD: Record<string, string[]>;
  Listeners: Record<string, Record<string, string>>;
  Calls: string[];
}

const RESOURCE_DN = 'CN=FILES01,OU=Servers,DC=corp,DC=example,DC=com';
const TARGET_DN = 'CN=APP01,OU=Servers,DC=corp,DC=example,DC=com';
const WEB_DN = 'CN=WEB01,OU=Servers,DC=corp,DC=example,DC=com';
const APP02_DN = 'CN=APP02,OU=Servers,DC=corp,DC=example,DC=com';
const fakeFolder = join(work, 'PSRemotingGuideJEA');

/** Scenarios over rollback-fakes.ps1, all run by one pwsh process (see Invoke-FakeScenarios). */
const FAKE_SCENARIOS: Record<string, string> = {
  'credssp-stock': String.raw`
    $Target = 'srv01.contoso.com'
    Add-GuideCredSSPDelegation
    Write-FakeState
    Invoke-FakeRollback
    Write-FakeState
    Invoke-FakeRollback
    Write-FakeState`,
  'credssp-others': String.raw`
    $Fake.WSMan['WSMan:\localhost\Client\Auth\CredSSP'] = 'true'
    $Fake.Registry[$FakeDelegation] = [ordered]@{ AllowFreshCredentials = 1; ConcatenateDefaults_AllowFresh = 1 }
    $Fake.Registry[$FakeFresh] = [ordered]@{ '1' = 'wsman/dc02.contoso.com'; '2' = 'TERMSRV/rds01.contoso.com' }
    Write-FakeState
    $Target = 'srv01.contoso.com'
    Add-GuideCredSSPDelegation
    $null = Enable-WSManCredSSP -Role Client -DelegateComputer 'later.contoso.com' -Force
    Invoke-FakeRollback
    Write-FakeState`,
  'credssp-server': String.raw`
    $Fake.WSMan['WSMan:\localhost\Service\Auth\CredSSP'] = 'true'
    Save-GuideChange @{ Kind = 'CredSSPEnabled'; Role = 'Server'; PreviouslyEnabled = $false }
    Invoke-FakeRollback
    Invoke-FakeRollback
    Write-FakeState`,
  'rbkcd-others': String.raw`
    $Fake.AD[${lit(RESOURCE_DN)}] = @(${lit(WEB_DN)})
    $Fake.AD[${lit(TARGET_DN)}] = @()
    $Target = 'app01.corp.example.com'
    Add-GuideResourceDelegation -ResourceComputer (Get-ADComputer -Identity ${lit(RESOURCE_DN)}) -TargetComputer (Get-ADComputer -Identity ${lit(TARGET_DN)})
    Write-FakeState
    $Fake.AD[${lit(RESOURCE_DN)}] = @($Fake.AD[${lit(RESOURCE_DN)}]) + ${lit(APP02_DN)}
    Invoke-FakeRollback
    Write-FakeState
    Invoke-FakeRollback
    Write-FakeState`,
  'rbkcd-alone': String.raw`
    $Fake.AD[${lit(RESOURCE_DN)}] = @(${lit(TARGET_DN)})
    Save-GuideChange @{ Kind = 'ADDelegation'; Identity = ${lit(RESOURCE_DN)}; Added = ${lit(TARGET_DN)}; TargetName = 'app01'; Previous = [string[]]@() }
    Invoke-FakeRollback
    Write-FakeState`,
  trustedhosts: String.raw`
    $Fake.WSMan['WSMan:\localhost\Client\TrustedHosts'] = 'a.contoso.com'
    Save-GuideChange @{ Kind = 'TrustedHosts'; Previous = 'a.contoso.com'; Added = '10.20.30.40' }
    Set-Item -Path WSMan:\localhost\Client\TrustedHosts -Value '10.20.30.40' -Concatenate -Force
    Set-Item -Path WSMan:\localhost\Client\TrustedHosts -Value 'b.contoso.com' -Concatenate -Force
    Invoke-FakeRollback
    Invoke-FakeRollback
    Write-FakeState`,
  certificates: String.raw`
    $Fake.Certs['Cert:\LocalMachine\My\AAAA'] = $true
    $Fake.Certs['Cert:\LocalMachine\Root\BBBB'] = $true
    Save-GuideChange @{ Kind = 'CertificateCreated'; Path = 'Cert:\LocalMachine\My\AAAA' }
    Save-GuideChange @{ Kind = 'CertificateImported'; Path = 'Cert:\LocalMachine\Root\BBBB' }
    Invoke-FakeRollback
    Invoke-FakeRollback
    Write-FakeState`,
  'new-kinds': String.raw`
    $null = New-Item -Path ${lit(fakeFolder)} -ItemType Directory -Force
    $Fake.Listeners['*|HTTPS'] = @{ Address = '*'; Transport = 'HTTPS'; Hostname = 'new.contoso.com'; CertificateThumbprint = 'NEW' }
    Save-GuideChange @{ Kind = 'ListenerUpdated'; Address = '*'; Transport = 'HTTPS'; PreviousHostname = 'old.contoso.com'; PreviousCertificateThumbprint = 'OLD' }
    Save-GuideChange @{ Kind = 'PrivateFolderCreated'; Path = ${lit(fakeFolder)} }
    Save-GuideChange @{ Kind = 'CertificateRequestPending'; Template = 'WebServer'; Path = 'Cert:\LocalMachine\REQUEST\CCCC' }
    Save-GuideChange @{ Kind = 'ClientCertificateMappingReplaced'; Path = 'WSMan:\localhost\ClientCertificate\ClientCertificate_1'; Subject = "o'brien@localhost"; URI = '*'; Issuer = 'DDDD' }
    Invoke-FakeRollback
    Invoke-FakeRollback
    Write-FakeState`,
  'mapping-and-weakening': String.raw`
    $Fake.WSMan['WSMan:\localhost\ClientCertificate\ClientCertificate_7\Subject'] = 'other@localhost'
    $Fake.WSMan['WSMan:\localhost\ClientCertificate\ClientCertificate_7\Issuer'] = 'EEEE'
    $Fake.WSMan['WSMan:\localhost\Service\Auth\Basic'] = 'true'
    Save-GuideChange @{ Kind = 'WSManSetting'; Path = 'WSMan:\localhost\Service\Auth\Basic'; Previous = 'true'; New = 'false' }
    Set-Item -Path 'WSMan:\localhost\Service\Auth\Basic' -Value 'false'
    Save-GuideChange @{ Kind = 'ClientCertificateMapping'; Subject = 'psremote-admin@localhost'; Issuer = 'EEEE'; URI = '*' }
    $Fake.WSMan['WSMan:\localhost\ClientCertificate\ClientCertificate_42\Subject'] = 'psremote-admin@localhost'
    $Fake.WSMan['WSMan:\localhost\ClientCertificate\ClientCertificate_42\Issuer'] = 'EEEE'
    Invoke-FakeRollback
    Invoke-FakeRollback
    Write-FakeState`,
  'windows-store': String.raw`
    $GuideOnWindows = $true
    $GuideBackupRoot = 'C:\ProgramData\PSRemotingGuide'
    # As a folder created in %ProgramData% inherits: Users may create folders in it, CREATOR OWNER gets full control.
    $Fake.Files[$GuideBackupRoot] = @{ Container = $true; Owner = 'S-1-5-32-544'; Rules = @(@{ Sid = 'S-1-5-18'; Type = 'Allow' }, @{ Sid = 'S-1-5-32-544'; Type = 'Allow' }, @{ Sid = 'S-1-5-32-545'; Type = 'Allow' }, @{ Sid = 'S-1-3-0'; Type = 'Allow' }) }
    Write-Output ('before=' + (Get-GuideUnsafeReason -Path $GuideBackupRoot))
    Initialize-GuideBackupRoot
    Write-Output ('after=' + (Get-GuideUnsafeReason -Path $GuideBackupRoot))
    $Fake.Files['C:\ProgramData\PSRemotingGuide\target-20250101-000000'] = @{ Container = $true; Owner = 'S-1-5-21-1-2-3-1001'; Rules = @(@{ Sid = 'S-1-5-18'; Type = 'Allow' }) }
    Write-Output ('planted=' + (Get-GuideUnsafeReason -Path 'C:\ProgramData\PSRemotingGuide\target-20250101-000000'))
    $Fake.Files['C:\ProgramData\PSRemotingGuide\client-20250101-000000'] = @{ Container = $true; Reparse = $true; Owner = 'S-1-5-32-544'; Rules = @() }
    Write-Output ('link=' + (Get-GuideUnsafeReason -Path 'C:\ProgramData\PSRemotingGuide\client-20250101-000000'))
    $Fake.Files['C:\ProgramData\PSRemotingGuide\changes.clixml'] = @{ Container = $false; Owner = 'S-1-5-21-1-2-3-500'; Rules = @(@{ Sid = 'S-1-5-18'; Type = 'Allow' }, @{ Sid = 'S-1-5-32-544'; Type = 'Allow' }) }
    Write-Output ('file-before=' + (Get-GuideUnsafeReason -Path 'C:\ProgramData\PSRemotingGuide\changes.clixml'))
    Protect-GuideBackupPath -Path 'C:\ProgramData\PSRemotingGuide\changes.clixml'
    Write-Output ('file-after=' + (Get-GuideUnsafeReason -Path 'C:\ProgramData\PSRemotingGuide\changes.clixml'))
    Write-FakeState`,
  'client-policy': String.raw`
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($ClientFile, [ref]$null, [ref]$null)
    $check = $ast.Find({ param($n) $n -is [System.Management.Automation.Language.IfStatementAst] -and $n.Clauses[0].Item1.Extent.Text -eq "(Get-Service -Name WinRM).Status -eq 'Running'" }, $true)
    $preflight = [scriptblock]::Create($check.Extent.Text)
    $policyKey = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'
    foreach ($path in @('WSMan:\localhost\Client\AllowUnencrypted', 'WSMan:\localhost\Client\Auth\Basic', 'WSMan:\localhost\Client\Auth\Digest')) { $Fake.WSMan[$path] = 'false' }
    $Fake.WSMan['WSMan:\localhost\Client\Auth\Basic'] = 'true'
    foreach ($case in @(
        @{ Status = 'Stopped'; Policy = [ordered]@{ AllowBasic = 1 } },
        @{ Status = 'Stopped'; Policy = [ordered]@{ AllowBasic = 0; AllowDigest = 0 } },
        @{ Status = 'Running'; Policy = [ordered]@{ AllowBasic = 1 } },
        @{ Status = 'Running'; Policy = $null }
    )) {
        $Fake.Registry.Remove($policyKey)
        if ($case.Policy) { $Fake.Registry[$policyKey] = $case.Policy }
        $status = $case.Status
        function Get-Service { param([string[]]$Name) [pscustomobject]@{ Name = $Name[0]; Status = $status } }
        try { & $preflight; Write-Output ('{0} {1}: passes' -f $case.Status, ($case.Policy.Keys -join ',')) }
        catch { Write-Output ('{0} {1}: stops: {2}' -f $case.Status, ($case.Policy.Keys -join ','), $_.Exception.Message) }
    }
    Write-FakeState`,
  platform: String.raw`
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($RollbackFile, [ref]$null, [ref]$null)
    $platform = $ast.Find({ param($n) $n -is [System.Management.Automation.Language.AssignmentStatementAst] -and $n.Left.Extent.Text -eq '$GuideOnWindows' }, $true)
    # $PSVersionTable is read-only here: the expression reads a stand-in for it.
    $test = [scriptblock]::Create($platform.Right.Extent.Text.Replace('$PSVersionTable', '$fakeVersionTable'))
    Set-Variable -Name IsWindows -Value $null -Scope Script -Force
    $fakeVersionTable = @{ PSEdition = 'Desktop' }
    Write-Output ('desktop=' + (& $test))
    $fakeVersionTable = @{ PSEdition = 'Core' }
    Write-Output ('core-no-iswindows=' + (& $test))`,
};

interface Scenario {
  out: string;
  error: string;
  states: FakeState[];
}

describePwsh('the undo steps for Windows, over fakes', (pwsh) => {
  const dir = freshDir('fakes');
  const scenarios = new Map<string, Scenario>();
  beforeAll(async () => {
    const scriptFile = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const files = [scriptFile('rollback.ps1', renderRollback(credssp)), scriptFile('client-credssp.ps1', credssp.scripts.client), scriptFile('resource.ps1', rbkcd.scripts.resource ?? '')];
    const table = Object.entries(FAKE_SCENARIOS)
      .map(([name, body]) => `${lit(name)} = {${body}\n}`)
      .join('\n');
    const result = await runDriver(pwsh, dir, `. ${lit(FAKES)} -ScriptPath @(${files.map(lit).join(', ')})\n$RollbackFile = ${lit(files[0]!)}\n$ClientFile = ${lit(files[1]!)}\nInvoke-FakeScenarios -Scenarios ([ordered]@{\n${table}\n})`);
    expect(result.code, result.stderr).toBe(0);
    for (const chunk of result.stdout.split(/^SCENARIO-BEGIN:/m).slice(1)) {
      const name = chunk.slice(0, chunk.indexOf('\n')).trim();
      const out = chunk.slice(chunk.indexOf('\n') + 1);
      const states = [...out.matchAll(/^FAKE-STATE:(.*)$/gm)].map((x) => JSON.parse(x[1]!) as FakeState);
      scenarios.set(name, { out, error: /^SCENARIO-ERROR:(.*)$/m.exec(out)?.[1] ?? '', states });
    }
  }, 180_000);
  function scenario(name: string): Scenario {
    const found = scenarios.get(name);
    if (!found) throw new Error(`scenario ${name} did not run`);
    expect(found.error, found.out).toBe('');
    return found;
  }
  const freshValues = (state: FakeState) => Object.values(state.Registry['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials'] ?? {}).sort();
  const clientCredSSP = 'WSMan:\\localhost\\Client\\Auth\\CredSSP';

  test('CredSSP on a stock client: the rollback leaves no delegation policy and CredSSP off, and a rerun changes nothing', () => {
    const [after, rolledBack, again] = scenario('credssp-stock').states as [FakeState, FakeState, FakeState];
    expect(freshValues(after)).toEqual(['wsman/srv01.contoso.com']);
    expect(after.WSMan[clientCredSSP]).toBe('true');
    expect(rolledBack.Registry).toEqual({});
    expect(rolledBack.WSMan[clientCredSSP]).toBe('false');
    expect(again).toEqual({ ...rolledBack, Calls: again.Calls });
    expect(again.Calls).toEqual(rolledBack.Calls);
  });

  test('CredSSP: the rollback removes only the guide entry; delegations to other servers, from before or since, are kept', () => {
    const [before, after] = scenario('credssp-others').states as [FakeState, FakeState];
    expect(freshValues(after)).toEqual(['TERMSRV/rds01.contoso.com', 'wsman/dc02.contoso.com', 'wsman/later.contoso.com']);
    expect(after.WSMan).toEqual(before.WSMan);
    const policy = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';
    expect(after.Registry[policy]).toEqual(before.Registry[policy]);
  });

  test('CredSSP: the server role is disabled once, and only because the guide enabled it', () => {
    const [state] = scenario('credssp-server').states as [FakeState];
    expect(state.WSMan['WSMan:\\localhost\\Service\\Auth\\CredSSP']).toBe('false');
    expect(state.Calls.filter((c) => c.startsWith('Disable-WSManCredSSP'))).toEqual(['Disable-WSManCredSSP Server']);
  });

  test('RBKCD: the resource script adds the target to the list; the rollback removes only it, keeps principals added since, and names the computer to purge', () => {
    const { states, out } = scenario('rbkcd-others');
    const [added, rolledBack, again] = states as [FakeState, FakeState, FakeState];
    expect(added.AD[RESOURCE_DN]).toEqual([WEB_DN, TARGET_DN]);
    expect(rolledBack.AD[RESOURCE_DN]).toEqual([WEB_DN, APP02_DN]);
    expect(out).toMatch(/On app01\.corp\.example\.com \(the target\), run as administrator: klist purge -li 0x3e7/);
    expect(again.Calls.filter((c) => c.startsWith('Set-ADComputer'))).toHaveLength(2);
  });

  test('RBKCD: when the target was the only principal, the list is cleared', () => {
    const [state] = scenario('rbkcd-alone').states as [FakeState];
    expect(state.AD[RESOURCE_DN]).toEqual([]);
  });

  test('TrustedHosts: only the entry the client script added is removed', () => {
    const [state] = scenario('trustedhosts').states as [FakeState];
    expect(state.WSMan['WSMan:\\localhost\\Client\\TrustedHosts']).toBe('a.contoso.com,b.contoso.com');
  });

  test('a certificate the guide created goes with its private key (-DeleteKey); an imported public one without', () => {
    const [state] = scenario('certificates').states as [FakeState];
    expect(state.Calls).toEqual(['Remove-Item Cert:\\LocalMachine\\Root\\BBBB', 'Remove-Item Cert:\\LocalMachine\\My\\AAAA -DeleteKey']);
  });

  test('a listener changed in place is set back in place; the new change kinds undo or warn', () => {
    const { states, out } = scenario('new-kinds');
    const [state] = states as [FakeState];
    expect(state.Listeners['*|HTTPS']).toMatchObject({ Hostname: 'old.contoso.com', CertificateThumbprint: 'OLD' });
    expect(state.Calls.filter((c) => c.startsWith('Set-WSManInstance'))).toHaveLength(1);
    expect(existsSync(fakeFolder)).toBe(false);
    expect(out).toContain("New-Item -Path WSMan:\\localhost\\ClientCertificate -Subject 'o''brien@localhost' -URI '*' -Issuer 'DDDD' -Credential (Get-Credential) -Force");
    expect(out).toContain('Cert:\\LocalMachine\\REQUEST\\CCCC');
  });

  test('a certificate mapping the guide created is found by subject and issuer and removed; Basic is never turned back on', () => {
    const { states, out } = scenario('mapping-and-weakening');
    const [state] = states as [FakeState];
    expect(Object.keys(state.WSMan).filter((k) => k.includes('ClientCertificate'))).toEqual([
      'WSMan:\\localhost\\ClientCertificate\\ClientCertificate_7\\Subject',
      'WSMan:\\localhost\\ClientCertificate\\ClientCertificate_7\\Issuer',
    ]);
    expect(state.WSMan['WSMan:\\localhost\\Service\\Auth\\Basic']).toBe('false');
    expect(out).toContain('The rollback leaves it at false');
  });

  test('Windows store: an inherited ACL that lets users in is replaced by SYSTEM and Administrators only; foreign owners and links are refused', () => {
    const { states, out } = scenario('windows-store');
    expect(out).toContain('before=S-1-5-32-545 has access to it');
    expect(out).toMatch(/^after=$/m);
    expect(out).toContain('planted=its owner is S-1-5-21-1-2-3-1001, not SYSTEM or Administrators');
    expect(out).toContain('link=it is a link (reparse point)');
    expect(out).toContain('file-before=its owner is S-1-5-21-1-2-3-500');
    expect(out).toMatch(/^file-after=$/m);
    expect(states[0]!.Calls).toEqual([
      `Set-Acl C:\\ProgramData\\PSRemotingGuide ${BACKUP_FOLDER_SDDL}`,
      `Set-Acl C:\\ProgramData\\PSRemotingGuide\\changes.clixml ${BACKUP_FILE_SDDL}`,
    ]);
  });

  test('client pre-flight: a client value set by Group Policy stops the script before any change, whether WinRM runs or not', () => {
    const { states, out } = scenario('client-policy');
    expect(out).toContain('Stopped AllowBasic: stops: WSMan:\\localhost\\Client\\Auth\\Basic is controlled by Group Policy');
    expect(out).toContain('Stopped AllowBasic,AllowDigest: passes');
    expect(out).toContain('Running AllowBasic: stops: WSMan:\\localhost\\Client\\Auth\\Basic is controlled by Group Policy');
    expect(out).toContain('Running : passes');
    expect(states[0]!.Calls).toEqual([]);
  });

  test('the platform test holds in Windows PowerShell 5.1, where $IsWindows is $null', () => {
    const { out } = scenario('platform');
    expect(out).toContain('desktop=True');
    expect(out).toContain('core-no-iswindows=False');
  });
});

describe('every path', () => {
  test('every change kind a script records has an undo function in the rollback, and only the platform test reads $IsWindows', () => {
    for (const answers of allCompleteAnswers()) {
      const rec = recommend(answers);
      const undo = new Set([...rec.scripts.rollback.matchAll(/^\s*function Undo-Guide(\w+) \{/gm)].map((x) => x[1]));
      for (const [name, text] of Object.entries(rec.scripts)) {
        if (!text) continue;
        for (const kind of text.matchAll(/Save-GuideChange @\{ Kind = '(\w+)'/g)) {
          expect(undo.has(kind[1]), `${name} script of ${answersKey(answers)} records ${kind[1]}`).toBe(true);
        }
      }
      for (const name of ['rollback', 'client', 'resource'] as const) {
        const text = rec.transport === 'ssh' && name === 'client' ? '' : (rec.scripts[name] ?? '');
        const uses = text.split('\n').filter((line) => !/^\s*#/.test(line) && line.includes('$IsWindows') && !line.includes("$GuideOnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows"));
        expect(uses, `${name} script of ${answersKey(answers)}`).toEqual([]);
      }
    }
  });
});
