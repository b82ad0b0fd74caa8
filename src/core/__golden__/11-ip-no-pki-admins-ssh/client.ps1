#Requires -Version 7.0
# PowerShell Remoting Security Guide - client script (SSH)
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=same&address=ip&pki=none&network=public&who=admins&hop=none
# Recommendation: authentication ssh, transport ssh (port 22), endpoint default, second hop none.
# Run on: each computer you administer from (Windows, Linux or macOS), in PowerShell 7 (pwsh) as
# yourself. It changes nothing system-wide.
# Run order: 1) the target script (target.ps1) on the server (192.0.2.10)  2) the client script
# (client.ps1) on each computer you administer from
# This script:
#   - checks for PowerShell 7 and the ssh client
#   - creates an Ed25519 key pair for you if you have none (ssh-keygen asks for a passphrase)
#   - shows the public key to add on the server, then tests the connection
# It stops with a clear message before changing anything if a pre-flight check fails. Review every
# line before you run it in production; paste it whole or run it as a .ps1 file.

# ---- Edit these values -----------------------------------------------------------------------
# The server you connect to.
$Target = '192.0.2.10'
# Your account on the server (for a domain account on Windows: user@domain).
$UserName = 'admin'
# The port sshd listens on there ($SshPort of the target script).
$SshPort = 22

& {
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @('srv01.contoso.com', 'srv01.fabrikam.com', '192.0.2.10', 'srv02.contoso.com', '192.0.2.0/24', 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT')

    # ---- Pre-flight checks: nothing is changed here ------------------------------------------
    if ($PSVersionTable.PSVersion.Major -lt 7) {
        throw ('This script needs PowerShell 7 (pwsh); this is {0}. Install PowerShell 7 and run it with pwsh. Nothing was changed.' -f $PSVersionTable.PSVersion)
    }
    foreach ($guideValue in @($Target)) {
        if ($GuideExampleValues -contains $guideValue) {
            throw ('Edit the line $Target = ... at the top of this script: ''{0}'' is an example value. Nothing was changed.' -f $guideValue)
        }
    }
    if (-not (Get-Command -Name ssh -ErrorAction SilentlyContinue)) {
        throw 'The ssh client was not found. On Windows it is the optional feature OpenSSH.Client; on Linux and macOS install openssh. Nothing was changed.'
    }
    if (-not (Get-Command -Name ssh-keygen -ErrorAction SilentlyContinue)) {
        throw 'ssh-keygen was not found. Nothing was changed.'
    }

    # ---- Your key pair -----------------------------------------------------------------------
    $sshFolder = Join-Path -Path $HOME -ChildPath '.ssh'
    $keyFile = Join-Path -Path $sshFolder -ChildPath 'id_ed25519'
    if (Test-Path -Path $keyFile) {
        Write-Host ('Using your existing key {0}' -f $keyFile)
    }
    else {
        $null = New-Item -Path $sshFolder -ItemType Directory -Force
        ssh-keygen -t ed25519 -f $keyFile
        if ($LASTEXITCODE -ne 0) { throw 'ssh-keygen failed.' }
        Write-Host ('Created the key pair {0} (it is yours; the rollback script does not remove it)' -f $keyFile)
    }
    Write-Host 'Add this public key on the server (see the target script output for where):'
    Get-Content -Path ($keyFile + '.pub') | Write-Host
    Write-Host 'On the first connection, compare the host key fingerprint ssh shows with the one on the server before you accept it.'

    # ---- Test the connection -----------------------------------------------------------------
    try {
        $result = Invoke-Command -HostName $Target -Port $SshPort -UserName $UserName -KeyFilePath $keyFile -ScriptBlock { [Environment]::MachineName } -ErrorAction Stop
        Write-Host ('Connected to {0}' -f $result)
    }
    catch {
        Write-Warning ('The test connection failed: {0}. Is the public key on the server, and are you in $SshAllowGroups there?' -f $_.Exception.Message)
    }
    Write-Host ('This was the last script of the run order. Connect with: Enter-PSSession -HostName {0} -Port {3} -UserName {1} -KeyFilePath {2}' -f $Target, $UserName, $keyFile, $SshPort)
}
