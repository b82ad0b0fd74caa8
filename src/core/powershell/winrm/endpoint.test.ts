/**
 * The JEA endpoint. Issue 7, defect 15: Windows PowerShell's Get-Service has -ComputerName, so a role
 * that makes it visible without listing its parameters lets JEA users query other computers. Defect 1
 * (JEA part): the session configuration file was written to a folder standard users could write to;
 * it now goes to a folder only SYSTEM and Administrators can use, created with that ACL and refused
 * when it exists with another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describePwsh } from '../../../../tests/powershell/pwsh';
import { runSnippets, type SnippetResult } from '../../testing/pwsh-snippets';
import { allWinRMRecommendations, assign, recommendation, sectionText } from '../../testing/winrm-fixtures';
import { writePrivateFolderHelper } from '../common';

const jeaTargets = allWinRMRecommendations().filter((rec) => rec.endpoint === 'jea');

/** The lines of the target script that write the role capability file. */
function roleCapabilityLines(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes('$roleFile = Join-Path'));
  const end = lines.findIndex((l) => l.trim().startsWith('New-PSRoleCapabilityFile'));
  return lines.slice(start + 1, end + 1).join('\n');
}

describe('every JEA target script', () => {
  test('writes the session configuration file to the private folder, never to the backup root', () => {
    expect(jeaTargets.length).toBeGreaterThan(0);
    for (const rec of jeaTargets) {
      const text = rec.scripts.target;
      expect(text).toContain("$sessionFile = Join-Path -Path $jeaFolder -ChildPath 'JEAMaintenance.pssc'");
      expect(text).toContain("$jeaFolder = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuideJEA'");
      expect(text).not.toMatch(/\$sessionFile = Join-Path -Path \$GuideBackupRoot/);
      expect(text.indexOf("Save-GuideChange @{ Kind = 'PathCreated'; Path = $jeaFolder }")).toBeLessThan(
        text.indexOf('New-GuidePrivateFolder -Path $jeaFolder'),
      );
      const backup = text.indexOf('Backup: saved before any change');
      expect(text.indexOf('if ((Test-Path -Path $jeaFolder) -and -not (Test-GuidePrivateFolder -Path $jeaFolder))')).toBeLessThan(backup);
    }
  });
});

describePwsh('the role and the private folder, run in pwsh', (pwsh) => {
  let work = '';
  let results = new Map<string, SnippetResult>();

  const ACL_STUBS = String.raw`
function New-FakeAcl {
    param([string]$Owner, [bool]$Protected, [string[]]$Allowed, [string[]]$Denied = @())
    $rules = @($Allowed | ForEach-Object { [pscustomobject]@{ IdentityReference = $_; AccessControlType = 'Allow' } }) + @($Denied | ForEach-Object { [pscustomobject]@{ IdentityReference = $_; AccessControlType = 'Deny' } })
    $acl = [pscustomobject]@{ Owner = $Owner; AreAccessRulesProtected = $Protected; Rules = $rules; Sddl = '' }
    $acl | Add-Member -MemberType ScriptMethod -Name GetOwner -Value { param($Type) $this.Owner }
    $acl | Add-Member -MemberType ScriptMethod -Name GetAccessRules -Value { param($Explicit, $Inherited, $Type) $this.Rules }
    $acl | Add-Member -MemberType ScriptMethod -Name SetSecurityDescriptorSddlForm -Value { param($Sddl) $this.Sddl = $Sddl }
    $acl
}
function Get-Acl { param($Path) $state.Acl }
function Set-Acl { param($Path, $AclObject) Write-Host ('CALL Set-Acl ' + $AclObject.Sddl); if ($AclObject.Sddl) { $state.Acl = New-FakeAcl -Owner 'S-1-5-32-544' -Protected $true -Allowed 'S-1-5-18', 'S-1-5-32-544' } }
function New-Item { param($Path, $ItemType) Write-Host ('CALL New-Item ' + $Path) }
function Get-ChildItem { param($Path, [switch]$Force) $state.Planted }
$state = @{ Acl = $null; Planted = @() }
$GuideBackupFolder = '/tmp/PSRemotingGuide/target-1'
`;
  const helper = sectionText(writePrivateFolderHelper);
  const testFolder = (acl: string) =>
    `${ACL_STUBS}\n${helper}\n$state.Acl = ${acl}\nTest-GuidePrivateFolder -Path 'C:\\ProgramData\\PSRemotingGuideJEA'`;
  const newFolder = (planted: string) =>
    `${ACL_STUBS}\n${helper}\n$state.Acl = New-FakeAcl -Owner 'S-1-5-32-544' -Protected $false -Allowed 'S-1-5-32-545'\n$state.Planted = ${planted}\nNew-GuidePrivateFolder -Path 'C:\\ProgramData\\PSRemotingGuideJEA'\n'DONE'`;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'jea-role-'));
    const role = roleCapabilityLines(recommendation('kerberosJea').scripts.target);
    results = await runSnippets(pwsh, [
      {
        name: 'role',
        script: `${assign({ roleFile: join(work, 'role.psrc') })}\n${role}\n(Import-PowerShellDataFile -Path $roleFile).VisibleCmdlets | ConvertTo-Json -Depth 5 -Compress`,
      },
      {
        name: 'private',
        script: testFolder("New-FakeAcl -Owner 'S-1-5-32-544' -Protected $true -Allowed 'S-1-5-18', 'S-1-5-32-544' -Denied 'S-1-1-0'"),
      },
      {
        name: 'users may write',
        script: testFolder("New-FakeAcl -Owner 'S-1-5-32-544' -Protected $true -Allowed 'S-1-5-18', 'S-1-5-32-544', 'S-1-5-32-545'"),
      },
      { name: 'inherits', script: testFolder("New-FakeAcl -Owner 'S-1-5-32-544' -Protected $false -Allowed 'S-1-5-18', 'S-1-5-32-544'") },
      {
        name: 'owned by a user',
        script: testFolder("New-FakeAcl -Owner 'S-1-5-21-1-2-3-1001' -Protected $true -Allowed 'S-1-5-18', 'S-1-5-32-544'"),
      },
      { name: 'create', script: newFolder('@()') },
      { name: 'create, something planted', script: newFolder("@([pscustomobject]@{ Name = 'JEAMaintenance.pssc' })") },
    ]);
  }, 120_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('Get-Service is visible with Name and DisplayName only, Restart-Service for the Spooler only (defect 15)', () => {
    const r = results.get('role')!;
    expect(r.error).toBeNull();
    const cmdlets = JSON.parse(r.output.at(-1)!) as Array<{ Name: string; Parameters: unknown }>;
    const byName = Object.fromEntries(cmdlets.map((c) => [c.Name, c.Parameters]));
    expect(byName['Microsoft.PowerShell.Management\\Get-Service']).toEqual([{ Name: 'Name' }, { Name: 'DisplayName' }]);
    expect(byName['Microsoft.PowerShell.Management\\Restart-Service']).toEqual({ Name: 'Name', ValidateSet: 'Spooler' });
    expect(JSON.stringify(cmdlets)).not.toContain('ComputerName');
  });

  test('a folder is private only with owner Administrators or SYSTEM, inheritance off and access for them alone', () => {
    expect(results.get('private')!.output).toEqual(['True']);
    for (const name of ['users may write', 'inherits', 'owned by a user']) expect(results.get(name)!.output, name).toEqual(['False']);
  });

  test('the private folder is created with that ACL', () => {
    const r = results.get('create')!;
    expect(r.error).toBeNull();
    expect(r.output).toEqual([
      'CALL New-Item C:\\ProgramData\\PSRemotingGuideJEA',
      'CALL Set-Acl O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)',
      'DONE',
    ]);
  });

  test('anything placed in it before its ACL was set stops the script', () => {
    expect(results.get('create, something planted')!.error).toContain('is not private (something was placed in it');
  });
});
