# ansible.windows.win_service with name, start_mode and state (started, restarted), on a simulated
# host: fails when the service does not exist; changed when the start mode or state changes
# (restarted always changes); check mode reports the change without making it.
[CmdletBinding(SupportsShouldProcess)]
param([string]$Name, [string]$StartMode, [string]$State)
$ErrorActionPreference = 'Stop'
$Ansible.Changed = $false
$service = Get-Service -Name $Name -ErrorAction SilentlyContinue
if (-not $service) { throw "Service '$Name' is not installed, need to set 'path' to create a new service" }
$modes = @{ auto = 'Automatic'; manual = 'Manual'; disabled = 'Disabled'; delayed = 'AutomaticDelayedStart' }
if ($StartMode) {
    if (-not $modes.ContainsKey($StartMode)) { throw "win_service emulation: start_mode $StartMode is not emulated" }
    if ([string]$service.StartType -ne $modes[$StartMode]) {
        $Ansible.Changed = $true
        if (-not $Ansible.CheckMode) { Set-Service -Name $Name -StartupType $modes[$StartMode] }
    }
}
switch ($State) {
    '' { }
    'started' {
        if ([string]$service.Status -ne 'Running') {
            $Ansible.Changed = $true
            if (-not $Ansible.CheckMode) { Start-Service -Name $Name }
        }
    }
    'restarted' {
        $Ansible.Changed = $true
        if (-not $Ansible.CheckMode) { Restart-Service -Name $Name -Force }
    }
    default { throw "win_service emulation: state $State is not emulated" }
}
