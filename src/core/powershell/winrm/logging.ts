/** Script block logging, and the LocalAccountTokenFilterPolicy warning (never changed). */
import { PATHS } from '../../rules/constants';
import { writeScriptBlockLoggingPolicy } from '../pwsh-logging';
import { q } from '../quote';
import { ps, type PsWriter } from '../writer';

export function writeLogging(w: PsWriter): void {
  w.section('Logging');
  w.indented('if ($EnableScriptBlockLogging) {', () =>
    writeScriptBlockLoggingPolicy(w, {
      key: PATHS.scriptBlockLoggingKey,
      unchanged: 'Unchanged: script block logging is already on',
      turnedOn: 'Turned on script block logging (event 4104 in Microsoft-Windows-PowerShell/Operational)',
    }),
  );
  w.code(ps`
    $tokenFilterPolicy = (Get-ItemProperty -Path ${q(PATHS.latfpKey)} -Name LocalAccountTokenFilterPolicy -ErrorAction SilentlyContinue).LocalAccountTokenFilterPolicy
    if ($tokenFilterPolicy -eq 1) {
        Write-Warning 'LocalAccountTokenFilterPolicy is 1: UAC remote restrictions are off for every local account (Enable-PSRemoting or winrm quickconfig may have set it). Baselines want 0. This script leaves it unchanged; set it to 0 unless something relies on it.'
    }
  `);
}
