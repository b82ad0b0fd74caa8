/**
 * Get-RemotingAudit.ps1, the read-only collection script the audit page shows and offers for
 * download: it reads how remoting is configured on the computer it runs on and prints one JSON
 * document (schema "psremoting-audit/1", validated by collection-schema.ts). It only reads:
 * Get-* cmdlets, Test-Path, Join-Path, Import-Module and `sshd -T`; the PowerShell suite checks the
 * text for any command that changes something and runs it on the simulated host, whose state must
 * not change. Windows PowerShell 5.1 compatible. Each probe has its own try/catch and records its
 * error, so one failing probe does not lose the others.
 */
import { COLLECTION_SCHEMA_ID, COLLECTION_SCHEMA_VERSION } from './collection-schema';

export const COLLECTION_SCRIPT_FILE_NAME = 'Get-RemotingAudit.ps1';

const SCRIPT = String.raw`<#
.SYNOPSIS
    Reads how PowerShell remoting is configured on this computer and prints it as JSON for the
    audit page of the PowerShell Remoting Security Guide. It changes nothing.
.DESCRIPTION
    Run it in an elevated prompt (Windows PowerShell 5.1 or PowerShell 7) on the server:

        .\Get-RemotingAudit.ps1 | Out-File -FilePath audit.json -Encoding utf8

    then give audit.json to the audit page, which reads it in your browser: nothing is uploaded.
    The JSON holds host names, account names, certificate names and firewall addresses; treat it
    as internal information.

    What it reads: the WinRM service and client configuration with each value's source (Group
    Policy or local), the listeners and their certificates, TrustedHosts, CredSSP delegation
    lists, session configurations (endpoints) with their permissions and RunAs accounts, firewall
    rules for TCP 5985, 5986 and 22, the network profiles, LocalAccountTokenFilterPolicy, the
    PowerShell logging policies (Windows PowerShell and PowerShell 7), the PowerShell 2.0 feature,
    sshd -T where OpenSSH Server is installed, and the computer's delegation settings where the
    ActiveDirectory module is available. Each part records its own error, if any.
#>
#Requires -Version 5.1
#Requires -RunAsAdministrator
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'

function ConvertTo-AuditText {
    param($Value)
    if ($null -eq $Value) { return $null }
    # An XML element (Get-WSManInstance returns XmlElement objects): its text.
    if ($Value -isnot [string] -and $null -ne $Value.PSObject.Properties['InnerText']) { return [string]$Value.InnerText }
    [string]$Value
}

function ConvertTo-AuditList {
    param($Value)
    $list = [System.Collections.Generic.List[string]]::new()
    foreach ($item in @($Value)) { if ($null -ne $item -and [string]$item -ne '') { $list.Add([string]$item) } }
    , $list.ToArray()
}

function Get-AuditDword {
    param([string]$Path, [string]$Name)
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    $item = Get-ItemProperty -LiteralPath $Path -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    $property = $item.PSObject.Properties[$Name]
    if ($null -eq $property -or $null -eq $property.Value) { return $null }
    [int]$property.Value
}

function Get-AuditRegistryStrings {
    param([string]$Path)
    if (-not (Test-Path -LiteralPath $Path)) { return , @() }
    $item = Get-ItemProperty -LiteralPath $Path -ErrorAction SilentlyContinue
    if ($null -eq $item) { return , @() }
    $values = foreach ($p in $item.PSObject.Properties) { if ($p.Name -notmatch '^PS(Path|ParentPath|ChildName|Drive|Provider)$') { [string]$p.Value } }
    ConvertTo-AuditList $values
}

# Runs one probe: its result with Error = $null, or the fallback with the error text.
function Read-AuditProbe {
    param([scriptblock]$Probe, [System.Collections.IDictionary]$Fallback)
    try {
        $result = & $Probe
        $result['Error'] = $null
        $result
    }
    catch {
        $Fallback['Error'] = '{0}: {1}' -f $_.Exception.GetType().Name, $_.Exception.Message
        $Fallback
    }
}

# The leaves of a WSMan: container and of the containers below it.
function Get-AuditWsmanLeaves {
    param([string]$Path)
    foreach ($child in @(Get-ChildItem -Path $Path)) {
        if ($child.PSIsContainer) { Get-AuditWsmanLeaves -Path ($Path + '\' + $child.Name) }
        else {
            [ordered]@{
                Path   = ($Path -replace '^WSMan:\\localhost\\', '') + '\' + $child.Name
                Value  = ConvertTo-AuditText $child.Value
                Source = ConvertTo-AuditText $child.SourceOfValue
            }
        }
    }
}

function Test-AuditRemotingPort {
    param([string]$Port)
    foreach ($wanted in 5985, 5986, 22) {
        if ($Port -eq [string]$wanted) { return $true }
        if ($Port -match '^(\d+)-(\d+)$' -and [int]$Matches[1] -le $wanted -and [int]$Matches[2] -ge $wanted) { return $true }
    }
    $false
}

$audit = [ordered]@{
    Schema        = '@SCHEMA@'
    SchemaVersion = @VERSION@
    CollectedAt   = (Get-Date).ToUniversalTime().ToString('o')
}

$audit.Computer = Read-AuditProbe -Fallback ([ordered]@{ Name = $env:COMPUTERNAME; DnsDomain = $null; PartOfDomain = $null; DomainRole = $null }) -Probe {
    $cs = Get-CimInstance -ClassName Win32_ComputerSystem
    [ordered]@{
        Name         = ConvertTo-AuditText $cs.Name
        DnsDomain    = $(if ($cs.PartOfDomain) { ConvertTo-AuditText $cs.Domain } else { $null })
        PartOfDomain = [bool]$cs.PartOfDomain
        DomainRole   = [int]$cs.DomainRole
    }
}

$audit.WinRM = Read-AuditProbe -Fallback ([ordered]@{ Items = $null }) -Probe {
    $items = [System.Collections.Generic.List[object]]::new()
    foreach ($root in 'Client', 'Service', 'Shell') {
        foreach ($leaf in @(Get-AuditWsmanLeaves -Path ('WSMan:\localhost\' + $root))) { $items.Add($leaf) }
    }
    [ordered]@{ Items = $items.ToArray() }
}

$audit.Listeners = Read-AuditProbe -Fallback ([ordered]@{ Items = $null }) -Probe {
    $store = @(Get-ChildItem -Path 'Cert:\LocalMachine\My')
    $items = [System.Collections.Generic.List[object]]::new()
    foreach ($l in @(Get-WSManInstance -ResourceURI 'winrm/config/listener' -Enumerate)) {
        $certificate = $null
        $thumbprint = ConvertTo-AuditText $l.CertificateThumbprint
        if ($thumbprint) {
            $cert = @($store | Where-Object { $_.Thumbprint -eq $thumbprint.Replace(' ', '') })
            $certificate = if ($cert.Count) {
                [ordered]@{
                    Thumbprint = $thumbprint
                    Found      = $true
                    Subject    = ConvertTo-AuditText $cert[0].Subject
                    Issuer     = ConvertTo-AuditText $cert[0].Issuer
                    DnsNames   = ConvertTo-AuditList @($cert[0].DnsNameList | ForEach-Object { $_.Unicode })
                    NotAfter   = $cert[0].NotAfter.ToUniversalTime().ToString('o')
                }
            }
            else { [ordered]@{ Thumbprint = $thumbprint; Found = $false; Subject = $null; Issuer = $null; DnsNames = @(); NotAfter = $null } }
        }
        $items.Add([ordered]@{
                Address               = ConvertTo-AuditText $l.Address
                Transport             = ConvertTo-AuditText $l.Transport
                Port                  = ConvertTo-AuditText $l.Port
                Hostname              = ConvertTo-AuditText $l.Hostname
                Enabled               = ConvertTo-AuditText $l.Enabled
                URLPrefix             = ConvertTo-AuditText $l.URLPrefix
                CertificateThumbprint = $thumbprint
                ListeningOn           = ConvertTo-AuditList $l.ListeningOn
                Source                = ConvertTo-AuditText $l.Source
                Certificate           = $certificate
            })
    }
    [ordered]@{ Items = $items.ToArray() }
}

$audit.CredSSP = Read-AuditProbe -Fallback ([ordered]@{ AllowFreshCredentials = $null; AllowFreshCredentialsWhenNTLMOnly = $null }) -Probe {
    $key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
    [ordered]@{
        AllowFreshCredentials             = Get-AuditRegistryStrings -Path ($key + '\AllowFreshCredentials')
        AllowFreshCredentialsWhenNTLMOnly = Get-AuditRegistryStrings -Path ($key + '\AllowFreshCredentialsWhenNTLMOnly')
    }
}

$audit.SessionConfigurations = Read-AuditProbe -Fallback ([ordered]@{ Items = $null }) -Probe {
    $items = foreach ($c in @(Get-PSSessionConfiguration)) {
        [ordered]@{
            Name                       = [string]$c.Name
            Permission                 = ConvertTo-AuditText $c.Permission
            RunAsUser                  = ConvertTo-AuditText $c.RunAsUser
            SecurityDescriptorSddl     = ConvertTo-AuditText $c.SecurityDescriptorSddl
            RunAsVirtualAccount        = ConvertTo-AuditText $c.RunAsVirtualAccount
            GroupManagedServiceAccount = ConvertTo-AuditText $c.GroupManagedServiceAccount
            SessionType                = ConvertTo-AuditText $c.SessionType
        }
    }
    [ordered]@{ Items = @($items) }
}

$audit.Firewall = Read-AuditProbe -Fallback ([ordered]@{ Rules = $null }) -Probe {
    $rules = [System.Collections.Generic.List[object]]::new()
    $filters = @(Get-NetFirewallPortFilter -All -PolicyStore ActiveStore | Where-Object { $_.Protocol -eq 'TCP' -and @(@($_.LocalPort) | Where-Object { Test-AuditRemotingPort -Port ([string]$_) }).Count -gt 0 })
    foreach ($filter in $filters) {
        foreach ($rule in @(Get-NetFirewallRule -Name $filter.InstanceID -PolicyStore ActiveStore)) {
            $addresses = @($rule | Get-NetFirewallAddressFilter)
            $rules.Add([ordered]@{
                    Name                  = [string]$rule.Name
                    DisplayName           = ConvertTo-AuditText $rule.DisplayName
                    Enabled               = ConvertTo-AuditText $rule.Enabled
                    Direction             = ConvertTo-AuditText $rule.Direction
                    Action                = ConvertTo-AuditText $rule.Action
                    Profile               = ConvertTo-AuditText $rule.Profile
                    Protocol              = ConvertTo-AuditText $filter.Protocol
                    LocalPort             = ConvertTo-AuditList $filter.LocalPort
                    RemoteAddress         = ConvertTo-AuditList @($addresses | ForEach-Object { $_.RemoteAddress })
                    PolicyStoreSourceType = ConvertTo-AuditText $rule.PolicyStoreSourceType
                })
        }
    }
    [ordered]@{ Rules = $rules.ToArray() }
}

$audit.NetworkProfiles = Read-AuditProbe -Fallback ([ordered]@{ Items = $null }) -Probe {
    $items = foreach ($p in @(Get-NetConnectionProfile)) {
        [ordered]@{ Name = ConvertTo-AuditText $p.Name; InterfaceAlias = ConvertTo-AuditText $p.InterfaceAlias; NetworkCategory = ConvertTo-AuditText $p.NetworkCategory }
    }
    [ordered]@{ Items = @($items) }
}

$audit.Registry = Read-AuditProbe -Fallback ([ordered]@{ LocalAccountTokenFilterPolicy = $null; DisableRunAs = $null; WindowsPowerShell = [ordered]@{ ScriptBlockLogging = $null; ModuleLogging = $null; Transcription = $null }; PowerShell7 = [ordered]@{ ScriptBlockLogging = $null; ModuleLogging = $null; Transcription = $null }; PowerShell7Installed = $null }) -Probe {
    $policies = 'HKLM:\SOFTWARE\Policies\Microsoft'
    $logging = {
        param([string]$Root)
        [ordered]@{
            ScriptBlockLogging = Get-AuditDword -Path ($Root + '\ScriptBlockLogging') -Name 'EnableScriptBlockLogging'
            ModuleLogging      = Get-AuditDword -Path ($Root + '\ModuleLogging') -Name 'EnableModuleLogging'
            Transcription      = Get-AuditDword -Path ($Root + '\Transcription') -Name 'EnableTranscripting'
        }
    }
    [ordered]@{
        LocalAccountTokenFilterPolicy = Get-AuditDword -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' -Name 'LocalAccountTokenFilterPolicy'
        DisableRunAs                  = Get-AuditDword -Path ($policies + '\Windows\WinRM\Service') -Name 'DisableRunAs'
        WindowsPowerShell             = & $logging ($policies + '\Windows\PowerShell')
        PowerShell7                   = & $logging ($policies + '\PowerShellCore')
        PowerShell7Installed          = [bool](Test-Path -LiteralPath (Join-Path -Path $env:ProgramFiles -ChildPath 'PowerShell\7\pwsh.exe'))
    }
}

$audit.PowerShellV2 = Read-AuditProbe -Fallback ([ordered]@{ Feature = $null; State = $null }) -Probe {
    $found = [ordered]@{ Feature = ''; State = 'NotPresent' }
    if (Get-Command -Name Get-WindowsFeature -ErrorAction SilentlyContinue) {
        $feature = Get-WindowsFeature -Name 'PowerShell-V2'
        if ($feature) { $found = [ordered]@{ Feature = 'PowerShell-V2'; State = [string]$feature.InstallState } }
    }
    elseif (Get-Command -Name Get-WindowsOptionalFeature -ErrorAction SilentlyContinue) {
        $feature = Get-WindowsOptionalFeature -Online -FeatureName 'MicrosoftWindowsPowerShellV2Root' -ErrorAction SilentlyContinue
        if ($feature) { $found = [ordered]@{ Feature = 'MicrosoftWindowsPowerShellV2Root'; State = [string]$feature.State } }
    }
    $found
}

$audit.Sshd = Read-AuditProbe -Fallback ([ordered]@{ Present = $false; Settings = $null }) -Probe {
    $sshdExe = Join-Path -Path $env:SystemRoot -ChildPath 'System32\OpenSSH\sshd.exe'
    if (-not (Test-Path -LiteralPath $sshdExe)) { return [ordered]@{ Present = $false; Settings = $null } }
    $output = @(& { $ErrorActionPreference = 'Continue'; & $sshdExe -T 2>&1 } | ForEach-Object { [string]$_ })
    if ($LASTEXITCODE -ne 0) { throw ('sshd -T exited with {0}: {1}' -f $LASTEXITCODE, ($output -join ' ')) }
    [ordered]@{ Present = $true; Settings = ConvertTo-AuditList $output }
}

$audit.Delegation = Read-AuditProbe -Fallback ([ordered]@{ Available = $false; TrustedForDelegation = $null; TrustedToAuthForDelegation = $null; AllowedToDelegateTo = $null }) -Probe {
    if (-not (Get-Module -ListAvailable -Name ActiveDirectory)) {
        return [ordered]@{ Available = $false; TrustedForDelegation = $null; TrustedToAuthForDelegation = $null; AllowedToDelegateTo = $null }
    }
    Import-Module -Name ActiveDirectory
    $computer = Get-ADComputer -Identity $env:COMPUTERNAME -Properties 'TrustedForDelegation', 'TrustedToAuthForDelegation', 'msDS-AllowedToDelegateTo'
    [ordered]@{
        Available                  = $true
        TrustedForDelegation       = [bool]$computer.TrustedForDelegation
        TrustedToAuthForDelegation = [bool]$computer.TrustedToAuthForDelegation
        AllowedToDelegateTo        = ConvertTo-AuditList $computer.'msDS-AllowedToDelegateTo'
    }
}

$audit | ConvertTo-Json -Depth 8
`;

/** The script's text, as the page shows it and the download holds it. */
export const COLLECTION_SCRIPT: string = SCRIPT.replace('@SCHEMA@', COLLECTION_SCHEMA_ID).replace(
  '@VERSION@',
  String(COLLECTION_SCHEMA_VERSION),
);
