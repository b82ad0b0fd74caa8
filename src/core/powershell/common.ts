/**
 * Pieces shared by every generated script: header, editable variables, pre-flight checks, the
 * backup/change log, and helper functions. Everything dynamic goes through quote.ts.
 */
import type { Recommendation, ScriptName } from '../model';
import { EXAMPLE_VALUES, GUIDE_NAME, REFUSED_REMOTE_ADDRESSES } from '../rules/constants';
import { bool, num, q, qList, type PsFragment } from './quote';
import { ps, type PsWriter } from './writer';

export type ScriptModel = Omit<Recommendation, 'scripts'>;

export interface HeaderInfo {
  role: ScriptName;
  title: string;
  requiresAdmin: boolean;
  requiresVersion: '5.1' | '7.0';
  requiresModules?: string[];
  runOn: string;
  does: string[];
}

export function summaryLine(m: ScriptModel): string {
  return `authentication ${m.authentication}, transport ${m.transport} (port ${m.port}), endpoint ${m.endpoint}, second hop ${m.secondHop}`;
}

export function runOrderText(m: ScriptModel): string {
  return m.runOrder.map((step, i) => `${i + 1}) ${step.script} script on ${step.where}`).join('  ');
}

export function writeHeader(w: PsWriter, m: ScriptModel, h: HeaderInfo): void {
  w.code({ lines: [`#Requires -Version ${h.requiresVersion}`] });
  if (h.requiresAdmin) w.code({ lines: ['#Requires -RunAsAdministrator'] });
  for (const module of h.requiresModules ?? []) w.code({ lines: [`#Requires -Modules ${module}`] });
  w.comment(`${GUIDE_NAME} - ${h.title}`);
  w.comment(`Ruleset ${m.rulesetVersion}. Generated from: ${m.permalink}`);
  w.comment(`Recommendation: ${summaryLine(m)}.`);
  w.comment(`Run on: ${h.runOn}`);
  w.comment(`Run order: ${runOrderText(m)}`);
  w.comment('This script:');
  for (const item of h.does) w.comment(`  - ${item}`);
  w.comment(
    'It stops with a clear message before changing anything if a pre-flight check fails. Review every line before you run it in production; paste it whole or run it as a .ps1 file.',
  );
}

export interface EditableVariable {
  name: string;
  value: PsFragment;
  comment: string;
}

/** The "edit these values" block at the top: one line per value the user may need to change. */
export function writeVariables(w: PsWriter, vars: EditableVariable[]): void {
  w.section('Edit these values');
  for (const v of vars) {
    w.comment(v.comment);
    w.code({ lines: [`$${v.name} = ${v.value.code}`] });
  }
}

/** Statements at the start of the script block: strict errors and the lists of refused values. */
export function writePrologue(w: PsWriter): void {
  w.code(ps`
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @(${qList(EXAMPLE_VALUES)})
    $GuideRefusedAddresses = @(${qList(REFUSED_REMOTE_ADDRESSES)})
  `);
}

export function writeElevationCheckWindows(w: PsWriter): void {
  w.code(ps`
    $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
    if (-not ([Security.Principal.WindowsPrincipal]$guideIdentity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw 'Run this script in an elevated PowerShell session (Run as administrator). Nothing was changed.'
    }
  `);
}

export function writeVersionCheck(w: PsWriter, version: '5.1' | '7.0'): void {
  if (version === '5.1') {
    w.code(ps`
      if ($PSVersionTable.PSVersion.Major -lt 5 -or ($PSVersionTable.PSVersion.Major -eq 5 -and $PSVersionTable.PSVersion.Minor -lt 1)) {
          throw ('This script needs Windows PowerShell 5.1 or PowerShell 7; this is {0}. Nothing was changed.' -f $PSVersionTable.PSVersion)
      }
    `);
  } else {
    w.code(ps`
      if ($PSVersionTable.PSVersion.Major -lt 7) {
          throw ('This script needs PowerShell 7 (pwsh); this is {0}. Install PowerShell 7 and run it with pwsh. Nothing was changed.' -f $PSVersionTable.PSVersion)
      }
    `);
  }
}

/** Stops when an editable variable still holds an example value. */
export function writeExampleCheck(w: PsWriter, variable: string): void {
  w.code({
    lines: [
      `foreach ($guideValue in @($${variable})) {`,
      '    if ($GuideExampleValues -contains $guideValue) {',
      `        throw ('Edit the line $${variable} = ... at the top of this script: ''{0}'' is an example value. Nothing was changed.' -f $guideValue)`,
      '    }',
      '}',
    ],
  });
}

export function writeAdminSubnetCheck(w: PsWriter): void {
  writeExampleCheck(w, 'AdminSubnet');
  w.code(ps`
    foreach ($guideAddress in @($AdminSubnet)) {
        if ([string]::IsNullOrWhiteSpace($guideAddress) -or $GuideRefusedAddresses -contains $guideAddress) {
            throw ('$AdminSubnet must list the addresses you administer from (for example 10.0.50.0/24 or LocalSubnet); ''{0}'' would admit too much. Nothing was changed.' -f $guideAddress)
        }
    }
  `);
}

export function writeModuleCheck(w: PsWriter, module: string, hint: string): void {
  w.code(ps`
    if (-not (Get-Module -ListAvailable -Name ${q(module)})) {
        throw (${q(`The PowerShell module {0} is not available on this computer. ${hint} Nothing was changed.`)} -f ${q(module)})
    }
  `);
}

/**
 * The backup folder and change log. Every change is recorded (before it is made) in
 * changes.clixml, which the rollback script reads. `root` is a PowerShell expression.
 */
export function writeBackup(w: PsWriter, m: ScriptModel, role: ScriptName, options: { winrmConfig: boolean; root: 'windows' | 'cross-platform' }): void {
  w.section('Backup: saved before any change');
  if (options.root === 'windows') {
    w.code(ps`$GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide'`);
  } else {
    w.code(ps`
      $GuideBackupRoot = '/var/lib/psremoting-guide'
      if ($IsWindows) { $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide' }
    `);
  }
  w.code(ps`
    $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath (${q(`${role}-`)} + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    while (Test-Path -Path $GuideBackupFolder) {
        Start-Sleep -Seconds 1
        $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath (${q(`${role}-`)} + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    }
    $null = New-Item -Path $GuideBackupFolder -ItemType Directory -Force
  `);
  if (options.winrmConfig) {
    w.code(ps`
      winrm get winrm/config | Out-File -FilePath (Join-Path -Path $GuideBackupFolder -ChildPath 'winrm-config.txt') -Encoding utf8
      Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate | Format-List -Property * | Out-File -FilePath (Join-Path -Path $GuideBackupFolder -ChildPath 'listeners.txt') -Encoding utf8
    `);
  }
  w.code(ps`
    $GuideState = [pscustomobject]@{
        Guide          = ${q(GUIDE_NAME)}
        Role           = ${q(role)}
        RulesetVersion = ${q(m.rulesetVersion)}
        Computer       = [Environment]::MachineName
        Created        = (Get-Date).ToString('o')
        Changes        = [System.Collections.Generic.List[object]]::new()
    }
    $GuideStatePath = Join-Path -Path $GuideBackupFolder -ChildPath 'changes.clixml'
    Export-Clixml -InputObject $GuideState -Path $GuideStatePath -Depth 5 -Force
    function Save-GuideChange {
        param([Parameter(Mandatory = $true)][hashtable]$Change)
        $GuideState.Changes.Add([pscustomobject]$Change)
        Export-Clixml -InputObject $GuideState -Path $GuideStatePath -Depth 5 -Force
    }
    Write-Host ('Backup and change log: {0}' -f $GuideBackupFolder)
  `);
}

/** Sets a WSMan: value, recording the previous one; refuses values controlled by Group Policy. */
export function writeWSManHelper(w: PsWriter): void {
  w.code(ps`
    function Set-GuideWSManSetting {
        param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][string]$Value)
        $item = Get-Item -Path $Path
        $current = [string]$item.Value
        if ($current -eq $Value) {
            Write-Host ('Unchanged: {0} is already {1}' -f $Path, $Value)
            return
        }
        if ($item.SourceOfValue -eq 'GPO') {
            throw ('{0} is set to {1} by Group Policy. Change the policy, then run this script again. Changes made so far are recorded in {2}.' -f $Path, $current, $GuideBackupFolder)
        }
        Save-GuideChange @{ Kind = 'WSManSetting'; Path = $Path; Previous = $current; New = $Value }
        Set-Item -Path $Path -Value $Value -Force
        Write-Host ('Changed: {0} = {1} (was {2})' -f $Path, $Value, $current)
    }
  `);
}

export function writeSetting(w: PsWriter, path: string, value: string): void {
  w.code(ps`Set-GuideWSManSetting -Path ${q(path)} -Value ${q(value)}`);
}

/** Makes sure a Windows service runs, recording its previous state. */
export function writeServiceHelper(w: PsWriter): void {
  w.code(ps`
    function Start-GuideService {
        param([Parameter(Mandatory = $true)][string]$Name)
        $service = Get-Service -Name $Name
        if ($service.Status -eq 'Running' -and [string]$service.StartType -ne 'Disabled') {
            Write-Host ('Unchanged: the {0} service is running' -f $Name)
            return
        }
        Save-GuideChange @{ Kind = 'ServiceState'; Name = $Name; PreviousStatus = [string]$service.Status; PreviousStartType = [string]$service.StartType }
        if ([string]$service.StartType -eq 'Disabled') { Set-Service -Name $Name -StartupType Manual }
        Start-Service -Name $Name
        Write-Host ('Started the {0} service (was {1}, start type {2})' -f $Name, $service.Status, $service.StartType)
    }
  `);
}

/** Creates or updates a guide firewall rule scoped to $AdminSubnet, recording what it changes. */
export function writeFirewallHelper(w: PsWriter): void {
  w.code(ps`
    function Set-GuideFirewallRule {
        param(
            [Parameter(Mandatory = $true)][string]$Name,
            [Parameter(Mandatory = $true)][string]$DisplayName,
            [Parameter(Mandatory = $true)][int]$Port,
            [Parameter(Mandatory = $true)][string[]]$Profiles
        )
        $existing = Get-NetFirewallRule -Name $Name -ErrorAction SilentlyContinue
        if ($existing) {
            $filter = $existing | Get-NetFirewallAddressFilter
            Save-GuideChange @{ Kind = 'FirewallRuleUpdated'; Name = $Name; PreviousRemoteAddress = [string[]]$filter.RemoteAddress; PreviousProfile = [string]$existing.Profile; PreviousEnabled = [string]$existing.Enabled }
            Set-NetFirewallRule -Name $Name -RemoteAddress $AdminSubnet -Profile $Profiles -Enabled True
            Write-Host ('Updated the firewall rule {0}: TCP {1} from {2}' -f $Name, $Port, ($AdminSubnet -join ', '))
        }
        else {
            Save-GuideChange @{ Kind = 'FirewallRuleCreated'; Name = $Name }
            $null = New-NetFirewallRule -Name $Name -DisplayName $DisplayName -Direction Inbound -Protocol TCP -LocalPort $Port -Action Allow -Profile $Profiles -RemoteAddress $AdminSubnet
            Write-Host ('Created the firewall rule {0}: TCP {1} from {2}' -f $Name, $Port, ($AdminSubnet -join ', '))
        }
    }
    function Disable-GuideBuiltInFirewallRule {
        param([Parameter(Mandatory = $true)][string]$Name)
        foreach ($rule in @(Get-NetFirewallRule -Name $Name -ErrorAction SilentlyContinue)) {
            if ([string]$rule.Enabled -eq 'True') {
                Save-GuideChange @{ Kind = 'FirewallRuleDisabled'; Name = $rule.Name }
                Disable-NetFirewallRule -Name $rule.Name
                Write-Host ('Disabled the built-in firewall rule {0}; the guide rule replaces it' -f $rule.Name)
            }
        }
    }
  `);
}

export function writeFirewallRules(w: PsWriter, m: ScriptModel): void {
  const fw = m.firewall;
  // The scoped rule first, then the built-in rules off: no moment without a rule for admin hosts.
  for (const rule of fw.rules) {
    w.code(ps`Set-GuideFirewallRule -Name ${q(rule.name)} -DisplayName ${q(rule.displayName)} -Port ${num(rule.port)} -Profiles @(${qList(rule.profiles)})`);
  }
  for (const pattern of fw.disablesBuiltInRules) {
    w.code(ps`Disable-GuideBuiltInFirewallRule -Name ${q(pattern)}`);
  }
}

/** The final summary. In `next`, "$Target" is replaced by the value of $Target when printed. */
export function writeDone(w: PsWriter, next: string): void {
  w.section('Done');
  w.code(ps`
    Write-Host ''
    Write-Host ('Finished. {0} change(s) recorded in {1}' -f $GuideState.Changes.Count, $GuideStatePath)
    Write-Host (${q(next.replace(/\{/g, '{{').replace(/\}/g, '}}').replace(/\$Target\b/g, '{0}'))} -f $Target)
  `);
}

export { bool };
