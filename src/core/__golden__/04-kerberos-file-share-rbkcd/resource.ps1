#Requires -Version 5.1
#Requires -Modules ActiveDirectory
# PowerShell Remoting Security Guide - resource script (resource-based constrained delegation)
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no&target=app01.corp.example.com&resource=files01.corp.example.com
# Recommendation: authentication kerberos, transport http (port 5985), endpoint default, second hop
# rbkcd.
# Run on: a domain-joined admin workstation with the ActiveDirectory module (RSAT), as a user
# allowed to write the second computer's AD object. Domain Admin rights are not needed.
# Run order: 1) target script on the server (app01.corp.example.com)  2) resource script on an admin
# workstation with the ActiveDirectory module  3) client script on each computer you administer from
# This script:
#   - adds the target's computer account to PrincipalsAllowedToDelegateToAccount of the second
#     computer (existing entries are kept)
#   - saves the previous list, so the rollback script (run on this same computer) restores exactly
#     it
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
    $GuideRefusedAddresses = @('Any', '*', '0.0.0.0/0', '::/0', '0.0.0.0-255.255.255.255', 'Internet')

    # ---- Pre-flight checks: nothing is changed here ------------------------------------------
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
    $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide'
    $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('resource-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    while (Test-Path -Path $GuideBackupFolder) {
        Start-Sleep -Seconds 1
        $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('resource-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    }
    $null = New-Item -Path $GuideBackupFolder -ItemType Directory -Force
    $GuideState = [pscustomobject]@{
        Guide          = 'PowerShell Remoting Security Guide'
        Role           = 'resource'
        RulesetVersion = '2026.11.1'
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

    # ---- Resource-based constrained delegation -----------------------------------------------
    $current = @($resourceComputer.PrincipalsAllowedToDelegateToAccount | Where-Object { $_ })
    if ($current -contains $targetComputer.DistinguishedName) {
        Write-Host ('Unchanged: {0} may already delegate to {1}' -f $targetComputer.Name, $resourceComputer.Name)
    }
    else {
        Save-GuideChange @{ Kind = 'ADDelegation'; Identity = $resourceComputer.DistinguishedName; Previous = [string[]]$current }
        Set-ADComputer -Identity $resourceComputer -PrincipalsAllowedToDelegateToAccount (@($current) + $targetComputer.DistinguishedName)
        Write-Host ('{0} may now delegate users to the services of {1}' -f $targetComputer.Name, $resourceComputer.Name)
    }
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
    Write-Host ('Next: connect to {0} as usual; commands there reach the services of the second computer as you.' -f $Target)
}
