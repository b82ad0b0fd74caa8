/** Registry and policy settings of a Windows target reached over WinRM. */
import { PATHS } from '../constants';
import type { SettingRule } from '../item-table';
import { onWinRM } from '../plan-conditions';

export const WINRM_HOST_POLICY_SETTINGS: readonly SettingRule[] = [
  {
    id: 'local-account-token-filter-policy',
    when: onWinRM,
    scope: 'registry',
    name: `${PATHS.latfpKey}\\LocalAccountTokenFilterPolicy`,
    value: '0 (left unchanged; the target script warns if it is 1)',
    appliedBy: 'recommended',
    because:
      '1 disables UAC remote restrictions for every local account: the DISA STIG (WN22-MS-000020, CAT II; WN10-CC-000037 on clients) and CIS require 0, and the STIG counts a missing value as a finding, so set 0 explicitly by Group Policy ("Apply UAC restrictions to local accounts on network logons"). Enable-PSRemoting or winrm quickconfig may have set 1; the script never changes it.',
    sources: ['TRB', 'STIG', 'CIS', 'LATFP', 'DPSR'],
    topic: 'hardening-checklist',
  },
  {
    id: 'script-block-logging',
    when: onWinRM,
    scope: 'registry',
    name: `${PATHS.scriptBlockLoggingKey}\\EnableScriptBlockLogging`,
    value: '1',
    appliedBy: 'target',
    because:
      'Script block logging records what runs in every session (event 4104 in Microsoft-Windows-PowerShell/Operational). STIG WN22-CC-000460 and CIS (Level 1 in its Windows Server benchmarks) require it. This is the Windows PowerShell key, which the default endpoints run; PowerShell 7 reads its own key (HKLM:\\Software\\Policies\\Microsoft\\PowerShellCore\\ScriptBlockLogging) unless its policy says to use the Windows PowerShell settings. Set $EnableScriptBlockLogging = $false in the script if Group Policy manages it.',
    sources: ['LOG51', 'LOG7', 'STIG', 'CIS', 'ASD'],
    topic: 'event-logs-and-auditing',
  },
  {
    id: 'disable-runas',
    when: onWinRM,
    scope: 'policy',
    name: 'WinRM Service policy DisableRunAs (HKLM:\\Software\\Policies\\Microsoft\\Windows\\WinRM\\Service\\DisableRunAs)',
    value: '1',
    appliedBy: 'recommended',
    because:
      'Stops endpoints from storing RunAs passwords (STIG WN22-CC-000520, CIS L1). Apply it by Group Policy; JEA virtual accounts and gMSAs are not affected.',
    sources: ['STIG', 'CIS', 'CSP'],
    topic: 'hardening-checklist',
  },
];
