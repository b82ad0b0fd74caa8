/**
 * PowerShell 7 script block logging. PowerShell 7 ignores the Windows PowerShell policy key: on
 * Windows it reads its own key under Policies\Microsoft\PowerShellCore (about_Logging_Windows), on
 * Linux and macOS the ScriptBlockLogging setting of powershell.config.json in $PSHOME
 * (about_Logging_Non-Windows, about_PowerShell_Config). Each installation has its own file.
 */
import { PATHS } from '../rules/constants';
import { q } from './quote';
import { ps, type PsWriter } from './writer';

/**
 * Windows: sets EnableScriptBlockLogging = 1 under a policy key (Windows PowerShell's or PowerShell
 * 7's), recording the previous value (RegistryValue, which every rollback undoes). Runs in Windows
 * PowerShell 5.1 too.
 */
export function writeScriptBlockLoggingPolicy(w: PsWriter, policy: { key: string; unchanged: string; turnedOn: string }): void {
  w.code(ps`
    $loggingKey = ${q(policy.key)}
    $loggingValue = (Get-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -ErrorAction SilentlyContinue).EnableScriptBlockLogging
    if ($loggingValue -eq 1) {
        Write-Host ${q(policy.unchanged)}
    }
    else {
        $keyExisted = Test-Path -Path $loggingKey
        New-GuideRegistryKey -Path $loggingKey
        Save-GuideChange @{ Kind = 'RegistryValue'; Path = $loggingKey; Name = 'EnableScriptBlockLogging'; Previous = $loggingValue; KeyExisted = $keyExisted }
        $null = New-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -Value 1 -PropertyType DWord -Force
        Write-Host ${q(policy.turnedOn)}
    }
  `);
}

/** Windows: PowerShell 7 script block logging, under the PowerShellCore policy key. */
export function writePwshScriptBlockLoggingWindows(w: PsWriter): void {
  writeScriptBlockLoggingPolicy(w, {
    key: PATHS.pwshScriptBlockLoggingKey,
    unchanged: 'Unchanged: PowerShell 7 script block logging is already on',
    turnedOn: 'Turned on PowerShell 7 script block logging (event 4104 in PowerShellCore/Operational once its event manifest is registered: RegisterManifest.ps1 in $PSHOME)',
  });
}

/**
 * Linux pre-flight: $pwshConfigPath must be absent, empty or valid JSON. PowerShell cannot start an
 * interactive session with an invalid file, and the script must not rewrite what it cannot read.
 */
export function writePwshConfigPreflightLinux(w: PsWriter): void {
  w.code(ps`
    $pwshConfigPath = Join-Path -Path $PSHOME -ChildPath 'powershell.config.json'
    $pwshConfigText = ''
    if (Test-Path -LiteralPath $pwshConfigPath) { $pwshConfigText = [System.IO.File]::ReadAllText($pwshConfigPath) }
    if ($pwshConfigText.Trim()) {
        try { $null = $pwshConfigText | ConvertFrom-Json -AsHashtable }
        catch { throw ('{0} is not valid JSON, so the script cannot add script block logging to it. Fix or remove it, or set $EnableScriptBlockLogging = $false, then run this script again. Nothing was changed.' -f $pwshConfigPath) }
    }
  `);
}

/**
 * Linux: sets ScriptBlockLogging.EnableScriptBlockLogging = true at the root of
 * powershell.config.json (the root-level form, which applies on every platform), keeping the other
 * settings. Records a PwshConfigFile change with a copy of the previous file. Needs Get-GuideSha256.
 */
export function writePwshScriptBlockLoggingLinux(w: PsWriter): void {
  w.code(ps`
    $pwshConfig = @{}
    if ($pwshConfigText.Trim()) { $pwshConfig = $pwshConfigText | ConvertFrom-Json -AsHashtable }
    if ($pwshConfig.ScriptBlockLogging -is [System.Collections.IDictionary] -and $pwshConfig.ScriptBlockLogging.EnableScriptBlockLogging -eq $true) {
        Write-Host ('Unchanged: script block logging is already on in {0}' -f $pwshConfigPath)
    }
    else {
        if ($pwshConfig.ScriptBlockLogging -isnot [System.Collections.IDictionary]) { $pwshConfig.ScriptBlockLogging = @{} }
        $pwshConfig.ScriptBlockLogging.EnableScriptBlockLogging = $true
        $pwshConfigBytes = [System.Text.UTF8Encoding]::new($false).GetBytes(($pwshConfig | ConvertTo-Json -Depth 20) + [char]10)
        $pwshConfigExisted = Test-Path -LiteralPath $pwshConfigPath
        $pwshConfigBackup = Join-Path -Path $GuideBackupFolder -ChildPath 'powershell.config.json'
        if ($pwshConfigExisted) { Copy-Item -LiteralPath $pwshConfigPath -Destination $pwshConfigBackup -Force }
        Save-GuideChange @{ Kind = 'PwshConfigFile'; Path = $pwshConfigPath; Existed = $pwshConfigExisted; Backup = $pwshConfigBackup; WrittenSha256 = (Get-GuideSha256 -Bytes $pwshConfigBytes) }
        [System.IO.File]::WriteAllBytes($pwshConfigPath, $pwshConfigBytes)
        Write-Host ('Turned on script block logging in {0} (PowerShell logs to syslog / the systemd journal)' -f $pwshConfigPath)
    }
  `);
}
