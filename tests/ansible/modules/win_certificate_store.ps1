# ansible.windows.win_certificate_store with path, store_location, store_name and state present, on a
# simulated host: imports the certificate file unless the store already has its thumbprint; check
# mode reports the change without making it.
[CmdletBinding(SupportsShouldProcess)]
param([string]$Path, [string]$StoreLocation, [string]$StoreName, [string]$State)
$ErrorActionPreference = 'Stop'
if ($State -ne 'present') { throw "win_certificate_store emulation: only state present is emulated" }
$Ansible.Changed = $false
if (-not (Test-Path -LiteralPath $Path)) { throw "Failed to find a certificate file at '$Path'" }
$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($Path)
$store = 'Cert:\{0}\{1}' -f $StoreLocation, $StoreName
if (Test-Path -LiteralPath ('{0}\{1}' -f $store, $certificate.Thumbprint)) { return }
$Ansible.Changed = $true
if ($Ansible.CheckMode) { return }
$null = Import-Certificate -FilePath $Path -CertStoreLocation $store
$Ansible.Result = @{ thumbprints = @($certificate.Thumbprint) }
