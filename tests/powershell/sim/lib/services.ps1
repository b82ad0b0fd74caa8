# Services (WinRM, sshd, ssh-agent) and Windows capabilities (OpenSSH.Server / .Client).
# Stopping or restarting WinRM cuts a remote session that runs over it.

$script:SimSshdDefaultConfig = @(
    '# This is the sshd server system-wide configuration file.  See'
    '# sshd_config(5) for more information.'
    ''
    '#Port 22'
    '#AddressFamily any'
    '#ListenAddress 0.0.0.0'
    '#ListenAddress ::'
    ''
    '#HostKey __PROGRAMDATA__/ssh/ssh_host_rsa_key'
    '#HostKey __PROGRAMDATA__/ssh/ssh_host_ecdsa_key'
    '#HostKey __PROGRAMDATA__/ssh/ssh_host_ed25519_key'
    ''
    '# Authentication:'
    '#PermitRootLogin prohibit-password'
    '#StrictModes yes'
    '#MaxAuthTries 6'
    '#MaxSessions 10'
    ''
    '#PubkeyAuthentication yes'
    ''
    "AuthorizedKeysFile`t.ssh/authorized_keys"
    ''
    '#PasswordAuthentication yes'
    '#PermitEmptyPasswords no'
    ''
    '# override default of no subsystems'
    "Subsystem`tsftp`tsftp-server.exe"
    ''
    'Match Group administrators'
    '       AuthorizedKeysFile __PROGRAMDATA__/ssh/administrators_authorized_keys'
) -join "`r`n"

function ConvertTo-SimServiceObject {
    param([hashtable]$Service)
    [pscustomobject]@{
        PSTypeName  = 'SimHost#System.ServiceProcess.ServiceController'
        Name        = $Service.Name
        ServiceName = $Service.Name
        DisplayName = $Service.DisplayName
        Status      = $Service.Status
        StartType   = $Service.StartType
        CanStop     = $Service.Status -eq 'Running'
    }
}

function Find-SimServices {
    param($Cmdlet, [string[]]$Name, [string[]]$DisplayName, [object[]]$InputObject, [switch]$Quiet)
    $s = Get-SimState
    $out = [System.Collections.Generic.List[object]]::new()
    if ($InputObject) { foreach ($o in $InputObject) { $svc = $s.Services[([string]$o.Name).ToUpperInvariant()]; if ($svc) { $out.Add($svc) } }; return , $out }
    foreach ($n in @($Name) + @($DisplayName)) {
        if (-not $n) { continue }
        $hits = @(foreach ($x in $s.Services.Values) { if ($x.Name -like $n -or $x.DisplayName -like $n) { $x } })
        foreach ($h in $hits) { if (-not $out.Contains($h)) { $out.Add($h) } }
        if (-not $hits.Count -and -not (Test-SimWildcard $n) -and -not $Quiet) {
            Write-SimError -Cmdlet $Cmdlet -Message "Cannot find any service with service name '$n'." -Id 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand' -Category ObjectNotFound -Target $n
        }
    }
    , $out
}

function Get-Service {
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    param(
        [Parameter(ParameterSetName = 'Default', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('ServiceName')][string[]]$Name,
        [Alias('DS')][switch]$DependentServices,
        [Alias('SDO', 'ServicesDependedOn')][switch]$RequiredServices,
        [Parameter(ParameterSetName = 'DisplayName', Mandatory = $true)][string[]]$DisplayName,
        [string[]]$Include,
        [string[]]$Exclude,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline = $true)][object[]]$InputObject
    )
    process {
        Add-SimCall -Name 'Get-Service' -Bound $PSBoundParameters
        $s = Get-SimState
        if (-not $Name -and -not $DisplayName -and -not $InputObject) { foreach ($svc in @($s.Services.Values | Sort-Object { $_.Name })) { ConvertTo-SimServiceObject $svc }; return }
        foreach ($svc in (Find-SimServices -Cmdlet $PSCmdlet -Name $Name -DisplayName $DisplayName -InputObject $InputObject)) { ConvertTo-SimServiceObject $svc }
    }
}

function Set-Service {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Name')]
    param(
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][Alias('ServiceName', 'SN')][string]$Name,
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$InputObject,
        [Alias('DN')][string]$DisplayName,
        [pscredential]$Credential,
        [string]$Description,
        [Alias('StartMode', 'SM', 'ST', 'StartType')][ValidateSet('Automatic', 'Manual', 'Disabled', 'AutomaticDelayedStart', 'InvalidValue')][string]$StartupType,
        [ValidateSet('Running', 'Stopped', 'Paused')][string]$Status,
        [string]$SecurityDescriptorSddl,
        [switch]$Force,
        [switch]$PassThru
    )
    process {
        Add-SimCall -Name 'Set-Service' -Bound $PSBoundParameters
        Assert-SimElevated -Cmdlet $PSCmdlet
        $found = Find-SimServices -Cmdlet $PSCmdlet -Name $(if ($Name) { @($Name) } else { @() }) -InputObject $(if ($InputObject) { @($InputObject) } else { @() })
        if (-not $found.Count) { return }
        $svc = $found[0]
        if ($StartupType) {
            if ($StartupType -eq 'InvalidValue') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The startup type 'InvalidValue' is not valid." -Id 'InvalidArgument' -Category InvalidArgument }
            $svc.StartType = $StartupType
        }
        if ($Status) {
            if ($Status -eq 'Running') { Start-SimService -Cmdlet $PSCmdlet -Service $svc } elseif ($Status -eq 'Stopped') { Stop-SimService -Cmdlet $PSCmdlet -Service $svc }
        }
        if ($PassThru) { ConvertTo-SimServiceObject $svc }
    }
}

function Start-SimService {
    param($Cmdlet, [hashtable]$Service)
    if ($Service.StartType -eq 'Disabled') {
        Write-SimError -Cmdlet $Cmdlet -Message ("Service '{0} ({1})' cannot be started due to the following error: Cannot start service {1} on computer '.'." -f $Service.DisplayName, $Service.Name) -Id 'CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand' -Category OpenError -Target $Service.Name
        return
    }
    if ($Service.Status -eq 'Running') { return }
    $Service.Status = 'Running'
    if ($Service.Name -eq 'sshd') { Initialize-SimSshdFiles }
}

function Stop-SimService {
    param($Cmdlet, [hashtable]$Service)
    if ($Service.Status -ne 'Running') { return }
    $Service.Status = 'Stopped'
    if ($Service.Name -eq 'WinRM') { Invoke-SimSessionBreak -Reason 'the WinRM service was stopped' }
}

# sshd creates its configuration and host keys the first time it starts.
function Initialize-SimSshdFiles {
    $s = Get-SimState
    $dir = 'C:\ProgramData\ssh'
    if (-not $s.Files.ContainsKey($dir.ToUpperInvariant())) {
        $entry = New-SimFsEntry -Full $dir -Type Directory -Creator @{ Owner = 'S-1-5-18'; Group = 'S-1-5-18' }
        Set-SimFsAcl -Entry $entry -Sd (ConvertFrom-SimSddl -Sddl 'O:SYG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;AU)')
    }
    $config = "$dir\sshd_config"
    if (-not $s.Files.ContainsKey($config.ToUpperInvariant())) { $null = New-SimFsEntry -Full $config -Type File -Content $script:SimSshdDefaultConfig -Creator @{ Owner = 'S-1-5-18'; Group = 'S-1-5-18' } }
    foreach ($k in @('rsa', 'ecdsa', 'ed25519')) {
        $p = "$dir\ssh_host_${k}_key"
        if (-not $s.Files.ContainsKey($p.ToUpperInvariant())) {
            $null = New-SimFsEntry -Full $p -Type File -Content ("SIMHOST PRIVATE HOST KEY $k " + (New-SimHex -Seed ($s.Host.Name + $k) -Length 16)) -Creator @{ Owner = 'S-1-5-18'; Group = 'S-1-5-18' }
            $null = New-SimFsEntry -Full "$p.pub" -Type File -Content ("ssh-$k AAAA" + (New-SimHex -Seed ($s.Host.Name + $k + 'pub') -Length 24)) -Creator @{ Owner = 'S-1-5-18'; Group = 'S-1-5-18' }
        }
    }
}

function Invoke-SimServiceAction {
    param($Cmdlet, [System.Collections.IDictionary]$Bound, [ValidateSet('Start', 'Stop', 'Restart')][string]$Action, [switch]$PassThru)
    Assert-SimElevated -Cmdlet $Cmdlet
    $targets = Find-SimServices -Cmdlet $Cmdlet -Name $Bound['Name'] -DisplayName $Bound['DisplayName'] -InputObject $Bound['InputObject']
    foreach ($svc in $targets) {
        switch ($Action) {
            'Start' { Start-SimService -Cmdlet $Cmdlet -Service $svc }
            'Stop' { Stop-SimService -Cmdlet $Cmdlet -Service $svc }
            'Restart' {
                if ($svc.Name -eq 'WinRM') { $svc.Status = 'Running'; Invoke-SimSessionBreak -Reason 'the WinRM service was restarted' }
                if ($svc.Status -eq 'Running') { $svc.Status = 'Stopped' }
                Start-SimService -Cmdlet $Cmdlet -Service $svc
            }
        }
        if ($PassThru) { ConvertTo-SimServiceObject $svc }
    }
}

function Start-Service {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Default')]
    param(
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object[]]$InputObject,
        [Parameter(ParameterSetName = 'Default', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('ServiceName')][string[]]$Name,
        [Parameter(ParameterSetName = 'DisplayName', Mandatory = $true)][string[]]$DisplayName,
        [switch]$PassThru,
        [string[]]$Include,
        [string[]]$Exclude
    )
    process { Add-SimCall -Name 'Start-Service' -Bound $PSBoundParameters; Invoke-SimServiceAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters -Action Start -PassThru:$PassThru }
}

function Stop-Service {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Default')]
    param(
        [switch]$Force,
        [switch]$NoWait,
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object[]]$InputObject,
        [Parameter(ParameterSetName = 'Default', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('ServiceName')][string[]]$Name,
        [Parameter(ParameterSetName = 'DisplayName', Mandatory = $true)][string[]]$DisplayName,
        [switch]$PassThru,
        [string[]]$Include,
        [string[]]$Exclude
    )
    process { Add-SimCall -Name 'Stop-Service' -Bound $PSBoundParameters; Invoke-SimServiceAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters -Action Stop -PassThru:$PassThru }
}

function Restart-Service {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Default')]
    param(
        [switch]$Force,
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object[]]$InputObject,
        [Parameter(ParameterSetName = 'Default', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('ServiceName')][string[]]$Name,
        [Parameter(ParameterSetName = 'DisplayName', Mandatory = $true)][string[]]$DisplayName,
        [switch]$PassThru,
        [string[]]$Include,
        [string[]]$Exclude
    )
    process { Add-SimCall -Name 'Restart-Service' -Bound $PSBoundParameters; Invoke-SimServiceAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters -Action Restart -PassThru:$PassThru }
}

# ---------------------------------------------------------------------------------------------
# Windows capabilities (DISM cmdlets).

function Install-SimOpenSshServer {
    $s = Get-SimState
    $s.Services['SSHD'] = @{ Name = 'sshd'; DisplayName = 'OpenSSH SSH Server'; Status = 'Stopped'; StartType = 'Manual' }
    $exe = 'C:\Windows\System32\OpenSSH\sshd.exe'
    if (-not $s.Files.ContainsKey($exe.ToUpperInvariant())) { $null = New-SimFsEntry -Full $exe -Type File -Content 'SIMHOST sshd.exe' -Creator @{ Owner = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464'; Group = 'S-1-5-18' } }
    $s.Firewall.Rules['OPENSSH-SERVER-IN-TCP'] = @{ Name = 'OpenSSH-Server-In-TCP'; DisplayName = 'OpenSSH SSH Server (sshd)'; Description = 'Inbound rule for OpenSSH SSH Server (sshd)'; Group = 'OpenSSH Server'; DisplayGroup = 'OpenSSH Server'; Enabled = 'True'; Profile = 'Any'; Direction = 'Inbound'; Action = 'Allow'; Protocol = 'TCP'; LocalPort = @('22'); RemoteAddress = @('Any'); LocalAddress = @('Any') }
}

function Uninstall-SimOpenSshServer {
    $s = Get-SimState
    $s.Services.Remove('SSHD')
    $s.Files.Remove('C:\WINDOWS\SYSTEM32\OPENSSH\SSHD.EXE')
    $s.Firewall.Rules.Remove('OPENSSH-SERVER-IN-TCP')
}

function Get-WindowsCapability {
    [CmdletBinding(DefaultParameterSetName = 'Online')]
    param(
        [string]$Name,
        [switch]$LimitAccess,
        [string]$Source,
        [Parameter(ParameterSetName = 'Online', Mandatory = $true)][switch]$Online,
        [Parameter(ParameterSetName = 'Offline', Mandatory = $true)][string]$Path,
        [string]$WindowsDirectory,
        [string]$SystemDrive,
        [string]$LogPath,
        [string]$ScratchDirectory,
        [string]$LogLevel
    )
    Add-SimCall -Name 'Get-WindowsCapability' -Bound $PSBoundParameters
    if ($PSCmdlet.ParameterSetName -ne 'Online') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: offline images are not simulated.' -Id 'NotSimulated' }
    foreach ($k in @((Get-SimState).Capabilities.Keys | Sort-Object)) {
        if ($Name -and $k -notlike $Name) { continue }
        [pscustomobject]@{ Name = $k; State = (Get-SimState).Capabilities[$k]; Online = $true }
    }
}

function Add-WindowsCapability {
    [CmdletBinding(DefaultParameterSetName = 'Online')]
    param(
        [Parameter(Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string]$Name,
        [switch]$LimitAccess,
        [string[]]$Source,
        [Parameter(ParameterSetName = 'Online', Mandatory = $true)][switch]$Online,
        [Parameter(ParameterSetName = 'Offline', Mandatory = $true)][string]$Path,
        [string]$WindowsDirectory,
        [string]$SystemDrive,
        [string]$LogPath,
        [string]$ScratchDirectory,
        [string]$LogLevel
    )
    process {
        Add-SimCall -Name 'Add-WindowsCapability' -Bound $PSBoundParameters
        Assert-SimElevated -Cmdlet $PSCmdlet
        $s = Get-SimState
        if (-not $s.Capabilities.ContainsKey($Name)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "Add-WindowsCapability failed. Error code = 0x800f080c ($Name is not a known capability)." -Id 'Microsoft.Dism.Commands.AddWindowsCapabilityCommand' -Category InvalidArgument }
        if ($s.Capabilities[$Name] -ne 'Installed') {
            $s.Capabilities[$Name] = 'Installed'
            if ($Name -like 'OpenSSH.Server*') { Install-SimOpenSshServer }
        }
        [pscustomobject]@{ Path = $null; Online = $true; RestartNeeded = $false }
    }
}

function Remove-WindowsCapability {
    [CmdletBinding(DefaultParameterSetName = 'Online')]
    param(
        [Parameter(Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string]$Name,
        [Parameter(ParameterSetName = 'Online', Mandatory = $true)][switch]$Online,
        [Parameter(ParameterSetName = 'Offline', Mandatory = $true)][string]$Path,
        [string]$WindowsDirectory,
        [string]$SystemDrive,
        [string]$LogPath,
        [string]$ScratchDirectory,
        [string]$LogLevel
    )
    process {
        Add-SimCall -Name 'Remove-WindowsCapability' -Bound $PSBoundParameters
        Assert-SimElevated -Cmdlet $PSCmdlet
        $s = Get-SimState
        if (-not $s.Capabilities.ContainsKey($Name)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "Remove-WindowsCapability failed. Error code = 0x800f080c ($Name is not a known capability)." -Id 'Microsoft.Dism.Commands.RemoveWindowsCapabilityCommand' -Category InvalidArgument }
        if ($s.Capabilities[$Name] -eq 'Installed') {
            $s.Capabilities[$Name] = 'NotPresent'
            if ($Name -like 'OpenSSH.Server*') { Uninstall-SimOpenSshServer }
        }
        [pscustomobject]@{ Path = $null; Online = $true; RestartNeeded = $false }
    }
}
