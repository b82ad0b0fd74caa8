/** Script block logging, and the LocalAccountTokenFilterPolicy warning (never changed). */
import { PATHS } from '../../rules/constants';
import { q } from '../quote';
import { ps, type PsWriter } from '../writer';

export function writeLogging(w: PsWriter): void {
  w.section('Logging');
  w.code(ps`
    if ($EnableScriptBlockLogging) {
        $loggingKey = ${q(PATHS.scriptBlockLoggingKey)}
        $loggingValue = (Get-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -ErrorAction SilentlyContinue).EnableScriptBlockLogging
        if ($loggingValue -eq 1) {
            Write-Host 'Unchanged: script block logging is already on'
        }
        else {
            $keyExisted = Test-Path -Path $loggingKey
            New-GuideRegistryKey -Path $loggingKey
            Save-GuideChange @{ Kind = 'RegistryValue'; Path = $loggingKey; Name = 'EnableScriptBlockLogging'; Previous = $loggingValue; KeyExisted = $keyExisted }
            $null = New-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -Value 1 -PropertyType DWord -Force
            Write-Host 'Turned on script block logging (event 4104 in Microsoft-Windows-PowerShell/Operational)'
        }
    }
    $tokenFilterPolicy = (Get-ItemProperty -Path ${q(PATHS.latfpKey)} -Name LocalAccountTokenFilterPolicy -ErrorAction SilentlyContinue).LocalAccountTokenFilterPolicy
    if ($tokenFilterPolicy -eq 1) {
        Write-Warning 'LocalAccountTokenFilterPolicy is 1: UAC remote restrictions are off for every local account (Enable-PSRemoting or winrm quickconfig may have set it). Baselines want 0. This script leaves it unchanged; set it to 0 unless something relies on it.'
    }
  `);
}
