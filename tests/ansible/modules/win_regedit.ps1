# ansible.windows.win_regedit, as far as the Windows plays use it (state present, type dword), on a
# simulated host: creates the key (and its parents) when missing, then sets the value; changed only
# when the value or its type differs; check mode reports the change without making it.
[CmdletBinding(SupportsShouldProcess)]
param([string]$Path, [string]$Name, [object]$Data, [string]$Type, [string]$State)
$ErrorActionPreference = 'Stop'
if ($State -ne 'present' -or $Type -ne 'dword' -or -not $Name) { throw "win_regedit emulation: only state present, type dword and a value name are emulated (got state $State, type $Type)" }
$value = [int]$Data
$Ansible.Changed = $false
$keyExists = Test-Path -LiteralPath $Path
$current = if ($keyExists) { Get-ItemProperty -LiteralPath $Path -Name $Name -ErrorAction SilentlyContinue } else { $null }
if ($null -ne $current -and $current.$Name -is [int] -and $current.$Name -eq $value) { return }
$Ansible.Changed = $true
if ($Ansible.CheckMode) { return }
if (-not $keyExists) { $null = New-Item -Path $Path -Force }
$null = New-ItemProperty -LiteralPath $Path -Name $Name -PropertyType DWord -Value $value -Force
