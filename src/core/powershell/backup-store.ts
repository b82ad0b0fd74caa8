/**
 * The backup store: %ProgramData%\PSRemotingGuide (or /var/lib/psremoting-guide on Linux), where
 * every script saves its change log and the rollback reads it back. The rollback undoes those
 * changes as administrator (removes paths, writes registry, WSMan and AD values), so a change log
 * that anyone else could write is a privilege escalation: the store, each run folder and each
 * change log belong to SYSTEM and Administrators only (root, mode 0700 on Linux), and the rollback
 * reads nothing that is not.
 */
import { PATHS } from '../rules/constants';
import { q, qList } from './quote';
import { ps, type PsWriter } from './writer';

/**
 * Owner Administrators (BA); full control for SYSTEM (SY) and Administrators only, inherited by
 * what is created inside (OICI); P: nothing inherited from %ProgramData%, where standard users may
 * create folders. SDDL rather than new .NET rule objects, which Linux cannot construct (the
 * simulated Windows host of the tests runs there).
 */
export const BACKUP_FOLDER_SDDL = 'O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)';
export const BACKUP_FILE_SDDL = 'O:BAD:PAI(A;;FA;;;SY)(A;;FA;;;BA)';
/** LocalSystem and BUILTIN\Administrators, compared by SID so that localized names do not matter. */
export const TRUSTED_SIDS = ['S-1-5-18', 'S-1-5-32-544'] as const;

/**
 * `$GuideOnWindows`: `$IsWindows` does not exist in Windows PowerShell 5.1 (it reads as $null
 * there), and the Desktop edition only runs on Windows, so the two together work in 5.1 and 7.
 */
export function writePlatformTest(w: PsWriter): void {
  w.code(ps`
    # $IsWindows is $null in Windows PowerShell 5.1, which only runs on Windows (edition Desktop).
    $GuideOnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
  `);
}

/** `$GuideBackupRoot` for this platform (needs `$GuideOnWindows`). */
export function writeBackupRootPath(w: PsWriter): void {
  w.code(ps`
    if ($GuideOnWindows) { $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide' }
    else { $GuideBackupRoot = ${q(PATHS.backupRootLinux)} }
  `);
}

/**
 * Get-GuideUnsafeReason (why a path of the store is not private: '' when it is) and
 * Protect-GuideBackupPath (makes it private). Used by the scripts that write the store and by
 * the rollback, which refuses what is not private before importing anything.
 */
export function writeBackupStoreFunctions(w: PsWriter): void {
  w.code(ps`
    function Get-GuideUnsafeReason {
        param([Parameter(Mandatory = $true)][string]$Path)
        $item = Get-Item -LiteralPath $Path -Force
        if ($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) { return 'it is a link (reparse point)' }
        if ($GuideOnWindows) {
            $trusted = @(${qList(TRUSTED_SIDS)})
            $acl = Get-Acl -LiteralPath $Path
            $owner = $acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value
            if ($trusted -notcontains $owner) { return ('its owner is {0}, not SYSTEM or Administrators' -f $owner) }
            foreach ($rule in @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]))) {
                if ([string]$rule.AccessControlType -eq 'Allow' -and $trusted -notcontains $rule.IdentityReference.Value) {
                    return ('{0} has access to it' -f $rule.IdentityReference.Value)
                }
            }
            return ''
        }
        $stat = [string](stat -c '%u %a' $Path)
        if ($LASTEXITCODE -ne 0) { return 'stat could not read its owner and mode' }
        $owner, $mode = $stat.Trim() -split ' '
        if ($owner -ne '0') { return ('its owner is uid {0}, not root' -f $owner) }
        if (([Convert]::ToInt32($mode, 8) -band 63) -ne 0) { return ('its mode is {0}: group or others have access' -f $mode) }
        return ''
    }
    function Protect-GuideBackupPath {
        param([Parameter(Mandatory = $true)][string]$Path)
        $item = Get-Item -LiteralPath $Path -Force
        if ($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) {
            throw ('{0} is a link (reparse point), not a folder this guide created. Check it and remove it, then run this script again.' -f $Path)
        }
        if ($GuideOnWindows) {
            $sddl = ${q(BACKUP_FOLDER_SDDL)}
            if (-not $item.PSIsContainer) { $sddl = ${q(BACKUP_FILE_SDDL)} }
            $acl = Get-Acl -LiteralPath $Path
            $acl.SetSecurityDescriptorSddlForm($sddl, [System.Security.AccessControl.AccessControlSections]'Owner, Access')
            Set-Acl -LiteralPath $Path -AclObject $acl
            return
        }
        $owner = [string](stat -c '%u' $Path)
        if ($owner.Trim() -ne '0') {
            throw ('{0} belongs to uid {1}, not root: this guide did not create it. Check it and remove it, then run this script again.' -f $Path, $owner.Trim())
        }
        $mode = '700'
        if (-not $item.PSIsContainer) { $mode = '600' }
        chmod $mode $Path
        if ($LASTEXITCODE -ne 0) { throw ('chmod {0} {1} failed.' -f $mode, $Path) }
    }
    function Initialize-GuideBackupRoot {
        # An existing store with a weaker ACL (an earlier version of this guide, or created by
        # someone else) is repaired rather than refused: after the repair nobody else can write
        # in it, and the rollback never reads a run folder or change log it does not trust.
        $problem = Get-GuideUnsafeReason -Path $GuideBackupRoot
        if (-not $problem) { return }
        Protect-GuideBackupPath -Path $GuideBackupRoot
        $remaining = Get-GuideUnsafeReason -Path $GuideBackupRoot
        if ($remaining) {
            throw ('Could not make {0} private ({1}). Fix its permissions (SYSTEM and Administrators only, or root only), then run this script again.' -f $GuideBackupRoot, $remaining)
        }
        Write-Host ('Restricted the backup folder {0} to SYSTEM and Administrators (root only on Linux); before, {1}' -f $GuideBackupRoot, $problem)
    }
  `);
}
