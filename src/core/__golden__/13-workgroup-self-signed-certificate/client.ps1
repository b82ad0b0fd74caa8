#Requires -Version 5.1
#Requires -RunAsAdministrator
# PowerShell Remoting Security Guide - client script
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=workgroup&pki=selfsigned&network=public&who=admins&hop=none
# Recommendation: authentication certificate, transport https (port 5986), endpoint default, second
# hop none.
# Run on: each Windows computer you administer from, in an elevated Windows PowerShell 5.1 or
# PowerShell 7 session.
# Run order: 1) the client script (client.ps1) on each computer you administer from  2) the target
# script (target.ps1) on the server (srv01.contoso.com)  3) the client script (client.ps1) on each
# computer you administer from
# This script:
#   - saves the WinRM client configuration and the previous value of everything it changes
#   - starts the WinRM service if needed (the WSMan: drive needs it)
#   - turns off Basic, Digest and unencrypted traffic for every WinRM connection this computer makes
#   - turns off CredSSP on the client
#   - warns (without changing it) if TrustedHosts contains a wildcard
#   - creates a self-signed client certificate for $MappedUser and exports its public part for the
#     server
#   - imports the server's self-signed certificate into LocalMachine\Root after checking its
#     thumbprint
#   - tests the connection and shows how to connect
# It stops with a clear message before changing anything if a pre-flight check fails. Review every
# line before you run it in production; paste it whole or run it as a .ps1 file.

# ---- Edit these values -----------------------------------------------------------------------
# The server you connect to, exactly as you will type it.
$Target = 'srv01.contoso.com'
# The local account on the server that the client certificate maps to.
$MappedUser = 'psremote-admin'
# The server certificate exported by the target script (copy it here over a channel you trust).
$ServerCertificateFile = 'C:\PSRemotingGuide\PSRemotingGuide-server.cer'
# The thumbprint the target script printed, to check that the file is the right one before trusting
# it.
$ServerCertificateThumbprint = 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT'

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
    if (-not (Get-Service -Name WinRM -ErrorAction SilentlyContinue)) {
        throw 'The WinRM service is not installed on this computer, so its client settings cannot be changed. Nothing was changed.'
    }
    if (-not (Get-Module -ListAvailable -Name 'PKI')) {
        throw ('The PowerShell module {0} is not available on this computer. It provides the certificate cmdlets (Windows 8 / Server 2012 and later). Nothing was changed.' -f 'PKI')
    }
    $serverCertificateReady = Test-Path -Path $ServerCertificateFile
    if (-not $serverCertificateReady) {
        Write-Host ('The server certificate {0} is not here yet: this run creates and exports the client certificate only. Run the target script, copy its certificate here, then run this script again.' -f $ServerCertificateFile)
    }
    if ($serverCertificateReady) {
        foreach ($guideValue in @($ServerCertificateThumbprint)) {
            if ($GuideExampleValues -contains $guideValue) {
                throw 'Edit the line $ServerCertificateThumbprint = ... at the top of this script with the thumbprint the target script printed. Nothing was changed.'
            }
        }
        $serverCertificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($ServerCertificateFile)
        if ($serverCertificate.Thumbprint -ne ($ServerCertificateThumbprint -replace '\s', '')) {
            throw ('The certificate in {0} has the thumbprint {1}, not the one the target script printed. Do not trust it; copy the right file. Nothing was changed.' -f $ServerCertificateFile, $serverCertificate.Thumbprint)
        }
    }
    if ((Get-Service -Name WinRM).Status -eq 'Running') {
        $guidePolicyChecks = @(
            @{ Path = 'WSMan:\localhost\Client\AllowUnencrypted'; Value = 'false'; Policy = 'the policy "Allow unencrypted traffic" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Client)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'; Name = 'AllowUnencryptedTraffic' }
            @{ Path = 'WSMan:\localhost\Client\Auth\Basic'; Value = 'false'; Policy = 'the policy "Allow Basic authentication" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Client)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'; Name = 'AllowBasic' }
            @{ Path = 'WSMan:\localhost\Client\Auth\Digest'; Value = 'false'; Policy = 'the policy "Disallow Digest authentication" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Client)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'; Name = 'AllowDigest' }
            @{ Path = 'WSMan:\localhost\Client\Auth\CredSSP'; Value = 'false'; Policy = 'the policy "Allow CredSSP authentication" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Client)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'; Name = 'AllowCredSSP' }
        )
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
    }
    else {
        $guidePolicyValues = @(
            @{ Path = 'WSMan:\localhost\Client\AllowUnencrypted'; Policy = 'Allow unencrypted traffic (WinRM Client)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'; Name = 'AllowUnencryptedTraffic'; Wanted = '0' }
            @{ Path = 'WSMan:\localhost\Client\Auth\Basic'; Policy = 'Allow Basic authentication (WinRM Client)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'; Name = 'AllowBasic'; Wanted = '0' }
            @{ Path = 'WSMan:\localhost\Client\Auth\Digest'; Policy = 'Disallow Digest authentication (WinRM Client)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'; Name = 'AllowDigest'; Wanted = '0' }
            @{ Path = 'WSMan:\localhost\Client\Auth\CredSSP'; Policy = 'Allow CredSSP authentication (WinRM Client)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'; Name = 'AllowCredSSP'; Wanted = '0' }
        )
        foreach ($guideCheck in $guidePolicyValues) {
            $guideSet = Get-ItemProperty -Path $guideCheck.Key -Name $guideCheck.Name -ErrorAction SilentlyContinue
            if ($null -eq $guideSet) { continue }
            if ($guideCheck.Wanted -and [string]$guideSet.($guideCheck.Name) -eq $guideCheck.Wanted) { continue }
            throw ('{0} is controlled by Group Policy: the policy "{1}" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM)) sets {2} = {3} under {4}. Change that policy, or ask whoever manages it, then run this script again. Nothing was changed.' -f $guideCheck.Path, $guideCheck.Policy, $guideCheck.Name, $guideSet.($guideCheck.Name), $guideCheck.Key)
        }
    }

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
    $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('client-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    while (Test-Path -LiteralPath $GuideBackupFolder) {
        Start-Sleep -Seconds 1
        $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('client-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    }
    $null = New-Item -Path $GuideBackupFolder -ItemType Directory
    Protect-GuideBackupPath -Path $GuideBackupFolder
    $GuideState = [pscustomobject]@{
        Guide          = 'PowerShell Remoting Security Guide'
        Role           = 'client'
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
    Start-GuideService -Name WinRM
    winrm get winrm/config/client | Out-File -FilePath (Join-Path -Path $GuideBackupFolder -ChildPath 'winrm-client-config.txt') -Encoding utf8

    # ---- WinRM client hardening (all connections from this computer) -------------------------
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Client\AllowUnencrypted' -Value 'false'
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Client\Auth\Basic' -Value 'false'
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Client\Auth\Digest' -Value 'false'
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Client\Auth\CredSSP' -Value 'false'

    # ---- TrustedHosts ------------------------------------------------------------------------
    $trustedHosts = [string](Get-Item -Path 'WSMan:\localhost\Client\TrustedHosts').Value
    $trustedEntries = @($trustedHosts -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    if (@($trustedEntries | Where-Object { $_.Contains('*') }).Count -gt 0) {
        Write-Warning ('TrustedHosts contains a wildcard ({0}): this computer then uses NTLM without server authentication for every matching host. Replace it with the exact hosts you need.' -f $trustedHosts)
    }

    # ---- Client certificate ------------------------------------------------------------------
    $clientCertificate = Get-ChildItem -Path Cert:\CurrentUser\My | Where-Object {
        $_.Subject -eq ('CN=' + $MappedUser) -and $_.HasPrivateKey -and $_.NotAfter -gt (Get-Date).AddDays(30) -and
        (@($_.EnhancedKeyUsageList.ObjectId) -contains '1.3.6.1.5.5.7.3.2')
    } | Sort-Object -Property NotAfter -Descending | Select-Object -First 1
    if ($clientCertificate) {
        Write-Host ('Using the existing client certificate {0}' -f $clientCertificate.Thumbprint)
    }
    else {
        $clientCertificate = New-SelfSignedCertificate -Type Custom -Subject ('CN=' + $MappedUser) -TextExtension @('2.5.29.37={text}1.3.6.1.5.5.7.3.2', ('2.5.29.17={text}upn=' + $MappedUser + '@localhost')) -KeyUsage 'DigitalSignature', 'KeyEncipherment' -KeyAlgorithm RSA -KeyLength 2048 -KeyExportPolicy NonExportable -CertStoreLocation Cert:\CurrentUser\My
        Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\CurrentUser\My\' + $clientCertificate.Thumbprint) }
        Write-Host ('Created the client certificate {0} for {1}@localhost in your personal store' -f $clientCertificate.Thumbprint, $MappedUser)
    }
    $clientCertificateFile = Join-Path -Path $GuideBackupRoot -ChildPath 'PSRemotingGuide-client.cer'
    $null = Export-Certificate -Cert $clientCertificate -FilePath $clientCertificateFile -Type CERT -Force
    Write-Host ('Copy {0} to the server for the target script. Its thumbprint: {1}' -f $clientCertificateFile, $clientCertificate.Thumbprint)

    # ---- Trust the server's self-signed certificate ------------------------------------------
    if ($serverCertificateReady) {
        $rootPath = 'Cert:\LocalMachine\Root\' + $serverCertificate.Thumbprint
        if (Test-Path -Path $rootPath) {
            Write-Host 'Unchanged: the server certificate is already trusted'
        }
        else {
            Save-GuideChange @{ Kind = 'CertificateImported'; Path = $rootPath }
            $null = Import-Certificate -FilePath $ServerCertificateFile -CertStoreLocation Cert:\LocalMachine\Root
            Write-Host ('Imported the server certificate {0} into LocalMachine\Root' -f $serverCertificate.Thumbprint)
        }
    }

    # ---- Test the connection -----------------------------------------------------------------
    $guideConnected = $false
    if ($serverCertificateReady) {
        try {
            $result = Invoke-Command -ComputerName $Target -UseSSL -CertificateThumbprint $clientCertificate.Thumbprint -ScriptBlock { [Environment]::MachineName } -ErrorAction Stop
            Write-Host ('Connected to {0}' -f $result)
            $guideConnected = $true
        }
        catch {
            Write-Warning ('The test connection failed: {0}' -f $_.Exception.Message)
        }
    }

    # ---- Done --------------------------------------------------------------------------------
    Write-Host ''
    Write-Host ('Finished. {0} change(s) recorded in {1}' -f $GuideState.Changes.Count, $GuideStatePath)
    if ($guideConnected) {
        Write-Host ('This was the last script of the run order. Connect with: Enter-PSSession -ComputerName {0} -UseSSL -CertificateThumbprint <client certificate thumbprint>' -f $Target)
    }
    else {
        Write-Host ('Next: copy the exported client certificate to the server, then run the target script (target.ps1) on the server ({0}).' -f $Target)
    }
}
