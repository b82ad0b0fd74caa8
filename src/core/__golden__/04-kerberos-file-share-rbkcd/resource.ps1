#Requires -Version 5.1
#Requires -RunAsAdministrator
#Requires -Modules ActiveDirectory
# PowerShell Remoting Security Guide - resource script (resource-based constrained delegation)
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no&target=app01.corp.example.com&resource=files01.corp.example.com&adminSubnet=10.0.50.0%2F24
# Recommendation: authentication kerberos, transport http (port 5985), endpoint default, second hop
# rbkcd.
# Run on: a domain-joined admin workstation with the ActiveDirectory module (RSAT), in an elevated
# session, as a user allowed to write the second computer's AD object. Domain Admin rights are not
# needed.
# Run order: 1) the target script (target.ps1) on the server (app01.corp.example.com)  2) the second
# computer script (resource.ps1) on an admin workstation with the ActiveDirectory module  3) the
# client script (client.ps1) on each computer you administer from
# This script:
#   - adds the target's computer account to PrincipalsAllowedToDelegateToAccount of the second
#     computer (the entries already there are kept)
#   - records the entry it added, so the rollback script (run on this same computer) removes only
#     that one and keeps principals others add later
#   - purges the target's system Kerberos tickets (klist purge -li 0x3e7) so the change applies
#     without waiting 15 minutes
# It stops with a clear message before changing anything if a pre-flight check fails. Review every
# line before you run it in production; paste it whole or run it as a .ps1 file.

# ---- Edit these values -----------------------------------------------------------------------
# The server you connect to (first hop); it may delegate to the second computer.
$Target = 'app01.corp.example.com'
# The second computer, whose services (SMB, SQL...) the target reaches on users' behalf.
$Resource = 'files01.corp.example.com'

& {
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @('srv01.contoso.com', 'srv01.fabrikam.com', '192.0.2.10', 'srv02.contoso.com', '192.0.2.0/24', 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT')

    # ---- Pre-flight checks: nothing is changed here ------------------------------------------
    $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
    if (-not ([Security.Principal.WindowsPrincipal]$guideIdentity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw 'Run this script in an elevated PowerShell session (Run as administrator). Nothing was changed.'
    }
    if ($PSVersionTable.PSVersion.Major -lt 5 -or ($PSVersionTable.PSVersion.Major -eq 5 -and $PSVersionTable.PSVersion.Minor -lt 1)) {
        throw ('This script needs Windows PowerShell 5.1 or PowerShell 7; this is {0}. Nothing was changed.' -f $PSVersionTable.PSVersion)
    }
    foreach ($guideValue in @($Target)) {
        if ($GuideExampleValues -contains $guideValue) {
            throw ('Edit the line $Target = ... at the top of this script: ''{0}'' is an example value. Nothing was changed.' -f $guideValue)
        }
    }
    foreach ($guideValue in @($Resource)) {
        if ($GuideExampleValues -contains $guideValue) {
            throw ('Edit the line $Resource = ... at the top of this script: ''{0}'' is an example value. Nothing was changed.' -f $guideValue)
        }
    }
    if ($Target -eq $Resource) {
        throw 'The second computer ($Resource) must differ from the target ($Target). Nothing was changed.'
    }
    foreach ($name in @($Target, $Resource)) {
        if (($name -match '^[0-9.]+$') -or $name.Contains(':')) {
            throw ('{0} is an IP address. Kerberos delegation needs computer names: enter the DNS names of both computers. Nothing was changed.' -f $name)
        }
    }
    if (-not (Get-Module -ListAvailable -Name ActiveDirectory)) {
        throw 'The ActiveDirectory module is not installed. On a server: Install-WindowsFeature RSAT-AD-PowerShell; on Windows 10/11: Add-WindowsCapability -Online -Name Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0. Nothing was changed.'
    }
    Import-Module ActiveDirectory
    function Get-GuideADComputer {
        param([Parameter(Mandatory = $true)][string]$Name)
        $found = @(Get-ADComputer -Filter 'DNSHostName -eq $Name' -Properties PrincipalsAllowedToDelegateToAccount)
        if ($found.Count -eq 0) {
            $shortName = $Name.Split('.')[0]
            $found = @(Get-ADComputer -Filter 'Name -eq $shortName' -Properties PrincipalsAllowedToDelegateToAccount)
        }
        if ($found.Count -ne 1) {
            throw ('Found {0} computer accounts for {1} in this domain. For a computer in another domain, add -Server <a DC of that domain> to Get-ADComputer. Nothing was changed.' -f $found.Count, $Name)
        }
        return $found[0]
    }
    $targetComputer = Get-GuideADComputer -Name $Target
    $resourceComputer = Get-GuideADComputer -Name $Resource

    # ---- Backup: saved before any change -----------------------------------------------------
    # $IsWindows is $null in Windows PowerShell 5.1, which only runs on Windows (edition Desktop).
    $GuideOnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
    $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide'
    function Get-GuideUnsafeReason {
        param([Parameter(Mandatory = $true)][string]$Path)
        $item = Get-Item -LiteralPath $Path -Force
        if ($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) { return 'it is a link (reparse point)' }
        if ($GuideOnWindows) {
            $trusted = @('S-1-5-18', 'S-1-5-32-544')
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
            $sddl = 'O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)'
            if (-not $item.PSIsContainer) { $sddl = 'O:BAD:PAI(A;;FA;;;SY)(A;;FA;;;BA)' }
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
    if (-not (Test-Path -LiteralPath $GuideBackupRoot)) { $null = New-Item -Path $GuideBackupRoot -ItemType Directory -Force }
    Initialize-GuideBackupRoot
    $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('resource-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    while (Test-Path -LiteralPath $GuideBackupFolder) {
        Start-Sleep -Seconds 1
        $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('resource-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    }
    $null = New-Item -Path $GuideBackupFolder -ItemType Directory
    Protect-GuideBackupPath -Path $GuideBackupFolder
    $GuideState = [pscustomobject]@{
        Guide          = 'PowerShell Remoting Security Guide'
        Role           = 'resource'
        RulesetVersion = '2026.11.1'
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

    # ---- Resource-based constrained delegation -----------------------------------------------
    function Add-GuideResourceDelegation {
        param([Parameter(Mandatory = $true)]$ResourceComputer, [Parameter(Mandatory = $true)]$TargetComputer)
        # Read the list again just before writing it: Set-ADComputer replaces the whole list.
        $current = @((Get-ADComputer -Identity $ResourceComputer -Properties PrincipalsAllowedToDelegateToAccount).PrincipalsAllowedToDelegateToAccount | Where-Object { $_ })
        if ($current -contains $TargetComputer.DistinguishedName) {
            Write-Host ('Unchanged: {0} may already delegate to {1}' -f $TargetComputer.Name, $ResourceComputer.Name)
            return
        }
        Save-GuideChange @{ Kind = 'ADDelegation'; Identity = $ResourceComputer.DistinguishedName; Added = $TargetComputer.DistinguishedName; TargetName = $Target; Previous = [string[]]$current }
        Set-ADComputer -Identity $ResourceComputer -PrincipalsAllowedToDelegateToAccount ([string[]](@($current) + $TargetComputer.DistinguishedName))
        Write-Host ('{0} may now delegate users to the services of {1} (the {2} principal(s) already allowed are kept)' -f $TargetComputer.Name, $ResourceComputer.Name, $current.Count)
    }
    Add-GuideResourceDelegation -ResourceComputer $resourceComputer -TargetComputer $targetComputer
    Get-ADComputer -Identity $resourceComputer -Properties PrincipalsAllowedToDelegateToAccount | Select-Object -ExpandProperty PrincipalsAllowedToDelegateToAccount | ForEach-Object { Write-Host ('  allowed to delegate: {0}' -f $_) }
    try {
        Invoke-Command -ComputerName $Target -ScriptBlock { klist purge -li 0x3e7 } -ErrorAction Stop | Out-Null
        Write-Host ('Purged the system Kerberos tickets of {0}' -f $Target)
    }
    catch {
        Write-Warning ('Could not purge the tickets on {0} ({1}). Run klist purge -li 0x3e7 there, or wait 15 minutes.' -f $Target, $_.Exception.Message)
    }

    # ---- Done --------------------------------------------------------------------------------
    Write-Host ''
    Write-Host ('Finished. {0} change(s) recorded in {1}' -f $GuideState.Changes.Count, $GuideStatePath)
    Write-Host ('Commands on {0} then reach the services of the second computer as you. Next: run the client script (client.ps1) on each computer you administer from.' -f $Target)
}
