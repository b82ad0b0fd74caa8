# Everything else the scripts call: the clock (Get-Date, Start-Sleep), prompts (Get-Credential),
# command and module discovery, Import-Module, Invoke-Command, Get-CimInstance, Test-WSMan.

function Get-Date {
    [CmdletBinding(DefaultParameterSetName = 'net')]
    param(
        [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('LastWriteTime')][datetime]$Date,
        [int]$Year, [int]$Month, [int]$Day, [int]$Hour, [int]$Minute, [int]$Second, [int]$Millisecond,
        [ValidateSet('Date', 'Time', 'DateTime')][string]$DisplayHint,
        [Parameter(ParameterSetName = 'net')][string]$Format,
        [Parameter(ParameterSetName = 'UFormat')][string]$UFormat,
        [switch]$AsUTC
    )
    process {
        Add-SimCall -Name 'Get-Date' -Bound $PSBoundParameters
        $d = if ($PSBoundParameters.ContainsKey('Date')) { $Date } else { Get-SimNow }
        foreach ($part in @('Year', 'Month', 'Day', 'Hour', 'Minute', 'Second')) {
            if ($PSBoundParameters.ContainsKey($part)) { $d = $d.AddTicks(0); $d = [datetime]::new($(if ($part -eq 'Year') { $Year } else { $d.Year }), $(if ($part -eq 'Month') { $Month } else { $d.Month }), $(if ($part -eq 'Day') { $Day } else { $d.Day }), $(if ($part -eq 'Hour') { $Hour } else { $d.Hour }), $(if ($part -eq 'Minute') { $Minute } else { $d.Minute }), $(if ($part -eq 'Second') { $Second } else { $d.Second }), $d.Kind) }
        }
        if ($AsUTC) { $d = $d.ToUniversalTime() }
        if ($Format) { return $d.ToString($Format, [cultureinfo]::InvariantCulture) }
        if ($UFormat) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: Get-Date -UFormat is not simulated.' -Id 'NotSimulated' }
        $d
    }
}

function Start-Sleep {
    [CmdletBinding(DefaultParameterSetName = 'Seconds')]
    param(
        [Parameter(ParameterSetName = 'Seconds', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][double]$Seconds,
        [Parameter(ParameterSetName = 'Milliseconds', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('ms')][int]$Milliseconds,
        [Parameter(ParameterSetName = 'FromTimeSpan', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('ts')][timespan]$Duration
    )
    process {
        Add-SimCall -Name 'Start-Sleep' -Bound $PSBoundParameters
        $secs = switch ($PSCmdlet.ParameterSetName) { 'Seconds' { $Seconds } 'Milliseconds' { $Milliseconds / 1000.0 } default { $Duration.TotalSeconds } }
        Add-SimTime -Seconds $secs
    }
}

function Get-Credential {
    [CmdletBinding(DefaultParameterSetName = 'CredentialSet')]
    param(
        [Parameter(ParameterSetName = 'CredentialSet', Position = 0)][pscredential]$Credential,
        [Parameter(ParameterSetName = 'MessageSet')][AllowNull()][AllowEmptyString()][string]$Message,
        [Parameter(ParameterSetName = 'MessageSet', Position = 0)][string]$UserName,
        [Parameter(ParameterSetName = 'MessageSet')][AllowNull()][AllowEmptyString()][string]$Title
    )
    Add-SimCall -Name 'Get-Credential' -Bound $PSBoundParameters
    $s = Get-SimState
    $user = if ($UserName) { $UserName } elseif ($Credential) { $Credential.UserName } else { $s.User.Name }
    $s.Prompts.Add(@{ Kind = 'Credential'; UserName = $user; Message = [string]$Message })
    [pscredential]::new($user, (ConvertTo-SecureString -String 'SimHost-Passw0rd!' -AsPlainText -Force))
}

$script:SimNativeCommands = @{
    'winrm' = 'C:\Windows\System32\winrm.cmd'; 'klist' = 'C:\Windows\System32\klist.exe'; 'icacls' = 'C:\Windows\System32\icacls.exe'
    'whoami' = 'C:\Windows\System32\whoami.exe'; 'net' = 'C:\Windows\System32\net.exe'; 'hostname' = 'C:\Windows\System32\HOSTNAME.EXE'
    'pwsh' = 'C:\Program Files\PowerShell\7\pwsh.exe'; 'powershell' = 'C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe'
}

function Get-Command {
    [CmdletBinding(DefaultParameterSetName = 'CmdletSet')]
    param(
        [Parameter(ParameterSetName = 'CmdletSet', ValueFromPipelineByPropertyName = $true)][string[]]$Verb,
        [Parameter(ParameterSetName = 'CmdletSet', ValueFromPipelineByPropertyName = $true)][string[]]$Noun,
        [Parameter(ValueFromPipelineByPropertyName = $true)][Alias('PSSnapin')][string[]]$Module,
        [object[]]$FullyQualifiedModule,
        [Parameter(ParameterSetName = 'AllCommandSet', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Name,
        [Parameter(ParameterSetName = 'AllCommandSet', ValueFromPipelineByPropertyName = $true)][Alias('Type')][string]$CommandType,
        [int]$TotalCount,
        [switch]$Syntax,
        [switch]$ShowCommandInfo,
        [Parameter(Position = 1, ValueFromRemainingArguments = $true)][Alias('Args')][object[]]$ArgumentList,
        [switch]$All,
        [switch]$ListImported,
        [string[]]$ParameterName,
        [object[]]$ParameterType,
        [switch]$UseFuzzyMatching,
        [switch]$UseAbbreviationExpansion
    )
    process {
        Add-SimCall -Name 'Get-Command' -Bound $PSBoundParameters
        $s = Get-SimState
        $shadows = Get-SimShadowNames
        foreach ($n in @($Name)) {
            if (-not $n) { continue }
            $base = $n -replace '\.(exe|cmd)$', ''
            $path = $null
            if ($script:SimNativeCommands.ContainsKey($base)) { $path = $script:SimNativeCommands[$base] }
            elseif ($base -in @('ssh', 'ssh-keygen', 'ssh-agent', 'scp', 'sftp') -and $s.Capabilities['OpenSSH.Client~~~~0.0.1.0'] -eq 'Installed') { $path = "C:\Windows\System32\OpenSSH\$base.exe" }
            elseif ($base -eq 'sshd' -and $s.Capabilities['OpenSSH.Server~~~~0.0.1.0'] -eq 'Installed') { $path = 'C:\Windows\System32\OpenSSH\sshd.exe' }
            if ($path) { [pscustomobject]@{ PSTypeName = 'SimHost#System.Management.Automation.ApplicationInfo'; Name = "$base.exe"; CommandType = 'Application'; Source = $path; Path = $path; Definition = $path }; continue }
            $shadow = $shadows | Where-Object { $_ -ieq $n }
            if ($shadow) { [pscustomobject]@{ PSTypeName = 'SimHost#System.Management.Automation.CmdletInfo'; Name = $shadow; CommandType = 'Cmdlet'; Source = ''; Definition = $shadow }; continue }
            Write-SimError -Cmdlet $PSCmdlet -Message "The term '$n' is not recognized as a name of a cmdlet, function, script file, or executable program." -Id 'CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand' -Category ObjectNotFound -Target $n
        }
    }
}

function Get-Module {
    [CmdletBinding(DefaultParameterSetName = 'Loaded')]
    param(
        [Parameter(Position = 0, ValueFromPipeline = $true)][string[]]$Name,
        [object[]]$FullyQualifiedName,
        [switch]$All,
        [Parameter(ParameterSetName = 'Available', Mandatory = $true)][Parameter(ParameterSetName = 'PsSession')][Parameter(ParameterSetName = 'CimSession')][switch]$ListAvailable,
        [Parameter(ParameterSetName = 'Available')][string]$PSEdition,
        [Parameter(ParameterSetName = 'Available')][switch]$SkipEditionCheck,
        [Parameter(ParameterSetName = 'Available')][switch]$Refresh,
        [Parameter(ParameterSetName = 'PsSession', Mandatory = $true)][object]$PSSession,
        [Parameter(ParameterSetName = 'CimSession', Mandatory = $true)][object]$CimSession
    )
    process {
        Add-SimCall -Name 'Get-Module' -Bound $PSBoundParameters
        $s = Get-SimState
        $pool = if ($ListAvailable) { $s.Modules.Available } else { $s.Modules.Loaded }
        foreach ($m in @($pool | Sort-Object)) {
            if ($Name -and -not ($Name | Where-Object { $m -like $_ })) { continue }
            [pscustomobject]@{ PSTypeName = 'SimHost#System.Management.Automation.PSModuleInfo'; Name = $m; ModuleType = 'Manifest'; Version = [version]'1.0.0.0'; Path = "C:\Windows\System32\WindowsPowerShell\v1.0\Modules\$m\$m.psd1" }
        }
    }
}

function Import-Module {
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    param(
        [switch]$Global,
        [ValidateNotNull()][string]$Prefix,
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][string[]]$Name,
        [Parameter(ParameterSetName = 'ModuleInfo', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object[]]$ModuleInfo,
        [string[]]$Function,
        [string[]]$Cmdlet,
        [string[]]$Variable,
        [string[]]$Alias,
        [switch]$Force,
        [switch]$SkipEditionCheck,
        [switch]$PassThru,
        [switch]$AsCustomObject,
        [Alias('Version')][version]$MinimumVersion,
        [string]$MaximumVersion,
        [version]$RequiredVersion,
        [Alias('Args')][object[]]$ArgumentList,
        [switch]$DisableNameChecking,
        [Alias('NoOverwrite')][switch]$NoClobber,
        [ValidateSet('Local', 'Global')][string]$Scope,
        [switch]$UseWindowsPowerShell
    )
    process {
        Add-SimCall -Name 'Import-Module' -Bound $PSBoundParameters
        $s = Get-SimState
        $names = if ($PSCmdlet.ParameterSetName -eq 'ModuleInfo') { @($ModuleInfo | ForEach-Object { [string]$_.Name }) } else { $Name }
        foreach ($n in $names) {
            $m = $s.Modules.Available | Where-Object { $_ -ieq $n }
            if (-not $m) { Write-SimError -Cmdlet $PSCmdlet -Message "The specified module '$n' was not loaded because no valid module file was found in any module directory." -Id 'Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand' -Category ResourceUnavailable -Target $n; continue }
            if (-not $s.Modules.Loaded.Contains($m)) { $s.Modules.Loaded.Add($m) }
            if ($PassThru) { [pscustomobject]@{ Name = $m; ModuleType = 'Manifest'; Version = [version]'1.0.0.0' } }
        }
    }
}

# Invoke-Command: without a computer it runs the script block here; remote calls are recorded
# (command text and target) and answered with a plausible result, because only this host is
# simulated.
function Invoke-Command {
    [CmdletBinding(DefaultParameterSetName = 'InProcess')]
    param(
        [Parameter(ParameterSetName = 'Session', Position = 0)][object[]]$Session,
        [Parameter(ParameterSetName = 'ComputerName', Position = 0)][Alias('Cn')][string[]]$ComputerName,
        [Parameter(ParameterSetName = 'ComputerName')][Parameter(ParameterSetName = 'Uri')][pscredential]$Credential,
        [Parameter(ParameterSetName = 'ComputerName')][Parameter(ParameterSetName = 'SSHHost')][ValidateRange(1, 65535)][int]$Port,
        [Parameter(ParameterSetName = 'ComputerName')][switch]$UseSSL,
        [Parameter(ParameterSetName = 'ComputerName')][Parameter(ParameterSetName = 'Uri')][string]$ConfigurationName,
        [Parameter(ParameterSetName = 'ComputerName')][string]$ApplicationName,
        [int]$ThrottleLimit,
        [Parameter(ParameterSetName = 'Uri', Position = 0)][Alias('URI', 'CU')][uri[]]$ConnectionUri,
        [switch]$AsJob,
        [Alias('Disconnected')][switch]$InDisconnectedSession,
        [string[]]$SessionName,
        [Alias('HCN')][switch]$HideComputerName,
        [string]$JobName,
        [Parameter(ParameterSetName = 'InProcess', Mandatory = $true, Position = 0)]
        [Parameter(ParameterSetName = 'ComputerName', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'Session', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'Uri', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'SSHHost', Mandatory = $true, Position = 1)]
        [Alias('Command')][scriptblock]$ScriptBlock,
        [Parameter(ParameterSetName = 'InProcess')][switch]$NoNewScope,
        [Parameter(ParameterSetName = 'ComputerName')][Parameter(ParameterSetName = 'Uri')][switch]$AllowRedirection,
        [Parameter(ParameterSetName = 'ComputerName')][Parameter(ParameterSetName = 'Uri')][object]$SessionOption,
        [Parameter(ParameterSetName = 'ComputerName')][Parameter(ParameterSetName = 'Uri')][System.Management.Automation.Runspaces.AuthenticationMechanism]$Authentication,
        [Parameter(ParameterSetName = 'ComputerName')][Parameter(ParameterSetName = 'Uri')][switch]$EnableNetworkAccess,
        [Parameter(ValueFromPipeline = $true)][psobject]$InputObject,
        [Alias('Args')][object[]]$ArgumentList,
        [Parameter(ParameterSetName = 'ComputerName')][Parameter(ParameterSetName = 'Uri')][string]$CertificateThumbprint,
        [Parameter(ParameterSetName = 'SSHHost', Mandatory = $true, Position = 0)][string[]]$HostName,
        [Parameter(ParameterSetName = 'SSHHost')][string]$UserName,
        [Parameter(ParameterSetName = 'SSHHost')][Alias('IdentityFilePath')][string]$KeyFilePath,
        [Parameter(ParameterSetName = 'SSHHost')][string]$Subsystem,
        [Parameter(ParameterSetName = 'SSHHost')][switch]$SSHTransport,
        [Parameter(ParameterSetName = 'SSHHost')][hashtable]$Options
    )
    process {
        Add-SimCall -Name 'Invoke-Command' -Bound $PSBoundParameters
        $s = Get-SimState
        if ($PSCmdlet.ParameterSetName -eq 'InProcess') {
            if ($NoNewScope) { . $ScriptBlock @ArgumentList } else { & $ScriptBlock @ArgumentList }
            return
        }
        $targets = switch ($PSCmdlet.ParameterSetName) { 'ComputerName' { $ComputerName } 'SSHHost' { $HostName } 'Uri' { @($ConnectionUri | ForEach-Object { $_.Host }) } default { @('session') } }
        foreach ($t in $targets) {
            $s.Remote.Add(@{ Target = [string]$t; Transport = $PSCmdlet.ParameterSetName; ScriptBlock = $ScriptBlock.ToString().Trim(); Authentication = [string]$Authentication; ConfigurationName = [string]$ConfigurationName; UseSSL = [bool]$UseSSL })
            $text = $ScriptBlock.ToString()
            if ($text -match 'MachineName|hostname') { ([string]$t).Split('.')[0].ToUpperInvariant() }
            elseif ($text -match 'Get-Command') { foreach ($c in @('Clear-Host', 'Exit-PSSession', 'Get-Command', 'Get-FormatData', 'Get-Help', 'Get-Service', 'Measure-Object', 'Out-Default', 'Restart-Service', 'Select-Object')) { [pscustomobject]@{ Name = $c; CommandType = 'Function' } } }
            elseif ($text -match 'klist\s+purge') { ''; 'Current LogonId is 0:0x3e7'; 'Targeted LogonId is 0:0x3e7'; "`tDeleting all tickets:"; "`tTicket(s) purged!" }
        }
    }
}

function Test-WSMan {
    [CmdletBinding(DefaultParameterSetName = 'ComputerName')]
    param(
        [Parameter(ParameterSetName = 'ComputerName', Position = 0, ValueFromPipeline = $true)][Alias('CN')][string]$ComputerName,
        [System.Management.Automation.Runspaces.AuthenticationMechanism]$Authentication,
        [Parameter(ParameterSetName = 'ComputerName')][int]$Port,
        [Parameter(ParameterSetName = 'ComputerName')][switch]$UseSSL,
        [Parameter(ParameterSetName = 'ComputerName')][string]$ApplicationName,
        [pscredential]$Credential,
        [string]$CertificateThumbprint
    )
    process {
        Add-SimCall -Name 'Test-WSMan' -Bound $PSBoundParameters
        (Get-SimState).Remote.Add(@{ Target = [string]$ComputerName; Transport = 'Test-WSMan'; ScriptBlock = ''; Authentication = [string]$Authentication; ConfigurationName = ''; UseSSL = [bool]$UseSSL })
        [pscustomobject]@{ wsmid = 'http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd'; ProtocolVersion = 'http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd'; ProductVendor = 'Microsoft Corporation'; ProductVersion = 'OS: 10.0.20348 SP: 0.0 Stack: 3.0' }
    }
}

function Get-CimInstance {
    [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet')]
    param(
        [Parameter(ParameterSetName = 'ClassNameComputerSet', Mandatory = $true, Position = 0)][string]$ClassName,
        [string]$Namespace,
        [string]$Filter,
        [Alias('SelectProperties')][string[]]$Property,
        [switch]$KeyOnly,
        [Parameter(ParameterSetName = 'QueryComputerSet', Mandatory = $true)][string]$Query,
        [string]$QueryDialect,
        [switch]$Shallow,
        [Alias('OT')][uint32]$OperationTimeoutSec,
        [Alias('CN', 'ServerName')][string[]]$ComputerName,
        [object[]]$CimSession
    )
    Add-SimCall -Name 'Get-CimInstance' -Bound $PSBoundParameters
    $s = Get-SimState
    $class = if ($Query -and $Query -match '(?i)from\s+(\w+)') { $Matches[1] } else { $ClassName }
    switch ($class) {
        'Win32_ComputerSystem' {
            [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_ComputerSystem'; Name = $s.Host.Name; DNSHostName = $s.Host.Name.ToLowerInvariant(); Domain = $(if ($s.Host.PartOfDomain) { $s.Host.DnsDomain } else { 'WORKGROUP' }); PartOfDomain = [bool]$s.Host.PartOfDomain; Workgroup = $(if ($s.Host.PartOfDomain) { $null } else { 'WORKGROUP' }); DomainRole = $(if ($s.Host.PartOfDomain) { 3 } else { 2 }); Manufacturer = 'SimHost'; Model = 'Simulated' }
        }
        'Win32_Directory' {
            $name = if ($Filter -match "Name\s*=\s*'(.*)'") { $Matches[1].Replace('\\', '\').Replace("\'", "'") } else { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: Win32_Directory is only simulated with -Filter "Name = ''<path>''".' -Id 'NotSimulated' }
            $r = Resolve-SimPath -Path $name
            $e = Get-SimFsEntry -Key $r.Key
            if (-not $e -or $e.Type -ne 'Directory') { return }
            $short = $r.Drive + ':'
            $walk = $r.Drive + ':\'
            foreach ($part in $r.Parts) {
                $walk = if ($walk.EndsWith('\')) { $walk + $part } else { $walk + '\' + $part }
                $short += '\' + (Get-SimShortName -Entry (Get-SimFsEntry -Key $walk.ToUpperInvariant()))
            }
            [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Directory'; Name = $e.Path.ToLowerInvariant(); EightDotThreeFileName = $(if ($s.Host.ShortNames) { $short.ToLowerInvariant() } else { $null }); FileType = 'File Folder' }
        }
        'Win32_OperatingSystem' {
            [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_OperatingSystem'; Caption = $s.Host.Os; Version = '10.0.20348'; BuildNumber = '20348'; ProductType = 3; OSArchitecture = '64-bit' }
        }
        default { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: the CIM class '$class' is not simulated." -Id 'NotSimulated' }
    }
}
