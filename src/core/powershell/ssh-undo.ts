/**
 * The rollback's undo functions for the files the SSH target script writes: sshd_config
 * (SshdConfigBlock) and, on Linux, powershell.config.json (PwshConfigFile). Each is idempotent
 * and throws on failure, like every Undo-Guide<Kind> of render-rollback.ts. The platform test is
 * $GuideOnWindows (5.1-safe), never $IsWindows alone: a WinRM rollback runs in Windows PowerShell 5.1.
 */
import { SSH } from '../rules/constants';
import { q } from './quote';
import { ps, type PsWriter } from './writer';

export function writeSshConfigUndo(w: PsWriter): void {
  w.code(ps`
    function Undo-GuideSshdConfigBlock {
        param([Parameter(Mandatory = $true)]$Change)
        # As it was before the target script, byte for byte (encoding, line endings, final newline) when nobody
        # changed it since; otherwise only the guide block is taken out and the later changes are kept.
        if (-not (Test-Path -LiteralPath $Change.Path -PathType Leaf)) {
            throw ('{0} no longer exists. The file as it was before the guide is in {1}.' -f $Change.Path, $Change.Backup)
        }
        $sshdExe = [string]$Change.SshdExe
        if (-not $sshdExe -and $GuideOnWindows) { $sshdExe = Join-Path -Path $env:SystemRoot -ChildPath ${q(SSH.windowsSshd)} }
        if (-not $sshdExe) { $sshdExe = ${q(SSH.linuxSshd)} }
        $before = [System.IO.File]::ReadAllBytes($Change.Path)
        $current = (Get-FileHash -LiteralPath $Change.Path -Algorithm SHA256).Hash
        if ($Change.OriginalSha256 -and $current -eq $Change.OriginalSha256) {
            $how = 'already as it was before the guide'
        }
        elseif ($Change.WrittenSha256 -and $current -eq $Change.WrittenSha256 -and (Test-Path -LiteralPath $Change.Backup -PathType Leaf)) {
            [System.IO.File]::WriteAllBytes($Change.Path, [System.IO.File]::ReadAllBytes($Change.Backup))
            $how = 'restored byte for byte'
        }
        else {
            $hasBom = $before.Length -ge 3 -and $before[0] -eq 0xEF -and $before[1] -eq 0xBB -and $before[2] -eq 0xBF
            $text = [System.IO.File]::ReadAllText($Change.Path)
            $pattern = '(?m)^' + [regex]::Escape([string]$Change.Start) + '\r?$[\s\S]*?^' + [regex]::Escape([string]$Change.End) + '\r?(\n|$)'
            if ([regex]::IsMatch($text, $pattern)) {
                [System.IO.File]::WriteAllText($Change.Path, [regex]::Replace($text, $pattern, ''), [System.Text.UTF8Encoding]::new($hasBom))
                $how = ('changed since the guide wrote it, so only the guide block was taken out (the file as it was before the guide is in {0})' -f $Change.Backup)
            }
            else {
                $how = 'without a guide block already'
            }
        }
        # sshd's messages are read, not thrown (Windows PowerShell 5.1 stops on native stderr under 'Stop').
        $check = & { $ErrorActionPreference = 'Continue'; & $sshdExe -t -f $Change.Path 2>&1 }
        if ($LASTEXITCODE -ne 0) {
            [System.IO.File]::WriteAllBytes($Change.Path, $before)
            throw ('sshd -t rejects {0} as the rollback would leave it ({1}), so the file was put back as it was and sshd was not reloaded. The file as it was before the guide is in {2}.' -f $Change.Path, (@($check) -join ' '), $Change.Backup)
        }
        if ($GuideOnWindows) {
            if ((Get-Service -Name sshd -ErrorAction SilentlyContinue).Status -eq 'Running') { Restart-Service -Name sshd }
        }
        else {
            $unit = [string]$Change.Unit
            if (-not $unit) { $unit = @('sshd', 'ssh') | Where-Object { (systemctl show -p LoadState --value $_) -eq 'loaded' } | Select-Object -First 1 }
            if (-not $unit) { throw ('{0} is {1}, but no sshd or ssh systemd unit was found: reload sshd yourself.' -f $Change.Path, $how) }
            systemctl try-reload-or-restart $unit
            if ($LASTEXITCODE -ne 0) { throw ('{0} is {1}, but systemctl try-reload-or-restart {2} failed: reload sshd yourself.' -f $Change.Path, $how, $unit) }
        }
        Write-Host ('{0} is {1}; sshd checked it and reloaded' -f $Change.Path, $how)
    }
    function Undo-GuidePwshConfigFile {
        param([Parameter(Mandatory = $true)]$Change)
        if (-not (Test-Path -LiteralPath $Change.Path -PathType Leaf)) {
            if ($Change.Existed) { throw ('{0} no longer exists. The file as it was before the guide is in {1}.' -f $Change.Path, $Change.Backup) }
            Write-Host ('Unchanged: {0} is already gone' -f $Change.Path)
            return
        }
        $current = (Get-FileHash -LiteralPath $Change.Path -Algorithm SHA256).Hash
        if ($Change.Existed -and $current -eq (Get-FileHash -LiteralPath $Change.Backup -Algorithm SHA256).Hash) {
            Write-Host ('Unchanged: {0} is already as it was before the guide' -f $Change.Path)
            return
        }
        if ($current -ne $Change.WrittenSha256) {
            throw ('{0} was changed since the target script turned on script block logging in it, so the rollback leaves it. Edit ScriptBlockLogging in it by hand{1}.' -f $Change.Path, $(if ($Change.Existed) { ' (the file as it was before the guide is in ' + $Change.Backup + ')' } else { '' }))
        }
        if ($Change.Existed) {
            Copy-Item -LiteralPath $Change.Backup -Destination $Change.Path -Force
            Write-Host ('Restored {0} as it was before the guide' -f $Change.Path)
        }
        else {
            Remove-Item -LiteralPath $Change.Path -Force
            Write-Host ('Removed {0}, which the target script created for script block logging' -f $Change.Path)
        }
    }
  `);
}
