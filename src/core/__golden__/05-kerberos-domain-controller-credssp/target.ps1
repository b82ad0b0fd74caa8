#Requires -Version 5.1
#Requires -RunAsAdministrator
# PowerShell Remoting Security Guide - target script
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=same&address=name&assurance=high&network=private&who=admins&hop=remoting&trust=tier0&protected=no
# Recommendation: authentication kerberos, transport https (port 5986), endpoint default, second hop
# credssp.
# Run on: the server you connect to (srv01.contoso.com), in an elevated Windows PowerShell 5.1 or
# PowerShell 7 session at its console or over RDP (not over remoting).
# Run order: 1) target script on the server (srv01.contoso.com)  2) client script on each computer
# you administer from
# This script:
#   - saves the WinRM configuration and the previous value of everything it changes
#   - turns off unencrypted traffic and Basic authentication on the WinRM service
#   - enables CredSSP on the service (Role Server) for the second hop
#   - uses an installed certificate from your enterprise CA for $Target, or requests one
#     (Get-Certificate -Template $CertificateTemplate)
#   - creates the HTTPS listener on port 5986
#   - sets channel binding to Strict and removes the HTTP listener (5985)
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
# Your enterprise CA's template for server certificates (the name may differ in your CA); only used
# if no valid certificate is installed.
$CertificateTemplate = 'WebServer'
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
    if ($null -ne $PSSenderInfo) {
        throw 'Run this script in a local session (console or RDP): it restarts WinRM or removes the HTTP listener, which would cut this remote session off halfway. Nothing was changed.'
    }
    if (-not (Get-Module -ListAvailable -Name 'NetSecurity')) {
        throw ('The PowerShell module {0} is not available on this computer. It provides the firewall cmdlets (Windows 8 / Server 2012 and later). Nothing was changed.' -f 'NetSecurity')
    }
    if (-not (Get-Module -ListAvailable -Name 'PKI')) {
        throw ('The PowerShell module {0} is not available on this computer. It provides the certificate cmdlets (Windows 8 / Server 2012 and later). Nothing was changed.' -f 'PKI')
    }
    $targetIsAddress = ($Target -match '^[0-9.]+$') -or $Target.Contains(':')
    $serverCertificate = Get-ChildItem -Path Cert:\LocalMachine\My | Where-Object {
        $_.HasPrivateKey -and $_.NotAfter -gt (Get-Date).AddDays(30) -and ($_.Issuer -ne $_.Subject) -and
        $_.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $false) -eq $Target -and
        (@($_.EnhancedKeyUsageList.ObjectId) -contains '1.3.6.1.5.5.7.3.1')
    } | Sort-Object -Property NotAfter -Descending | Select-Object -First 1
    if (-not $serverCertificate -and ($targetIsAddress -or -not (Get-CimInstance -ClassName Win32_ComputerSystem).PartOfDomain)) {
        throw ('No valid certificate for {0} is installed in Cert:\LocalMachine\My, and this script can only request one for a DNS name on a domain-joined computer. Install a certificate from your CA (subject CN={0}, a SAN entry for {0}, Server Authentication EKU, with its private key), then run this script again. Nothing was changed.' -f $Target)
    }

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
    if ([string](Get-Item -Path 'WSMan:\localhost\Service\Auth\CredSSP').Value -eq 'true') {
        Write-Host 'Unchanged: CredSSP is already enabled on the service'
    }
    else {
        Save-GuideChange @{ Kind = 'CredSSPEnabled'; Role = 'Server'; PreviouslyEnabled = $false }
        $null = Enable-WSManCredSSP -Role Server -Force
        Write-Host 'Enabled CredSSP on the service (Role Server) for the second hop'
    }

    # ---- Server certificate and HTTPS listener -----------------------------------------------
    if ($serverCertificate) {
        Write-Host ('Using the installed certificate {0} (expires {1:yyyy-MM-dd})' -f $serverCertificate.Thumbprint, $serverCertificate.NotAfter)
    }
    else {
        $certificateRequest = Get-Certificate -Template $CertificateTemplate -DnsName $Target -SubjectName ('CN=' + $Target) -CertStoreLocation Cert:\LocalMachine\My
        if ([string]$certificateRequest.Status -ne 'Issued') {
            throw ('The certificate request (template {0}) is {1}. If it waits for approval by a CA manager, run this script again once it is issued. Changes made so far are recorded in {2}.' -f $CertificateTemplate, $certificateRequest.Status, $GuideBackupFolder)
        }
        $serverCertificate = $certificateRequest.Certificate
        Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\LocalMachine\My\' + $serverCertificate.Thumbprint) }
        Write-Host ('Enrolled the certificate {0} for {1} from template {2}' -f $serverCertificate.Thumbprint, $Target, $CertificateTemplate)
    }
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

    # ---- Firewall: remoting only from $AdminSubnet -------------------------------------------
    Set-GuideFirewallRule -Name 'PSRemotingGuide-WinRM-HTTPS-In-TCP' -DisplayName 'PowerShell Remoting Guide: WinRM HTTPS (5986) from admin hosts' -Port 5986 -Profiles @('Domain', 'Private')
    Disable-GuideBuiltInFirewallRule -Name 'WINRM-HTTP-In-TCP*'

    # ---- Channel binding and HTTP listener ---------------------------------------------------
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Service\Auth\CbtHardeningLevel' -Value 'Strict'
    foreach ($listener in @(Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate | Where-Object { $_.Transport -eq 'HTTP' })) {
        Save-GuideChange @{ Kind = 'ListenerRemoved'; Address = [string]$listener.Address; Transport = 'HTTP'; Port = [string]$listener.Port; Hostname = [string]$listener.Hostname; CertificateThumbprint = '' }
    }
    Get-ChildItem WSMan:\localhost\Listener | Where-Object Keys -contains 'Transport=HTTP' | Remove-Item -Recurse -Force
    Write-Host 'Removed the HTTP listener (5985). Enable-PSRemoting, winrm quickconfig and the AllowAutoConfig policy would re-create it.'

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
    Write-Host ('Next: run the client script on each computer you administer from.' -f $Target)
}
