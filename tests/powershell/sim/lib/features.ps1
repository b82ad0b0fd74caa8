# Windows features, read only (Get-RemotingAudit.ps1 reads the PowerShell 2.0 engine's state):
# Get-WindowsFeature (ServerManager, servers only) and Get-WindowsOptionalFeature (Dism), with the
# real cmdlets' parameter names and sets. A host's features live in $State.WindowsFeatures (set by
# a test); without it, a server has the stock Windows Server 2022 state: PowerShell-V2 Installed.

function Get-SimWindowsFeatureTable {
    $s = Get-SimState
    if ($s.ContainsKey('WindowsFeatures') -and $s.WindowsFeatures) { return $s.WindowsFeatures }
    if ($s.Host.Role -eq 'client') { return @{ 'MicrosoftWindowsPowerShellV2Root' = 'Enabled'; 'MicrosoftWindowsPowerShellV2' = 'Enabled' } }
    @{ 'PowerShell-V2' = 'Installed' }
}

function Get-WindowsFeature {
    [CmdletBinding(DefaultParameterSetName = 'RunningComputer')]
    param(
        [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Name,
        [Parameter(ParameterSetName = 'VhdPath', Mandatory = $true)][string]$Vhd,
        [Alias('Cn')][string]$ComputerName,
        [pscredential]$Credential,
        [string]$LogPath
    )
    process {
        Add-SimCall -Name 'Get-WindowsFeature' -Bound $PSBoundParameters
        if ((Get-SimState).Host.Role -eq 'client') { Stop-SimNotRecognized -Name 'Get-WindowsFeature' }
        $table = Get-SimWindowsFeatureTable
        foreach ($n in @($(if ($Name) { $Name } else { @($table.Keys | Sort-Object) }))) {
            foreach ($k in @($table.Keys | Where-Object { $_ -like $n } | Sort-Object)) {
                [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.Windows.ServerManager.Commands.Feature'; Name = $k; DisplayName = $k; InstallState = [string]$table[$k]; Installed = ([string]$table[$k] -eq 'Installed') }
            }
        }
    }
}

function Get-WindowsOptionalFeature {
    [CmdletBinding(DefaultParameterSetName = 'Online')]
    param(
        [string]$FeatureName,
        [string]$PackageName,
        [string]$PackagePath,
        [Parameter(ParameterSetName = 'Online', Mandatory = $true)][switch]$Online,
        [Parameter(ParameterSetName = 'Offline', Mandatory = $true)][string]$Path,
        [string]$WindowsDirectory,
        [string]$SystemDrive,
        [string]$LogPath,
        [string]$ScratchDirectory,
        [ValidateSet('Errors', 'Warnings', 'WarningsInfo')][string]$LogLevel
    )
    Add-SimCall -Name 'Get-WindowsOptionalFeature' -Bound $PSBoundParameters
    if ($PSCmdlet.ParameterSetName -eq 'Offline') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: offline images are not simulated.' -Id 'NotSimulated' }
    $table = Get-SimWindowsFeatureTable
    $names = @($table.Keys | Where-Object { -not $FeatureName -or $_ -like $FeatureName } | Sort-Object)
    if ($FeatureName -and -not $names.Count) { Write-SimError -Cmdlet $PSCmdlet -Message "Feature name $FeatureName is unknown." -Id 'Microsoft.Dism.Commands.GetWindowsOptionalFeatureCommand' -Category InvalidArgument -Target $FeatureName; return }
    foreach ($k in $names) {
        $state = switch ([string]$table[$k]) { 'Installed' { 'Enabled' } 'Available' { 'Disabled' } 'Removed' { 'DisabledWithPayloadRemoved' } default { [string]$table[$k] } }
        [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.Dism.Commands.AdvancedFeatureObject'; FeatureName = $k; DisplayName = $k; State = $state; RestartNeeded = $false }
    }
}
