# Session configurations (endpoints), JEA files and module manifests. Registering or
# unregistering an endpoint restarts WinRM (unless -NoServiceRestart), which cuts a remote
# session that runs over it.

function New-SimDefaultSessionConfigurations {
    $c = @{}
    foreach ($n in @('microsoft.powershell', 'microsoft.powershell32', 'microsoft.windows.servermanagerworkflows')) {
        $c[$n.ToUpperInvariant()] = @{
            Name = $n; SessionType = 'Default'; RunAsVirtualAccount = $false; GroupManagedServiceAccount = ''; RoleDefinitions = @{}; TranscriptDirectory = ''
            Permission = 'NT AUTHORITY\INTERACTIVE AccessAllowed, BUILTIN\Administrators AccessAllowed, BUILTIN\Remote Management Users AccessAllowed'
            ConfigFilePath = ''
        }
    }
    $c
}

function Format-SimPsd1Value {
    param($Value)
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [bool] -or $Value -is [System.Management.Automation.SwitchParameter]) { return $(if ([bool]$Value) { '$true' } else { '$false' }) }
    if ($Value -is [string]) { return "'" + $Value.Replace("'", "''") + "'" }
    if ($Value -is [System.Collections.IDictionary]) {
        $pairs = foreach ($k in @($Value.Keys | Sort-Object { [string]$_ })) { "'{0}' = {1}" -f ([string]$k).Replace("'", "''"), (Format-SimPsd1Value $Value[$k]) }
        return '@{ ' + ($pairs -join '; ') + ' }'
    }
    if ($Value -is [System.Collections.IEnumerable]) { return '@(' + ((@($Value) | ForEach-Object { Format-SimPsd1Value $_ }) -join ', ') + ')' }
    "'" + ([string]$Value).Replace("'", "''") + "'"
}

function ConvertTo-SimPlainData {
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return [bool]$Value }
    if ($Value -is [string] -or $Value -is [ValueType]) { return $Value }
    if ($Value -is [System.Collections.IDictionary]) { $h = @{}; foreach ($k in $Value.Keys) { $h[[string]$k] = ConvertTo-SimPlainData $Value[$k] }; return $h }
    if ($Value -is [System.Collections.IEnumerable]) { return @(@($Value) | ForEach-Object { ConvertTo-SimPlainData $_ }) }
    [string]$Value
}

# Writes a .psd1-style data file; the data also stays attached to the file entry (Meta).
function Write-SimDataFile {
    param($Cmdlet, [string]$Path, [System.Collections.IDictionary]$Data, [string]$Extension)
    $r = Resolve-SimPath -Path $Path
    if (-not $r.Full.EndsWith($Extension, [StringComparison]::OrdinalIgnoreCase)) { Stop-SimCommand -Cmdlet $Cmdlet -Message "The path $Path is not valid: the file must have the $Extension extension." -Id 'InvalidPSSessionConfigurationFilePath' -Category InvalidArgument -Target $Path }
    $plain = ConvertTo-SimPlainData $Data
    $lines = @('@{') + @($plain.Keys | Sort-Object | ForEach-Object { '{0} = {1}' -f $_, (Format-SimPsd1Value $plain[$_]) }) + @('}')
    try { Write-SimFileText -Path $r.Full -Text ($lines -join "`r`n") } catch { Stop-SimCommand -Cmdlet $Cmdlet -Message $_.Exception.Message -Id 'System.IO.DirectoryNotFoundException' -Category WriteError -Target $Path }
    (Get-SimFsEntry -Key $r.Key).Meta = $plain
}

function Read-SimDataFile {
    param([string]$Path)
    $r = Resolve-SimPath -Path $Path
    $e = Get-SimFsEntry -Key $r.Key
    if (-not $e -or $e.Type -ne 'File') { return $null }
    if (-not $e.ContainsKey('Meta')) { return $null }
    $e.Meta
}

function New-PSSessionConfigurationFile {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$Path,
        [version]$SchemaVersion,
        [guid]$Guid,
        [string]$Author,
        [string]$Description,
        [string]$CompanyName,
        [string]$Copyright,
        [ValidateSet('Empty', 'RestrictedRemoteServer', 'Default')][string]$SessionType,
        [string]$TranscriptDirectory,
        [switch]$RunAsVirtualAccount,
        [string[]]$RunAsVirtualAccountGroups,
        [switch]$MountUserDrive,
        [long]$UserDriveMaximumSize,
        [string]$GroupManagedServiceAccount,
        [string[]]$ScriptsToProcess,
        [System.Collections.IDictionary]$RoleDefinitions,
        [System.Collections.IDictionary]$RequiredGroups,
        [ValidateSet('FullLanguage', 'ConstrainedLanguage', 'RestrictedLanguage', 'NoLanguage')][string]$LanguageMode,
        [string]$ExecutionPolicy,
        [version]$PowerShellVersion,
        [object[]]$ModulesToImport,
        [string[]]$VisibleAliases,
        [object[]]$VisibleCmdlets,
        [object[]]$VisibleFunctions,
        [string[]]$VisibleExternalCommands,
        [string[]]$VisibleProviders,
        [System.Collections.IDictionary[]]$AliasDefinitions,
        [System.Collections.IDictionary[]]$FunctionDefinitions,
        [object]$VariableDefinitions,
        [System.Collections.IDictionary]$EnvironmentVariables,
        [string[]]$TypesToProcess,
        [string[]]$FormatsToProcess,
        [string[]]$AssembliesToLoad,
        [switch]$Full
    )
    Add-SimCall -Name 'New-PSSessionConfigurationFile' -Bound $PSBoundParameters
    $data = [ordered]@{ SchemaVersion = '2.0.0.0'; GUID = (New-SimHex -Seed ('pssc' + $Path) -Length 32); SessionType = $(if ($SessionType) { $SessionType } else { 'Default' }) }
    foreach ($k in @('TranscriptDirectory', 'GroupManagedServiceAccount', 'RoleDefinitions', 'RequiredGroups', 'LanguageMode', 'VisibleCmdlets', 'VisibleFunctions', 'VisibleExternalCommands', 'ModulesToImport', 'RunAsVirtualAccountGroups', 'Description')) {
        if ($PSBoundParameters.ContainsKey($k)) { $data[$k] = $PSBoundParameters[$k] }
    }
    if ($RunAsVirtualAccount) { $data.RunAsVirtualAccount = $true }
    if ($MountUserDrive) { $data.MountUserDrive = $true }
    Write-SimDataFile -Cmdlet $PSCmdlet -Path $Path -Data $data -Extension '.pssc'
}

function New-PSRoleCapabilityFile {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$Path,
        [guid]$Guid,
        [string]$Author,
        [string]$Description,
        [string]$CompanyName,
        [string]$Copyright,
        [object[]]$ModulesToImport,
        [string[]]$VisibleAliases,
        [object[]]$VisibleCmdlets,
        [object[]]$VisibleFunctions,
        [string[]]$VisibleExternalCommands,
        [string[]]$VisibleProviders,
        [string[]]$ScriptsToProcess,
        [System.Collections.IDictionary[]]$AliasDefinitions,
        [System.Collections.IDictionary[]]$FunctionDefinitions,
        [object]$VariableDefinitions,
        [System.Collections.IDictionary]$EnvironmentVariables,
        [string[]]$TypesToProcess,
        [string[]]$FormatsToProcess,
        [string[]]$AssembliesToLoad
    )
    Add-SimCall -Name 'New-PSRoleCapabilityFile' -Bound $PSBoundParameters
    $data = [ordered]@{ GUID = (New-SimHex -Seed ('psrc' + $Path) -Length 32) }
    foreach ($k in @('Description', 'ModulesToImport', 'VisibleAliases', 'VisibleCmdlets', 'VisibleFunctions', 'VisibleExternalCommands', 'VisibleProviders', 'FunctionDefinitions')) {
        if ($PSBoundParameters.ContainsKey($k)) { $data[$k] = $PSBoundParameters[$k] }
    }
    Write-SimDataFile -Cmdlet $PSCmdlet -Path $Path -Data $data -Extension '.psrc'
}

function New-ModuleManifest {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$Path,
        [object[]]$NestedModules,
        [guid]$Guid,
        [string]$Author,
        [string]$CompanyName,
        [string]$Copyright,
        [Alias('ModuleToProcess')][string]$RootModule,
        [version]$ModuleVersion,
        [string]$Description,
        [string]$ProcessorArchitecture,
        [version]$PowerShellVersion,
        [version]$ClrVersion,
        [version]$DotNetFrameworkVersion,
        [string]$PowerShellHostName,
        [version]$PowerShellHostVersion,
        [object[]]$RequiredModules,
        [string[]]$TypesToProcess,
        [string[]]$FormatsToProcess,
        [string[]]$ScriptsToProcess,
        [string[]]$RequiredAssemblies,
        [string[]]$FileList,
        [object[]]$ModuleList,
        [string[]]$FunctionsToExport,
        [string[]]$AliasesToExport,
        [string[]]$VariablesToExport,
        [string[]]$CmdletsToExport,
        [string[]]$DscResourcesToExport,
        [string[]]$CompatiblePSEditions,
        [object]$PrivateData,
        [string[]]$Tags,
        [uri]$ProjectUri,
        [uri]$LicenseUri,
        [uri]$IconUri,
        [string]$ReleaseNotes,
        [string]$Prerelease,
        [switch]$RequireLicenseAcceptance,
        [string[]]$ExternalModuleDependencies,
        [string]$HelpInfoUri,
        [switch]$PassThru,
        [string]$DefaultCommandPrefix
    )
    Add-SimCall -Name 'New-ModuleManifest' -Bound $PSBoundParameters
    $data = [ordered]@{ GUID = (New-SimHex -Seed ('psd1' + $Path) -Length 32); ModuleVersion = $(if ($ModuleVersion) { [string]$ModuleVersion } else { '0.0.1' }) }
    if ($Description) { $data.Description = $Description }
    Write-SimDataFile -Cmdlet $PSCmdlet -Path $Path -Data $data -Extension '.psd1'
}

function Test-PSSessionConfigurationFile {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string]$Path)
    process {
        Add-SimCall -Name 'Test-PSSessionConfigurationFile' -Bound $PSBoundParameters
        $r = Resolve-SimPath -Path $Path
        if (-not (Get-SimFsEntry -Key $r.Key)) { Write-SimError -Cmdlet $PSCmdlet -Message "The path '$Path' is not valid: the file does not exist." -Id 'PSSessionConfigurationFileNotFound' -Category ObjectNotFound -Target $Path; return }
        $data = Read-SimDataFile -Path $Path
        $ok = $r.Full.EndsWith('.pssc', [StringComparison]::OrdinalIgnoreCase) -and $null -ne $data -and $data.ContainsKey('SessionType') -and -not ($data.ContainsKey('RunAsVirtualAccount') -and $data.ContainsKey('GroupManagedServiceAccount'))
        [bool]$ok
    }
}

function ConvertTo-SimSessionConfigurationObject {
    param([hashtable]$Config)
    [pscustomobject]@{
        PSTypeName                 = 'SimHost#Microsoft.PowerShell.Commands.PSSessionConfigurationCommands#PSSessionConfiguration'
        Name                       = $Config.Name
        PSVersion                  = '5.1'
        StartupScript              = ''
        RunAsUser                  = ''
        Permission                 = $Config.Permission
        SessionType                = $Config.SessionType
        RunAsVirtualAccount        = [string][bool]$Config.RunAsVirtualAccount
        GroupManagedServiceAccount = [string]$Config.GroupManagedServiceAccount
        TranscriptDirectory        = [string]$Config.TranscriptDirectory
        RoleDefinitions            = $Config.RoleDefinitions
        ConfigFilePath             = [string]$Config.ConfigFilePath
    }
}

function Get-PSSessionConfiguration {
    [CmdletBinding()]
    param([Parameter(Position = 0)][ValidateNotNullOrEmpty()][string[]]$Name, [switch]$Force)
    Add-SimCall -Name 'Get-PSSessionConfiguration' -Bound $PSBoundParameters
    Assert-SimElevated -Cmdlet $PSCmdlet
    $s = Get-SimState
    if ($s.Services['WINRM'].Status -ne 'Running') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The WinRM service is not running; session configurations cannot be read.' -Id 'WinRMServiceNotRunning' }
    if (-not $Name) { foreach ($c in @($s.SessionConfigurations.Values | Sort-Object { $_.Name })) { ConvertTo-SimSessionConfigurationObject $c }; return }
    foreach ($n in $Name) {
        $hits = @($s.SessionConfigurations.Values | Where-Object { $_.Name -like $n })
        foreach ($c in $hits) { ConvertTo-SimSessionConfigurationObject $c }
        if (-not $hits.Count) { Write-SimError -Cmdlet $PSCmdlet -Message "No session configuration matches criteria `"$n`"." -Id 'CustomShellNotFound,Microsoft.PowerShell.Commands.GetPSSessionConfigurationCommand' -Category ObjectNotFound -Target $n }
    }
}

function Register-PSSessionConfiguration {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'NameParameterSet')]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$Name,
        [Parameter(ParameterSetName = 'AssemblyNameParameterSet', Mandatory = $true, Position = 1)][string]$AssemblyName,
        [string]$ApplicationBase,
        [Parameter(ParameterSetName = 'AssemblyNameParameterSet', Mandatory = $true, Position = 2)][string]$ConfigurationTypeName,
        [pscredential]$RunAsCredential,
        [System.Threading.ApartmentState]$ThreadApartmentState,
        [System.Management.Automation.Runspaces.PSThreadOptions]$ThreadOptions,
        [ValidateSet('Disabled', 'Local', 'Remote')][string]$AccessMode,
        [switch]$UseSharedProcess,
        [string]$StartupScript,
        [Nullable[double]]$MaximumReceivedDataSizePerCommandMB,
        [Nullable[double]]$MaximumReceivedObjectSizeMB,
        [string]$SecurityDescriptorSddl,
        [switch]$ShowSecurityDescriptorUI,
        [switch]$Force,
        [switch]$NoServiceRestart,
        [Alias('PowerShellVersion')][version]$PSVersion,
        [object]$SessionTypeOption,
        [object]$TransportOption,
        [object[]]$ModulesToImport,
        [Parameter(ParameterSetName = 'SessionConfigurationFile', Mandatory = $true)][string]$Path
    )
    Add-SimCall -Name 'Register-PSSessionConfiguration' -Bound $PSBoundParameters
    Assert-SimElevated -Cmdlet $PSCmdlet
    $s = Get-SimState
    if ($PSCmdlet.ParameterSetName -ne 'SessionConfigurationFile') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: only Register-PSSessionConfiguration -Path <.pssc> is simulated.' -Id 'NotSimulated' }
    if ($s.SessionConfigurations.ContainsKey($Name.ToUpperInvariant())) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "A session configuration named $Name already exists. Use Set-PSSessionConfiguration or Unregister-PSSessionConfiguration first." -Id 'PSSessionConfigurationAlreadyExists' -Category ResourceExists }
    $data = Read-SimDataFile -Path $Path
    if (-not $data -or -not (Resolve-SimPath -Path $Path).Full.EndsWith('.pssc', [StringComparison]::OrdinalIgnoreCase)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The path $Path is not a valid session configuration file." -Id 'InvalidPSSessionConfigurationFilePath' -Category InvalidArgument }
    if ($data.ContainsKey('RunAsVirtualAccount') -and $data.ContainsKey('GroupManagedServiceAccount')) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'RunAsVirtualAccount and GroupManagedServiceAccount cannot be used together.' -Id 'InvalidSessionConfiguration' -Category InvalidArgument }
    $roles = @{}
    if ($data.ContainsKey('RoleDefinitions')) {
        foreach ($g in $data.RoleDefinitions.Keys) {
            if (-not (Resolve-SimAccountSid -Name $g)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The group or user '$g' in RoleDefinitions could not be resolved: Some or all identity references could not be translated." -Id 'InvalidRoleDefinitions' -Category InvalidArgument }
            $roles[$g] = $data.RoleDefinitions[$g]
        }
    }
    if ($data.ContainsKey('GroupManagedServiceAccount')) {
        $gmsa = ([string]$data.GroupManagedServiceAccount).TrimEnd('$') + '$'
        if (-not (Resolve-SimAccountSid -Name $gmsa)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The group managed service account '$gmsa' could not be found." -Id 'InvalidGroupManagedServiceAccount' -Category InvalidArgument }
    }
    $copyPath = 'C:\Windows\System32\WindowsPowerShell\v1.0\SessionConfig\{0}_{1}.pssc' -f $Name, $data.GUID
    $null = New-SimFsDirectoryTree -Full 'C:\Windows\System32\WindowsPowerShell\v1.0\SessionConfig'
    Write-SimFileText -Path $copyPath -Text (Read-SimFileText -Path $Path)
    (Get-SimFsEntry -Key $copyPath.ToUpperInvariant()).Meta = Copy-SimObject $data
    $permission = (@($roles.Keys | Sort-Object) | ForEach-Object { "$_ AccessAllowed" }) -join ', '
    $s.SessionConfigurations[$Name.ToUpperInvariant()] = @{
        Name = $Name; SessionType = [string]$data.SessionType; RunAsVirtualAccount = [bool]$data['RunAsVirtualAccount']
        GroupManagedServiceAccount = [string]$data['GroupManagedServiceAccount']; RoleDefinitions = $roles; TranscriptDirectory = [string]$data['TranscriptDirectory']
        Permission = $permission; ConfigFilePath = $copyPath
    }
    [pscustomobject]@{ Name = $Name; WSManConfigContainerElement = 'Plugin' }
    if (-not $NoServiceRestart) { Invoke-SimSessionBreak -Reason "Register-PSSessionConfiguration restarted WinRM" }
}

function Unregister-PSSessionConfiguration {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Name, [switch]$Force, [switch]$NoServiceRestart)
    process {
        Add-SimCall -Name 'Unregister-PSSessionConfiguration' -Bound $PSBoundParameters
        Assert-SimElevated -Cmdlet $PSCmdlet
        $s = Get-SimState
        $hits = @($s.SessionConfigurations.Values | Where-Object { $_.Name -like $Name })
        if (-not $hits.Count) { Write-SimError -Cmdlet $PSCmdlet -Message "No session configuration matches criteria `"$Name`"." -Id 'CustomShellNotFound,Microsoft.PowerShell.Commands.UnregisterPSSessionConfigurationCommand' -Category ObjectNotFound -Target $Name; return }
        foreach ($c in $hits) {
            if ($c.ConfigFilePath) { $s.Files.Remove($c.ConfigFilePath.ToUpperInvariant()) }
            $s.SessionConfigurations.Remove($c.Name.ToUpperInvariant())
        }
        if (-not $NoServiceRestart) { Invoke-SimSessionBreak -Reason 'Unregister-PSSessionConfiguration restarted WinRM' }
    }
}
