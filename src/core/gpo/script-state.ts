/**
 * The record of a gpo.ps1 run, for gpo-rollback.ps1: a private folder under
 * %LOCALAPPDATA%\PSRemotingGuide (this account, SYSTEM and Administrators only, inheritance off)
 * with the Backup-GPO backup of an existing GPO and gpo-state.clixml. Start-GuideGpoChange creates
 * it before the first change, so a run that changes nothing leaves nothing behind.
 */
import { GUIDE_NAME } from '../rules/constants';
import { q } from '../powershell/quote';
import { ps, type PsWriter } from '../powershell/writer';

export const GPO_STATE_FILE = 'gpo-state.clixml';
export const GPO_RUN_PREFIX = 'gpo-';

/** `$GuideGpoRoot` and Get-GuidePrivateReason / Protect-GuidePrivatePath (shared with the rollback). */
export function writeGpoStoreFunctions(w: PsWriter): void {
  w.code(ps`
    $GuideGpoRoot = Join-Path -Path $env:LOCALAPPDATA -ChildPath 'PSRemotingGuide'
    $GuideUserSid = [string]([Security.Principal.WindowsIdentity]::GetCurrent()).User.Value
    function Get-GuidePrivateReason {
        param([Parameter(Mandatory = $true)][string]$Path)
        $item = Get-Item -LiteralPath $Path -Force
        if ($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) { return 'it is a link (reparse point)' }
        $trusted = @('S-1-5-18', 'S-1-5-32-544', $GuideUserSid)
        $acl = Get-Acl -LiteralPath $Path
        $owner = $acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value
        if ($trusted -notcontains $owner) { return ('its owner is {0}' -f $owner) }
        foreach ($rule in @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]))) {
            if ([string]$rule.AccessControlType -eq 'Allow' -and $trusted -notcontains $rule.IdentityReference.Value) {
                return ('{0} has access to it' -f $rule.IdentityReference.Value)
            }
        }
        return ''
    }
    function Protect-GuidePrivatePath {
        param([Parameter(Mandatory = $true)][string]$Path)
        # Owner: this account; full control for SYSTEM, Administrators and this account only; inheritance off.
        $acl = Get-Acl -LiteralPath $Path
        $acl.SetSecurityDescriptorSddlForm(('O:{0}D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;{0})' -f $GuideUserSid), [System.Security.AccessControl.AccessControlSections]'Owner, Access')
        Set-Acl -LiteralPath $Path -AclObject $acl
    }
  `);
}

export function writeGpoState(w: PsWriter, rulesetVersion: string): void {
  w.section('Backup and record: made before the first change only');
  writeGpoStoreFunctions(w);
  w.code(ps`
    # One hashtable holds the run (functions change its entries; a variable they assigned would stay theirs).
    $GuideRun = @{ State = $null; StatePath = $null; Folder = $null }
    function Save-GuideGpoState {
        Export-Clixml -InputObject $GuideRun.State -LiteralPath $GuideRun.StatePath -Depth 5 -Force
    }
    function Start-GuideGpoChange {
        if ($null -ne $GuideRun.State) { return }
        if (-not (Test-Path -LiteralPath $GuideGpoRoot)) {
            $null = New-Item -Path $GuideGpoRoot -ItemType Directory
            Protect-GuidePrivatePath -Path $GuideGpoRoot
        }
        $problem = Get-GuidePrivateReason -Path $GuideGpoRoot
        if ($problem) {
            throw ('{0} is not private ({1}): the rollback would read a record others can change. Fix its permissions (this account, SYSTEM and Administrators only), then run this script again. Nothing was changed.' -f $GuideGpoRoot, $problem)
        }
        $GuideRun.Folder = Join-Path -Path $GuideGpoRoot -ChildPath (${q(GPO_RUN_PREFIX)} + (Get-Date -Format 'yyyyMMdd-HHmmss'))
        while (Test-Path -LiteralPath $GuideRun.Folder) {
            Start-Sleep -Seconds 1
            $GuideRun.Folder = Join-Path -Path $GuideGpoRoot -ChildPath (${q(GPO_RUN_PREFIX)} + (Get-Date -Format 'yyyyMMdd-HHmmss'))
        }
        $null = New-Item -Path $GuideRun.Folder -ItemType Directory
        Protect-GuidePrivatePath -Path $GuideRun.Folder
        $GuideRun.StatePath = Join-Path -Path $GuideRun.Folder -ChildPath ${q(GPO_STATE_FILE)}
        $GuideRun.State = [pscustomobject]@{
            Guide          = ${q(GUIDE_NAME)}
            Role           = 'gpo'
            RulesetVersion = ${q(rulesetVersion)}
            GpoName        = [string]$GpoName
            GpoDomain      = [string]$GpoDomain
            GpoId          = ''
            GpoCreated     = $false
            BackupId       = ''
            LinkCreated    = ''
            Created        = (Get-Date).ToString('o')
            Changes        = [System.Collections.Generic.List[string]]::new()
        }
        Save-GuideGpoState
        if ($GuideGpo) {
            $backup = Backup-GPO -Guid $GuideGpo.Id -Path $GuideRun.Folder -Domain $GpoDomain -Comment ${q(`Before ${GUIDE_NAME} gpo.ps1`)}
            $GuideRun.State.GpoId = [string]$GuideGpo.Id
            $GuideRun.State.BackupId = [string]$backup.Id
            Save-GuideGpoState
            Write-Host ('Backed up the GPO ''{0}'' to {1} (backup {2})' -f $GpoName, $GuideRun.Folder, $backup.Id)
        }
    }
    function Add-GuideGpoChange {
        param([Parameter(Mandatory = $true)][string]$Text)
        $GuideRun.State.Changes.Add($Text)
        Save-GuideGpoState
        Write-Host ('Changed: {0}' -f $Text)
    }
  `);
}

/** Creates the GPO when it does not exist (recorded first, so that the rollback removes it). */
export function writeGpoCreation(w: PsWriter): void {
  w.section('The GPO');
  w.code(ps`
    if (-not $GuideGpo) {
        Start-GuideGpoChange
        $GuideGpo = New-GPO -Name $GpoName -Domain $GpoDomain -Comment ${q(`Created by the ${GUIDE_NAME} (gpo.ps1). See the settings table of the recommendation.`)}
        $GuideRun.State.GpoId = [string]$GuideGpo.Id
        $GuideRun.State.GpoCreated = $true
        Add-GuideGpoChange -Text ('created the GPO {0} ({1})' -f $GpoName, $GuideGpo.Id)
    }
    $GuidePolicyStore = '{0}\{1}' -f $GpoDomain, $GpoName
  `);
}
