# ansible.windows.win_reg_stat with path and name, on a simulated host: never changes anything;
# returns exists, and value and type when the value exists.
[CmdletBinding(SupportsShouldProcess)]
param([string]$Path, [string]$Name)
$ErrorActionPreference = 'Stop'
$Ansible.Changed = $false
$item = if (Test-Path -LiteralPath $Path) { Get-ItemProperty -LiteralPath $Path -Name $Name -ErrorAction SilentlyContinue } else { $null }
if ($null -eq $item) { $Ansible.Result = @{ exists = $false } }
else { $Ansible.Result = @{ exists = $true; value = $item.$Name; type = $(if ($item.$Name -is [int]) { 'REG_DWORD' } else { 'REG_SZ' }) } }
