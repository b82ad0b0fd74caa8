/**
 * gpo-rollback.ps1: undoes the newest gpo.ps1 run for $GpoName that is not rolled back yet. A GPO
 * the run created is unlinked from the OU it linked and removed (only if its id is still the one
 * recorded); a GPO it changed is restored from the run's Backup-GPO backup (Restore-GPO), and the
 * link it added is removed. It reads only a record in the private folder of this account.
 */
import { writePrologue, writeVariables, writeVersionCheck, type ScriptModel } from '../powershell/common';
import { q } from '../powershell/quote';
import { ps, PsWriter } from '../powershell/writer';
import { GUIDE_NAME } from '../rules/constants';
import { writeGpoHeader } from './script-header';
import { writeGpoIdentityCheck } from './script-preflight';
import { GPO_RUN_PREFIX, GPO_STATE_FILE, writeGpoStoreFunctions } from './script-state';
import { gpoIdentityVariables, type GroupPolicyInput } from './script-variables';

const DOES = [
  'finds the newest run of gpo.ps1 for $GpoName in $GpoDomain that is not rolled back, in the private folder of this account (%LOCALAPPDATA%\\PSRemotingGuide), and reads nothing others could have written',
  'removes the link that run added to the OU',
  'if the run created the GPO: removes it (only if it is still the GPO the run created); if the GPO existed: restores it from the backup the run made before its first change (Restore-GPO; its firewall rules are in the GPO and come back with it)',
  'renames the run folder to rolledback-<name> when every step worked; run it again for the run before',
  'the servers drop or restore the values at their next Group Policy refresh',
];

export function renderGpoRollback(m: ScriptModel, input: GroupPolicyInput): string {
  const w = new PsWriter();
  writeGpoHeader(w, m, { title: 'gpo-rollback.ps1 (undoes gpo.ps1)', does: DOES });
  writeVariables(w, gpoIdentityVariables(input));
  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    w.section('Pre-flight checks: nothing is changed here');
    writeVersionCheck(w, '5.1');
    writeGpoIdentityCheck(w);
    writeGpoStoreFunctions(w);
    w.code(ps`
      if (-not (Test-Path -LiteralPath $GuideGpoRoot)) {
          throw ('No record of gpo.ps1 was found in {0}: run this script as the account that ran gpo.ps1, on the same computer. Nothing was changed.' -f $GuideGpoRoot)
      }
      $guideProblem = Get-GuidePrivateReason -Path $GuideGpoRoot
      if ($guideProblem) {
          throw ('{0} is not private ({1}): its records are not read. Nothing was changed.' -f $GuideGpoRoot, $guideProblem)
      }
      $GuideRunToUndo = $null
      foreach ($guideFolder in @(Get-ChildItem -LiteralPath $GuideGpoRoot -Directory -Force | Sort-Object -Property Name -Descending)) {
          if ($guideFolder.Name -notmatch ${q(`^${GPO_RUN_PREFIX}[0-9]{8}-[0-9]{6}$`)}) { continue }
          $guideStatePath = Join-Path -Path $guideFolder.FullName -ChildPath ${q(GPO_STATE_FILE)}
          if (-not (Test-Path -LiteralPath $guideStatePath)) { continue }
          $guideUnsafe = Get-GuidePrivateReason -Path $guideFolder.FullName
          if (-not $guideUnsafe) { $guideUnsafe = Get-GuidePrivateReason -Path $guideStatePath }
          if ($guideUnsafe) {
              Write-Warning ('Skipped {0}: {1}.' -f $guideFolder.FullName, $guideUnsafe)
              continue
          }
          $guideState = Import-Clixml -LiteralPath $guideStatePath
          if ($guideState.Guide -ne ${q(GUIDE_NAME)} -or $guideState.Role -ne 'gpo') { continue }
          if ($guideState.GpoName -ne $GpoName -or $guideState.GpoDomain -ne $GpoDomain) { continue }
          $GuideRunToUndo = [pscustomobject]@{ Folder = $guideFolder; State = $guideState }
          break
      }
      if (-not $GuideRunToUndo) {
          throw ('No run of gpo.ps1 for the GPO ''{0}'' in {1} is left to roll back in {2}. Nothing was changed.' -f $GpoName, $GpoDomain, $GuideGpoRoot)
      }
      $GuideUndo = $GuideRunToUndo.State
      # Found by id, not by name: the GPO may have been renamed since.
      $GuideExists = $GuideUndo.GpoId -and @(Get-GPO -All -Domain $GpoDomain | Where-Object { [string]$_.Id -eq $GuideUndo.GpoId }).Count -gt 0
      if (-not $GuideUndo.GpoCreated -and $GuideUndo.BackupId -and -not $GuideExists) {
          throw ('The GPO {0} that gpo.ps1 changed is no longer in {1}: restore it from the backup in {2} by hand if you need it (Import-GPO -BackupId {3} -Path <that folder> -TargetName <a name> -CreateIfNeeded). Nothing was changed.' -f $GuideUndo.GpoId, $GpoDomain, $GuideRunToUndo.Folder.FullName, $GuideUndo.BackupId)
      }
      Write-Host ('Rolling back the run {0} of gpo.ps1 ({1} change(s)).' -f $GuideRunToUndo.Folder.Name, @($GuideUndo.Changes).Count)
    `);
    w.section('Roll back');
    w.code(ps`
      if ($GuideUndo.LinkCreated -and $GuideUndo.GpoId) {
          $guideLinks = @((Get-GPInheritance -Target $GuideUndo.LinkCreated -Domain $GpoDomain).GpoLinks | Where-Object { [string]$_.GpoId -eq $GuideUndo.GpoId })
          if ($guideLinks.Count -gt 0) {
              $null = Remove-GPLink -Guid $GuideUndo.GpoId -Target $GuideUndo.LinkCreated -Domain $GpoDomain
              Write-Host ('Removed the link of the GPO to {0}' -f $GuideUndo.LinkCreated)
          }
          else { Write-Host ('Unchanged: the GPO is not linked to {0}' -f $GuideUndo.LinkCreated) }
      }
      if ($GuideUndo.GpoCreated) {
          if ($GuideExists) {
              Remove-GPO -Guid $GuideUndo.GpoId -Domain $GpoDomain
              Write-Host ('Removed the GPO {0} that gpo.ps1 created as ''{1}''' -f $GuideUndo.GpoId, $GpoName)
          }
          else { Write-Host ('Unchanged: the GPO {0} that gpo.ps1 created is already gone' -f $GuideUndo.GpoId) }
      }
      elseif ($GuideUndo.BackupId) {
          $null = Restore-GPO -BackupId $GuideUndo.BackupId -Path $GuideRunToUndo.Folder.FullName -Domain $GpoDomain
          Write-Host ('Restored the GPO ''{0}'' from the backup {1}' -f $GpoName, $GuideUndo.BackupId)
      }
      Rename-Item -LiteralPath $GuideRunToUndo.Folder.FullName -NewName ('rolledback-' + $GuideRunToUndo.Folder.Name)
      Write-Host ''
      Write-Host ('Finished: the run {0} is rolled back. The servers apply the change at their next Group Policy refresh.' -f $GuideRunToUndo.Folder.Name)
    `);
  });
  return w.toString();
}
