#Requires -Version 5.1
#Requires -RunAsAdministrator
# PowerShell Remoting Security Guide - target script
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=workgroup&pki=selfsigned&network=public&who=admins&hop=none
# Recommendation: authentication certificate, transport https (port 5986), endpoint default, second
# hop none.
# Run on: the server you connect to (srv01.contoso.com), in an elevated Windows PowerShell 5.1 or
# PowerShell 7 session.
# Run order: 1) client script on each computer you administer from  2) target script on the server
# (srv01.contoso.com)  3) client script on each computer you administer from
# This script:
#   - saves the WinRM configuration and the previous value of everything it changes
#   - turns off unencrypted traffic and Basic authentication on the WinRM service
#   - turns off CredSSP on the service
#   - creates a self-signed server certificate for $Target and exports its public part for the
#     clients
#   - creates the HTTPS listener on port 5986
#   - imports the client certificate into LocalMachine\Root and LocalMachine\TrustedPeople (after
#     checking its thumbprint)
#   - enables certificate authentication and maps the client certificate to $MappedUser (it asks for
#     that account's password)
#   - limits the firewall to $AdminSubnet (TCP 5986) and disables the built-in WinRM HTTP rules
#   - turns on script block logging (unless $EnableScriptBlockLogging is $false)
#   - warns (without changing it) if LocalAccountTokenFilterPolicy is 1
# It stops with a clear message before changing anything if a pre-flight check fails. Review every
# line before you run it in production; paste it whole or run it as a .ps1 file.

# ---- Edit these values -----------------------------------------------------------------------
# The name or address clients use to reach this server (the certificate is issued for it).
$Target = 'srv01.contoso.com'
# The addresses you administer from: a CIDR subnet, a range, or 'LocalSubnet'; several as
# @('10.0.50.0/24', '10.0.51.0/24'). Never Any.
$AdminSubnet = '192.0.2.0/24'
# The local account the client certificate logs on as (it must exist).
$MappedUser = 'psremote-admin'
# The client certificate exported by the client script (copy it here).
$ClientCertificateFile = 'C:\PSRemotingGuide\PSRemotingGuide-client.cer'
# The thumbprint the client script printed, to check that the file is the right one.
$ClientCertificateThumbprint = 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT'
# Set to $false if Group Policy already manages PowerShell logging.
$EnableScriptBlockLogging = $true

& {
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @('srv01.contoso.com', 'srv01.fabrikam.com', '192.0.2.10', 'srv02.contoso.com', '192.0.2.0/24', 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT')
    $GuideRefusedAddresses = @('Any', '*', '0.0.0.0/0', '::/0', '0.0.0.0-255.255.255.255', 'Internet')

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
    foreach ($guideValue in @($AdminSubnet)) {
        if ($GuideExampleValues -contains $guideValue) {
            throw ('Edit the line $AdminSubnet = ... at the top of this script: ''{0}'' is an example value. Nothing was changed.' -f $guideValue)
        }
    }
    foreach ($guideAddress in @($AdminSubnet)) {
        if ([string]::IsNullOrWhiteSpace($guideAddress) -or $GuideRefusedAddresses -contains $guideAddress) {
            throw ('$AdminSubnet must list the addresses you administer from (for example 10.0.50.0/24 or LocalSubnet); ''{0}'' would admit too much. Nothing was changed.' -f $guideAddress)
        }
    }
    $winrmService = Get-Service -Name WinRM -ErrorAction SilentlyContinue
    if (-not $winrmService) {
        throw 'The WinRM service is not installed on this computer. Nothing was changed.'
    }
    if ($winrmService.Status -ne 'Running') {
        throw 'The WinRM service is not running. Enable remoting first with Enable-PSRemoting -Force (on a client edition on a Public network: Enable-PSRemoting -SkipNetworkProfileCheck -Force), then run this script again. Nothing was changed.'
    }
    if ($null -ne $PSSenderInfo -and [string]$PSSenderInfo.ConnectionString -notmatch '^https:') {
        throw 'This remote session uses HTTP (port 5985), which this script closes in the firewall. Run it in a local session (console or RDP), or over HTTPS. Nothing was changed.'
    }
    if (-not (Get-Module -ListAvailable -Name 'NetSecurity')) {
        throw ('The PowerShell module {0} is not available on this computer. It provides the firewall cmdlets (Windows 8 / Server 2012 and later). Nothing was changed.' -f 'NetSecurity')
    }
    if (-not (Get-Module -ListAvailable -Name 'PKI')) {
        throw ('The PowerShell module {0} is not available on this computer. It provides the certificate cmdlets (Windows 8 / Server 2012 and later). Nothing was changed.' -f 'PKI')
    }
    foreach ($guideValue in @($ClientCertificateThumbprint)) {
        if ($GuideExampleValues -contains $guideValue) {
            throw ('Edit the line $ClientCertificateThumbprint = ... at the top of this script: ''{0}'' is an example value. Nothing was changed.' -f $guideValue)
        }
    }
    if (-not (Get-LocalUser -Name $MappedUser -ErrorAction SilentlyContinue)) {
        throw ('The local account ''{0}'' ($MappedUser) does not exist. Create it first (New-LocalUser -Name {0}), add it to the groups it needs, then run this script again. Nothing was changed.' -f $MappedUser)
    }
    if (-not (Test-Path -Path $ClientCertificateFile)) {
        throw ('The client certificate file {0} was not found. Run the client script first and copy the .cer file it exports to this path. Nothing was changed.' -f $ClientCertificateFile)
    }
    $clientCertificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($ClientCertificateFile)
    if ($clientCertificate.Thumbprint -ne ($ClientCertificateThumbprint -replace '\s', '')) {
        throw ('The certificate in {0} has the thumbprint {1}, not the one in $ClientCertificateThumbprint. Copy the right file. Nothing was changed.' -f $ClientCertificateFile, $clientCertificate.Thumbprint)
    }
    $targetIsAddress = ($Target -match '^[0-9.]+$') -or $Target.Contains(':')
    $serverCertificate = Get-ChildItem -Path Cert:\LocalMachine\My | Where-Object {
        $_.HasPrivateKey -and $_.NotAfter -gt (Get-Date).AddDays(30) -and ($_.Issuer -eq $_.Subject) -and
        $_.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $false) -eq $Target -and
        (@($_.EnhancedKeyUsageList.ObjectId) -contains '1.3.6.1.5.5.7.3.1')
    } | Sort-Object -Property NotAfter -Descending | Select-Object -First 1

    # ---- Backup: saved before any change -----------------------------------------------------
    $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide'
    $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('target-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    while (Test-Path -Path $GuideBackupFolder) {
        Start-Sleep -Seconds 1
        $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('target-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    }
    $null = New-Item -Path $GuideBackupFolder -ItemType Directory -Force
    winrm get winrm/config | Out-File -FilePath (Join-Path -Path $GuideBackupFolder -ChildPath 'winrm-config.txt') -Encoding utf8
    Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate | Format-List -Property * | Out-File -FilePath (Join-Path -Path $GuideBackupFolder -ChildPath 'listeners.txt') -Encoding utf8
    $GuideState = [pscustomobject]@{
        Guide          = 'PowerShell Remoting Security Guide'
        Role           = 'target'
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

    # ---- WinRM service hardening -------------------------------------------------------------
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Service\AllowUnencrypted' -Value 'false'
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Service\Auth\Basic' -Value 'false'
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Service\Auth\CredSSP' -Value 'false'

    # ---- Server certificate and HTTPS listener -----------------------------------------------
    if ($serverCertificate) {
        Write-Host ('Using the installed certificate {0} (expires {1:yyyy-MM-dd})' -f $serverCertificate.Thumbprint, $serverCertificate.NotAfter)
    }
    else {
        if ($targetIsAddress) {
            $serverCertificate = New-SelfSignedCertificate -Subject ('CN=' + $Target) -TextExtension @('2.5.29.17={text}IPAddress=' + $Target) -CertStoreLocation Cert:\LocalMachine\My -KeyExportPolicy NonExportable
        }
        else {
            $serverCertificate = New-SelfSignedCertificate -DnsName $Target -CertStoreLocation Cert:\LocalMachine\My -KeyExportPolicy NonExportable
        }
        Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\LocalMachine\My\' + $serverCertificate.Thumbprint) }
        Write-Host ('Created the self-signed certificate {0} for {1} (valid until {2:yyyy-MM-dd}; renew it before then)' -f $serverCertificate.Thumbprint, $Target, $serverCertificate.NotAfter)
    }
    $serverCertificateFile = Join-Path -Path $GuideBackupRoot -ChildPath 'PSRemotingGuide-server.cer'
    $null = Export-Certificate -Cert $serverCertificate -FilePath $serverCertificateFile -Type CERT -Force
    Write-Host ('Copy {0} to each client. Its thumbprint, which the client script asks for: {1}' -f $serverCertificateFile, $serverCertificate.Thumbprint)
    $httpsListener = Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate | Where-Object { $_.Transport -eq 'HTTPS' -and $_.Address -eq '*' } | Select-Object -First 1
    if ($httpsListener -and $httpsListener.CertificateThumbprint -eq $serverCertificate.Thumbprint -and $httpsListener.Hostname -eq $Target) {
        Write-Host 'Unchanged: the HTTPS listener already uses this certificate'
    }
    else {
        if ($httpsListener) {
            Save-GuideChange @{ Kind = 'ListenerRemoved'; Address = '*'; Transport = 'HTTPS'; Port = [string]$httpsListener.Port; Hostname = [string]$httpsListener.Hostname; CertificateThumbprint = [string]$httpsListener.CertificateThumbprint }
            Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{ Address = '*'; Transport = 'HTTPS' }
        }
        Save-GuideChange @{ Kind = 'ListenerCreated'; Address = '*'; Transport = 'HTTPS' }
        $null = New-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{ Address = '*'; Transport = 'HTTPS' } -ValueSet @{ Hostname = $Target; CertificateThumbprint = $serverCertificate.Thumbprint }
        Write-Host ('Created the HTTPS listener on port 5986 for {0}' -f $Target)
    }

    # ---- Client certificate authentication ---------------------------------------------------
    foreach ($store in @('Root', 'TrustedPeople')) {
        $storePath = 'Cert:\LocalMachine\' + $store + '\' + $clientCertificate.Thumbprint
        if (Test-Path -Path $storePath) {
            Write-Host ('Unchanged: the client certificate is already in LocalMachine\{0}' -f $store)
        }
        else {
            Save-GuideChange @{ Kind = 'CertificateImported'; Path = $storePath }
            $null = Import-Certificate -FilePath $ClientCertificateFile -CertStoreLocation ('Cert:\LocalMachine\' + $store)
            Write-Host ('Imported the client certificate into LocalMachine\{0}' -f $store)
        }
    }
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Service\Auth\Certificate' -Value 'true'
    $mappingSubject = $MappedUser + '@localhost'
    foreach ($mapping in @(Get-ChildItem -Path WSMan:\localhost\ClientCertificate)) {
        $mappingPath = 'WSMan:\localhost\ClientCertificate\' + $mapping.Name
        $mappedSubject = [string](Get-Item -Path ($mappingPath + '\Subject')).Value
        $mappedIssuer = [string](Get-Item -Path ($mappingPath + '\Issuer')).Value
        if ($mappedSubject -eq $mappingSubject -and $mappedIssuer -eq $clientCertificate.Thumbprint) {
            Write-Host 'Replacing the existing mapping for this certificate (for example after a password change)'
            Save-GuideChange @{ Kind = 'Note'; Text = ('The certificate mapping {0} for {1} was replaced; re-create it with New-Item -Path WSMan:\localhost\ClientCertificate if you roll back.' -f $mapping.Name, $mappingSubject) }
            Remove-Item -Path $mappingPath -Recurse -Force
        }
    }
    $mappingCredential = Get-Credential -UserName $MappedUser -Message ('Password of the local account {0} (the certificate mapping stores it)' -f $MappedUser)
    $newMapping = New-Item -Path WSMan:\localhost\ClientCertificate -Subject $mappingSubject -URI * -Issuer $clientCertificate.Thumbprint -Credential $mappingCredential -Force
    Save-GuideChange @{ Kind = 'ClientCertificateMapping'; Path = ('WSMan:\localhost\ClientCertificate\' + $newMapping.Name) }
    Write-Host ('Mapped the client certificate {0} to the local account {1}' -f $clientCertificate.Thumbprint, $MappedUser)
    # Get-LocalGroupMember throws on groups holding orphaned SIDs; the check is advice only.
    try {
        $mappedMember = Get-LocalGroupMember -SID 'S-1-5-32-544' | Where-Object { $_.Name -like ('*\' + $MappedUser) }
    }
    catch {
        $mappedMember = $null
        Write-Warning ('Could not list the local Administrators group ({0}); check yourself whether {1} is an administrator other than the built-in one.' -f $_.Exception.Message, $MappedUser)
    }
    $mappedSid = (Get-LocalUser -Name $MappedUser).SID.Value
    $tokenFilter = (Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' -Name LocalAccountTokenFilterPolicy -ErrorAction SilentlyContinue).LocalAccountTokenFilterPolicy
    if ($mappedMember -and -not $mappedSid.EndsWith('-500') -and $tokenFilter -ne 1) {
        Write-Warning ('{0} is a member of Administrators but not the built-in Administrator: UAC remote restrictions give its remote sessions a filtered standard-user token. This script does not change LocalAccountTokenFilterPolicy (1 would lift that protection for every local account); decide yourself.' -f $MappedUser)
    }

    # ---- Firewall: remoting only from $AdminSubnet -------------------------------------------
    Set-GuideFirewallRule -Name 'PSRemotingGuide-WinRM-HTTPS-In-TCP' -DisplayName 'PowerShell Remoting Guide: WinRM HTTPS (5986) from admin hosts' -Port 5986 -Profiles @('Domain', 'Private', 'Public')
    Disable-GuideBuiltInFirewallRule -Name 'WINRM-HTTP-In-TCP*'

    # ---- Logging -----------------------------------------------------------------------------
    if ($EnableScriptBlockLogging) {
        $loggingKey = 'HKLM:\Software\Policies\Microsoft\Windows\PowerShell\ScriptBlockLogging'
        $loggingValue = (Get-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -ErrorAction SilentlyContinue).EnableScriptBlockLogging
        if ($loggingValue -eq 1) {
            Write-Host 'Unchanged: script block logging is already on'
        }
        else {
            Save-GuideChange @{ Kind = 'RegistryValue'; Path = $loggingKey; Name = 'EnableScriptBlockLogging'; Previous = $loggingValue; KeyExisted = (Test-Path -Path $loggingKey) }
            if (-not (Test-Path -Path $loggingKey)) { $null = New-Item -Path $loggingKey -Force }
            $null = New-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -Value 1 -PropertyType DWord -Force
            Write-Host 'Turned on script block logging (event 4104 in Microsoft-Windows-PowerShell/Operational)'
        }
    }
    $tokenFilterPolicy = (Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' -Name LocalAccountTokenFilterPolicy -ErrorAction SilentlyContinue).LocalAccountTokenFilterPolicy
    if ($tokenFilterPolicy -eq 1) {
        Write-Warning 'LocalAccountTokenFilterPolicy is 1: UAC remote restrictions are off for every local account (Enable-PSRemoting or winrm quickconfig may have set it). Baselines want 0. This script leaves it unchanged; set it to 0 unless something relies on it.'
    }

    # ---- Done --------------------------------------------------------------------------------
    Write-Host ''
    Write-Host ('Finished. {0} change(s) recorded in {1}' -f $GuideState.Changes.Count, $GuideStatePath)
    Write-Host ('Next: copy the exported server certificate to the client and run the client script there again.' -f $Target)
}
