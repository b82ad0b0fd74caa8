/**
 * Pieces shared by every generated script: header, editable variables, pre-flight checks, the
 * backup/change log, and helper functions. Everything dynamic goes through quote.ts.
 */
import type { Recommendation, ScriptName } from '../model';
import type { FirewallProfile } from '../model';
import { ADMIN_SUBNET_POLICY, EXAMPLE_VALUES, GUIDE_NAME, PATHS } from '../rules/constants';
import { RUN_SCRIPT_NAME } from '../rules/next-step';
import { WSMAN } from '../rules/settings';
import { bool, num, q, qList, type PsFragment } from './quote';
import { writeBackupRootPath, writeBackupStoreFunctions, writePlatformTest } from './backup-store';
import { ps, type PsWriter } from './writer';

/** The recommendation before anything is rendered from it. */
export type ScriptModel = Omit<Recommendation, 'scripts' | 'groupPolicy' | 'ansible'>;

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
  return m.runOrder.map((step, i) => `${i + 1}) ${RUN_SCRIPT_NAME[step.script]} on ${step.where}`).join('  ');
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

/** The edit-block comment of $Resource in the client scripts, which use it only in the examples they print. */
export const RESOURCE_EXAMPLE_COMMENT = 'The second computer that commands on the server reach, used in the example commands at the end of this script (the pre-flight checks that it is edited).';

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

/**
 * Refuses an $AdminSubnet that is empty, not an address list, or admits everything or a large part of
 * it (ADMIN_SUBNET_POLICY, the rule the page's field follows too): IPv4/IPv6 addresses, CIDR prefixes
 * no shorter than the minimum, a-b ranges no larger than such a prefix, and LocalSubnet. When $Target
 * is an IP address, one entry must be of its family (or LocalSubnet), or the rule would block every
 * client. Plain .NET, so it runs the same in Windows PowerShell 5.1, PowerShell 7 and on Linux.
 */
export function writeAdminSubnetCheck(w: PsWriter): void {
  writeExampleCheck(w, 'AdminSubnet');
  const min = ADMIN_SUBNET_POLICY.minPrefixLength;
  w.code(ps`
    $guideAdminKeywords = @(${qList(ADMIN_SUBNET_POLICY.allowedKeywords)})
    function Get-GuideAddressBytes {
        param([string]$Text)
        # Only dotted-quad IPv4 without leading zeros (TryParse also reads '10.1' and octal) and IPv6 without a zone id.
        $parsed = $null
        $isIPv4 = $Text -match '^(0|[1-9][0-9]{0,2})([.](0|[1-9][0-9]{0,2})){3}$'
        $isIPv6 = $Text.Contains(':') -and $Text -match '^[0-9A-Fa-f:.]+$'
        if (($isIPv4 -or $isIPv6) -and [System.Net.IPAddress]::TryParse($Text, [ref]$parsed)) {
            return ,$parsed.GetAddressBytes()
        }
        return $null
    }
    function Test-GuideRangeWithinPrefix {
        param([byte[]]$Low, [byte[]]$High, [int]$PrefixLength)
        # High - Low, byte by byte: the range fits in a prefix of that length when the difference has no bit set above it.
        $difference = New-Object -TypeName byte[] -ArgumentList $Low.Length
        $borrow = 0
        for ($i = $Low.Length - 1; $i -ge 0; $i--) {
            $digit = [int]$High[$i] - [int]$Low[$i] - $borrow
            $borrow = 0
            if ($digit -lt 0) { $digit += 256; $borrow = 1 }
            $difference[$i] = [byte]$digit
        }
        if ($borrow -ne 0) { return $false }
        for ($bit = 0; $bit -lt $PrefixLength; $bit++) {
            if (($difference[$bit -shr 3] -band (0x80 -shr ($bit -band 7))) -ne 0) { return $false }
        }
        return $true
    }
    function Get-GuideAdminAddressProblem {
        param([string]$Entry)
        if ([string]::IsNullOrWhiteSpace($Entry)) { return 'is empty' }
        if ($guideAdminKeywords -contains $Entry) { return $null }
        $minimum = @{ 4 = ${num(min.ipv4)}; 16 = ${num(min.ipv6)} }
        if ($Entry.Contains('-')) {
            $ends = @($Entry -split '-')
            $low = $null
            $high = $null
            if ($ends.Count -eq 2) {
                $low = Get-GuideAddressBytes -Text $ends[0]
                $high = Get-GuideAddressBytes -Text $ends[1]
            }
            if ($null -eq $low -or $null -eq $high -or $low.Length -ne $high.Length) { return 'is not a range of two addresses of the same family (for example 10.0.50.10-10.0.50.20)' }
            if (-not (Test-GuideRangeWithinPrefix -Low $low -High $high -PrefixLength 0)) { return 'ends before it starts' }
            if (-not (Test-GuideRangeWithinPrefix -Low $low -High $high -PrefixLength $minimum[$low.Length])) { return ('admits too much: it is larger than a /{0}' -f $minimum[$low.Length]) }
            return $null
        }
        if ($Entry.Contains('/')) {
            $parts = @($Entry -split '/')
            if ($parts.Count -ne 2 -or $parts[1] -notmatch '^[0-9]{1,3}$') { return 'is not a prefix: write address/length (for example 10.0.50.0/24), not a subnet mask' }
            $bytes = Get-GuideAddressBytes -Text $parts[0]
            if ($null -eq $bytes) { return 'does not start with an IPv4 or IPv6 address' }
            $length = [int]$parts[1]
            if ($length -gt $bytes.Length * 8) { return ('has a prefix length above {0}' -f ($bytes.Length * 8)) }
            if ($length -lt $minimum[$bytes.Length]) { return ('admits too much: the largest prefix accepted is /{0}' -f $minimum[$bytes.Length]) }
            return $null
        }
        $bytes = Get-GuideAddressBytes -Text $Entry
        if ($null -eq $bytes) { return 'is not an IP address, a prefix, a range or LocalSubnet (keywords such as Any, Internet or Intranet admit far too much)' }
        if (@($bytes | Where-Object { $_ -ne 0 }).Count -eq 0) { return 'is the unspecified address, which no computer connects from' }
        return $null
    }
    $guideAdminEntries = @($AdminSubnet)
    if ($guideAdminEntries.Count -eq 0) {
        throw '$AdminSubnet is empty: list the addresses you administer from (for example 10.0.50.0/24 or LocalSubnet). Nothing was changed.'
    }
    foreach ($guideAddress in $guideAdminEntries) {
        $guideProblem = Get-GuideAdminAddressProblem -Entry ([string]$guideAddress)
        if ($guideProblem) {
            throw ('$AdminSubnet entry ''{0}'' {1}. List the addresses you administer from: addresses, prefixes (at most /${num(min.ipv4)} for IPv4, /${num(min.ipv6)} for IPv6), ranges no larger than that, or LocalSubnet. Nothing was changed.' -f $guideAddress, $guideProblem)
        }
    }
    $guideTargetBytes = Get-GuideAddressBytes -Text ([string]$Target).Trim('[', ']')
    if ($null -ne $guideTargetBytes) {
        $guideFamilyCovered = $false
        foreach ($guideAddress in $guideAdminEntries) {
            $guideFirst = Get-GuideAddressBytes -Text (([string]$guideAddress) -split '[-/]')[0]
            if ($guideAdminKeywords -contains $guideAddress -or ($null -ne $guideFirst -and $guideFirst.Length -eq $guideTargetBytes.Length)) { $guideFamilyCovered = $true }
        }
        if (-not $guideFamilyCovered) {
            $guideFamily = 'IPv4'
            if ($guideTargetBytes.Length -eq 16) { $guideFamily = 'IPv6' }
            throw ('$Target is the {0} address {1}, but $AdminSubnet has no {0} entry: the firewall rule would block every client that reaches this server over {0}, you included. Add the {0} addresses you administer from (or LocalSubnet). Nothing was changed.' -f $guideFamily, $Target)
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

/** The Group Policy behind a WSMan: value (WindowsRemoteManagement.admx; see the RemoteManagement policy CSP). */
export interface WSManPolicy {
  /** The policy's name in the Group Policy editor. */
  policy: string;
  /** Its node under Windows Remote Management (WinRM), and the registry subkey of PATHS.winrmPolicyKey. */
  node: 'Service' | 'Client';
  /** The registry value the policy writes. */
  valueName: string;
}

export const WSMAN_POLICIES: Readonly<Record<string, WSManPolicy>> = {
  [WSMAN.serviceAllowUnencrypted]: { policy: 'Allow unencrypted traffic', node: 'Service', valueName: 'AllowUnencryptedTraffic' },
  [WSMAN.serviceBasic]: { policy: 'Allow Basic authentication', node: 'Service', valueName: 'AllowBasic' },
  [WSMAN.serviceCredSSP]: { policy: 'Allow CredSSP authentication', node: 'Service', valueName: 'AllowCredSSP' },
  [WSMAN.serviceCbt]: { policy: 'Specify channel binding token hardening level', node: 'Service', valueName: 'CBTHardeningLevelStatus' },
  [WSMAN.clientAllowUnencrypted]: { policy: 'Allow unencrypted traffic', node: 'Client', valueName: 'AllowUnencryptedTraffic' },
  [WSMAN.clientBasic]: { policy: 'Allow Basic authentication', node: 'Client', valueName: 'AllowBasic' },
  [WSMAN.clientDigest]: { policy: 'Disallow Digest authentication', node: 'Client', valueName: 'AllowDigest' },
  [WSMAN.clientCredSSP]: { policy: 'Allow CredSSP authentication', node: 'Client', valueName: 'AllowCredSSP' },
  [WSMAN.clientTrustedHosts]: { policy: 'Trusted Hosts', node: 'Client', valueName: 'TrustedHosts' },
};

/** A WSMan: value a script will set; `value: null` when the script changes it whatever it holds. */
export interface PlannedWSManValue {
  path: string;
  value: string | null;
}

function policyEntry(entry: PlannedWSManValue): PsFragment {
  const policy = WSMAN_POLICIES[entry.path];
  const parts = [`Path = ${q(entry.path).code}`];
  if (entry.value !== null) parts.push(`Value = ${q(entry.value).code}`);
  if (policy) {
    const where = `Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM ${policy.node}`;
    parts.push(`Policy = ${q(`the policy "${policy.policy}" (${where})`).code}`, `Key = ${q(`${PATHS.winrmPolicyKey}\\${policy.node}`).code}`, `Name = ${q(policy.valueName).code}`);
  } else {
    parts.push(`Policy = ${q('a Windows Remote Management (WinRM) policy').code}`);
  }
  return { code: `@{ ${parts.join('; ')} }` };
}

/**
 * Pre-flight: stops before any change when a value the script will change is controlled by Group
 * Policy (the WSMan: item's SourceOfValue is GPO, or the WinRM policy registry value exists), and
 * names the policy to change. A value already as wanted is no change, so policy may keep it.
 */
export function writePolicyPreflight(w: PsWriter, entries: readonly PlannedWSManValue[]): void {
  if (entries.length === 0) return;
  w.code({ lines: ['$guidePolicyChecks = @(', ...entries.map((e) => `    ${policyEntry(e).code}`), ')'] });
  w.code(ps`
    foreach ($guideCheck in $guidePolicyChecks) {
        $guideItem = Get-Item -Path $guideCheck.Path
        if ($null -ne $guideCheck.Value -and [string]$guideItem.Value -eq $guideCheck.Value) { continue }
        $guidePolicyValue = $null
        if ($guideCheck.Name) {
            $guidePolicyValue = Get-ItemProperty -Path $guideCheck.Key -Name $guideCheck.Name -ErrorAction SilentlyContinue
        }
        if ([string]$guideItem.SourceOfValue -eq 'GPO' -or $null -ne $guidePolicyValue) {
            throw ('{0} is controlled by Group Policy: {1}. This script would change it from {2}. Change that policy, or ask whoever manages it, then run this script again. Nothing was changed.' -f $guideCheck.Path, $guideCheck.Policy, $guideItem.Value)
        }
    }
  `);
}

/**
 * Pre-flight: stops when a network connection is on a profile the guide's firewall rules do not
 * cover. The script disables the built-in rules, so remoting over that connection would stop.
 */
export function writeNetworkProfileCheck(w: PsWriter, profiles: readonly FirewallProfile[]): void {
  w.code(ps`
    $guideRuleProfiles = @(${qList(profiles)})
    foreach ($guideConnection in @(Get-NetConnectionProfile)) {
        $guideProfile = [string]$guideConnection.NetworkCategory
        if ($guideProfile -eq 'DomainAuthenticated') { $guideProfile = 'Domain' }
        if ($guideRuleProfiles -notcontains $guideProfile) {
            throw ('The network connection ''{0}'' ({1}) is on the {2} profile, but the firewall rule this script creates covers {3} only, and the script disables the built-in rules: remoting over that connection would stop. If it is a network you trust, make it Private (Set-NetConnectionProfile -InterfaceIndex {4} -NetworkCategory Private) and run this script again; if this server is reachable from networks you do not control, answer the guide''s network question with "public" to get a rule that covers the Public profile. Nothing was changed.' -f $guideConnection.Name, $guideConnection.InterfaceAlias, $guideProfile, ($guideRuleProfiles -join ', '), $guideConnection.InterfaceIndex)
        }
    }
  `);
}

/**
 * Functions for a folder only SYSTEM and Administrators can use (owner Administrators, inheritance
 * off): Test-GuidePrivateFolder checks an existing one, New-GuidePrivateFolder creates one. A file
 * an administrator's script reads from a folder standard users can write to would let them change it.
 */
export function writePrivateFolderHelper(w: PsWriter): void {
  w.code(ps`
    function Test-GuidePrivateFolder {
        param([Parameter(Mandatory = $true)][string]$Path)
        $acl = Get-Acl -Path $Path
        $sidType = [System.Security.Principal.SecurityIdentifier]
        $owner = [string]$acl.GetOwner($sidType)
        if ($owner -ne 'S-1-5-32-544' -and $owner -ne 'S-1-5-18') { return $false }
        if (-not $acl.AreAccessRulesProtected) { return $false }
        foreach ($rule in @($acl.GetAccessRules($true, $true, $sidType))) {
            if ([string]$rule.AccessControlType -eq 'Allow' -and @('S-1-5-18', 'S-1-5-32-544') -notcontains [string]$rule.IdentityReference) { return $false }
        }
        return $true
    }
    function New-GuidePrivateFolder {
        param([Parameter(Mandatory = $true)][string]$Path)
        $null = New-Item -Path $Path -ItemType Directory
        $acl = Get-Acl -Path $Path
        # Owner Administrators; inheritance off; full control for SYSTEM and Administrators, nobody else.
        $acl.SetSecurityDescriptorSddlForm('O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)')
        Set-Acl -Path $Path -AclObject $acl
        # Between New-Item and Set-Acl the folder inherited its parent's ACL: anything placed in it then is not ours.
        if (@(Get-ChildItem -Path $Path -Force).Count -gt 0 -or -not (Test-GuidePrivateFolder -Path $Path)) {
            throw ('The new folder {0} is not private (something was placed in it, or its ACL could not be set). Investigate before running this script again. Changes made so far are recorded in {1}.' -f $Path, $GuideBackupFolder)
        }
    }
  `);
}

/**
 * The backup folder and change log. Every change is recorded (before it is made) in
 * changes.clixml, which the rollback script reads. The store, the run folder and the log are
 * private to SYSTEM and Administrators (root on Linux): see backup-store.ts.
 */
export function writeBackup(w: PsWriter, m: ScriptModel, role: ScriptName, options: { winrmConfig: boolean; root: 'windows' | 'cross-platform' }): void {
  w.section('Backup: saved before any change');
  writePlatformTest(w);
  if (options.root === 'windows') {
    w.code(ps`$GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide'`);
  } else {
    writeBackupRootPath(w);
  }
  writeBackupStoreFunctions(w);
  w.code(ps`
    if (-not (Test-Path -LiteralPath $GuideBackupRoot)) { $null = New-Item -Path $GuideBackupRoot -ItemType Directory -Force }
    Initialize-GuideBackupRoot
    $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath (${q(`${role}-`)} + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    while (Test-Path -LiteralPath $GuideBackupFolder) {
        Start-Sleep -Seconds 1
        $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath (${q(`${role}-`)} + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    }
    $null = New-Item -Path $GuideBackupFolder -ItemType Directory
    Protect-GuideBackupPath -Path $GuideBackupFolder
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
    Export-Clixml -InputObject $GuideState -LiteralPath $GuideStatePath -Depth 5 -Force
    Protect-GuideBackupPath -Path $GuideStatePath
    function Save-GuideChange {
        param([Parameter(Mandatory = $true)][hashtable]$Change)
        $GuideState.Changes.Add([pscustomobject]$Change)
        Export-Clixml -InputObject $GuideState -LiteralPath $GuideStatePath -Depth 5 -Force
    }
    function New-GuideRegistryKey {
        param([Parameter(Mandatory = $true)][string]$Path)
        # One level at a time, each recorded: New-Item -Force would also create missing parent keys,
        # which the rollback would then leave behind.
        $missing = [System.Collections.Generic.List[string]]::new()
        $current = $Path
        while (-not (Test-Path -Path $current)) {
            $missing.Insert(0, $current)
            $cut = $current.LastIndexOf('\')
            if ($cut -lt 0) { break }
            $current = $current.Substring(0, $cut)
        }
        foreach ($key in $missing) {
            Save-GuideChange @{ Kind = 'RegistryKeyCreated'; Path = $key }
            $null = New-Item -Path $key
        }
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

/**
 * ConvertTo-GuideFirewallAddress: an address as Get-NetFirewallAddressFilter shows it (IPv4
 * prefixes as masks), so that comparing the wanted and the current list finds no false change.
 * Shared by the target script's rules and the GPO's.
 */
export function writeFirewallAddressHelper(w: PsWriter): void {
  w.code(ps`
    function ConvertTo-GuideFirewallAddress {
        param([Parameter(Mandatory = $true)][string]$Address)
        $parts = $Address.Split('/')
        $ip = $null
        $length = 0
        if ($parts.Count -eq 2 -and [int]::TryParse($parts[1], [ref]$length) -and [System.Net.IPAddress]::TryParse($parts[0], [ref]$ip) -and $ip.AddressFamily -eq [System.Net.Sockets.AddressFamily]::InterNetwork -and $length -ge 0 -and $length -le 32) {
            $bits = ([string]'1' * $length).PadRight(32, '0')
            $mask = (0, 8, 16, 24 | ForEach-Object { [Convert]::ToInt32($bits.Substring($_, 8), 2) }) -join '.'
            return ('{0}/{1}' -f $ip, $mask)
        }
        return $Address.ToLowerInvariant()
    }
  `);
}

/** Creates or updates a guide firewall rule scoped to $AdminSubnet, recording what it changes. */
export function writeFirewallHelper(w: PsWriter): void {
  writeFirewallAddressHelper(w);
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
            # Windows shows IPv4 prefixes as masks (10.0.50.0/255.255.255.0): compare like with like, so that a rerun changes nothing.
            $wantedAddresses = @($AdminSubnet | ForEach-Object { ConvertTo-GuideFirewallAddress -Address ([string]$_) } | Sort-Object -Unique)
            $currentAddresses = @($filter.RemoteAddress | ForEach-Object { ConvertTo-GuideFirewallAddress -Address ([string]$_) } | Sort-Object -Unique)
            $currentProfiles = @(([string]$existing.Profile -split ',\s*') | Sort-Object -Unique)
            $sameAddresses = ($wantedAddresses -join ',') -eq ($currentAddresses -join ',')
            $sameProfiles = (@($Profiles | Sort-Object -Unique) -join ',') -eq ($currentProfiles -join ',')
            if ($sameAddresses -and $sameProfiles -and [string]$existing.Enabled -eq 'True') {
                Write-Host ('Unchanged: the firewall rule {0} already admits TCP {1} from {2} only' -f $Name, $Port, ($AdminSubnet -join ', '))
                return
            }
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

/** A text for Write-Host ... -f $Target: "$Target" becomes {0}, literal braces are doubled. */
function targetFormat(text: string): string {
  return text.replace(/\{/g, '{{').replace(/\}/g, '}}').replace(/\$Target\b/g, '{0}');
}

/**
 * The final summary. In `next`, "$Target" is replaced by the value of $Target when printed. A
 * script that runs twice in the run order (the client script on the certificate path) gives one
 * line for when its test connection worked ($guideConnected) and one for when it did not.
 */
export function writeDone(w: PsWriter, next: string | { connected: string; notYet: string }): void {
  w.section('Done');
  w.code(ps`
    Write-Host ''
    Write-Host ('Finished. {0} change(s) recorded in {1}' -f $GuideState.Changes.Count, $GuideStatePath)
  `);
  if (typeof next === 'string') {
    w.code(ps`Write-Host (${q(targetFormat(next))} -f $Target)`);
    return;
  }
  w.code(ps`
    if ($guideConnected) {
        Write-Host (${q(targetFormat(next.connected))} -f $Target)
    }
    else {
        Write-Host (${q(targetFormat(next.notYet))} -f $Target)
    }
  `);
}

export { bool };
