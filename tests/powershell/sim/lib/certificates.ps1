# Certificates: stores (Cert:\LocalMachine\My ...), private key containers, a simulated enterprise
# CA, and the PKI module's cmdlets (New-SelfSignedCertificate, Export-/Import-Certificate,
# Get-Certificate).
#
# A certificate record: @{ Thumbprint; Subject; Issuer; IssuerThumbprint; NotBefore; NotAfter
#   (ISO strings); HasPrivateKey; KeyExportable; KeyContainer; SerialNumber; Dns; Ips; Upns; Eku;
#   Template; FriendlyName }

$script:SimEkuNames = @{
    '1.3.6.1.5.5.7.3.1'      = 'Server Authentication'
    '1.3.6.1.5.5.7.3.2'      = 'Client Authentication'
    '1.3.6.1.5.5.7.3.3'      = 'Code Signing'
    '1.3.6.1.4.1.311.80.1'   = 'Document Encryption'
}
$script:SimCertFileMarker = '-----BEGIN SIMHOST CERTIFICATE-----'

function Get-SimEkuName { param([string]$Oid) if ($script:SimEkuNames.ContainsKey($Oid)) { $script:SimEkuNames[$Oid] } else { $Oid } }

function Get-SimCertStore {
    param([Parameter(Mandatory = $true)][string]$Name)
    $s = Get-SimState
    $k = $Name.ToUpperInvariant()
    if (-not $s.Certs.ContainsKey($k)) { return $null }
    $s.Certs[$k]
}

# 'Cert:\LocalMachine\My' -> 'LocalMachine\My' (canonical case) or $null.
function ConvertTo-SimStoreName {
    param([Parameter(Mandatory = $true)][string]$Location)
    $r = Resolve-SimPath -Path $Location
    if ($r.Drive -ne 'Cert' -or $r.Parts.Count -ne 2) { return $null }
    $s = Get-SimState
    foreach ($k in $s.Certs.Keys) { if ($k -eq ($r.Parts -join '\').ToUpperInvariant()) { return $s.CertStoreNames[$k] } }
    $null
}

function New-SimCertificateRecord {
    param(
        [Parameter(Mandatory = $true)][string]$Subject,
        [string]$Issuer,
        [string]$IssuerThumbprint,
        [string[]]$Dns = @(),
        [string[]]$Ips = @(),
        [string[]]$Upns = @(),
        [string[]]$Eku = @(),
        [int]$Days = 365,
        [datetime]$NotBefore,
        [bool]$HasPrivateKey = $true,
        [bool]$KeyExportable = $false,
        [string]$Template,
        [string]$Seed
    )
    $s = Get-SimState
    $n = New-SimCounter -Name 'certificate'
    $seedText = if ($Seed) { $Seed } else { '{0}|{1}|{2}|{3}' -f $s.Host.Name, $n, $Subject, $s.Clock.ToString('o') }
    $thumb = New-SimHex -Seed ('cert|' + $seedText) -Length 40
    $nb = if ($PSBoundParameters.ContainsKey('NotBefore')) { $NotBefore } else { $s.Clock.AddMinutes(-10) }
    $rec = @{
        Thumbprint       = $thumb
        Subject          = $Subject
        Issuer           = $(if ($Issuer) { $Issuer } else { $Subject })
        IssuerThumbprint = $(if ($IssuerThumbprint) { $IssuerThumbprint } else { $thumb })
        NotBefore        = $nb.ToString('o')
        NotAfter         = $nb.AddDays($Days).ToString('o')
        HasPrivateKey    = $HasPrivateKey
        KeyExportable    = $KeyExportable
        KeyContainer     = $(if ($HasPrivateKey) { 'key-' + (New-SimHex -Seed ('key|' + $seedText) -Length 16) } else { '' })
        SerialNumber     = New-SimHex -Seed ('serial|' + $seedText) -Length 32
        Dns              = @($Dns | Where-Object { $_ })
        Ips              = @($Ips | Where-Object { $_ })
        Upns             = @($Upns | Where-Object { $_ })
        Eku              = @($Eku | Where-Object { $_ })
        Template         = [string]$Template
        FriendlyName     = ''
    }
    $rec
}

function Add-SimCertificateToStore {
    param([Parameter(Mandatory = $true)][hashtable]$Record, [Parameter(Mandatory = $true)][string]$Store)
    $s = Get-SimState
    $st = Get-SimCertStore -Name $Store
    if ($null -eq $st) { throw "SimHost: certificate store $Store does not exist." }
    $copy = Copy-SimObject $Record
    $st[$copy.Thumbprint] = $copy
    if ($copy.HasPrivateKey -and $copy.KeyContainer) { $s.KeyContainers[$copy.KeyContainer] = @{ Thumbprint = $copy.Thumbprint; Store = $Store; Exportable = [bool]$copy.KeyExportable } }
    $copy
}

function ConvertTo-SimCertificateObject {
    param([Parameter(Mandatory = $true)][hashtable]$Record, [string]$Store)
    $c = [SimCertificate]::new()
    $c.Load($Record, $Store)
    $c
}

function Read-SimCertificateFile {
    param([Parameter(Mandatory = $true)][string]$Path)
    $text = Read-SimFileText -Path $Path
    if (-not $text.StartsWith($script:SimCertFileMarker)) { throw [System.Security.Cryptography.CryptographicException]::new('Cannot find the requested object.') }
    $json = $text.Substring($script:SimCertFileMarker.Length).Trim()
    $o = $json | ConvertFrom-Json -AsHashtable
    $o.HasPrivateKey = $false
    $o.KeyContainer = ''
    $o
}

function Get-SimCertificateFileThumbprint {
    param([Parameter(Mandatory = $true)][string]$Path)
    (Read-SimCertificateFile -Path $Path).Thumbprint
}

# A certificate chains to a trusted root: self-signed in Root, or issued by a root in Root.
function Test-SimCertificateChain {
    param([hashtable]$Record)
    $root = Get-SimCertStore -Name 'LocalMachine\Root'
    $root.ContainsKey($Record.IssuerThumbprint)
}

function ConvertFrom-SimTextExtension {
    param([string[]]$TextExtension)
    $out = @{ Dns = @(); Ips = @(); Upns = @(); Eku = $null }
    foreach ($t in $TextExtension) {
        if ($t -notmatch '^([0-9.]+)=\{text\}(.*)$') { throw [System.ArgumentException]::new("SimHost: the text extension '$t' is not in the form OID={text}value.") }
        $oid = $Matches[1]; $value = $Matches[2]
        switch ($oid) {
            '2.5.29.17' {
                foreach ($part in ($value -split '&')) {
                    if ($part -match '^(?i)DNS=(.+)$') { $out.Dns += $Matches[1] }
                    elseif ($part -match '^(?i)IPAddress=(.+)$') { $out.Ips += $Matches[1] }
                    elseif ($part -match '^(?i)upn=(.+)$') { $out.Upns += $Matches[1] }
                    elseif ($part -match '^(?i)email=(.+)$') { }
                    else { throw [System.ArgumentException]::new("SimHost: unsupported SAN entry '$part'.") }
                }
            }
            '2.5.29.37' { $out.Eku = @($value -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ }) }
            '2.5.29.19' { }
            default { throw [System.ArgumentException]::new("SimHost: text extension OID $oid is not simulated.") }
        }
    }
    $out
}

function New-SelfSignedCertificate {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [string]$SecurityDescriptor,
        [string[]]$TextExtension,
        [string]$Handle,
        [string]$Reader,
        [securestring]$Pin,
        [object]$Signer,
        [ValidateSet('None', 'Protect', 'ProtectHigh', 'ProtectFingerPrint')][string[]]$KeyProtection,
        [ValidateSet('None', 'Signature', 'KeyExchange')][string]$KeySpec,
        [ValidateSet('Custom', 'CodeSigningCert', 'DocumentEncryptionCert', 'SSLServerAuthentication', 'DocumentEncryptionCertLegacyCsp')][string]$Type,
        [string]$FriendlyName,
        [datetime]$NotAfter,
        [string]$KeyFriendlyName,
        [string]$KeyDescription,
        [ValidateSet('NonExportable', 'ExportableEncrypted', 'Exportable')][string[]]$KeyExportPolicy,
        [string]$KeyAlgorithm,
        [int]$KeyLength,
        [ValidateSet('None', 'EncipherOnly', 'CRLSign', 'CertSign', 'KeyAgreement', 'DataEncipherment', 'KeyEncipherment', 'NonRepudiation', 'DigitalSignature', 'DecipherOnly')][string[]]$KeyUsage,
        [ValidateSet('None', 'Decrypt', 'Sign', 'KeyAgreement', 'All')][string[]]$KeyUsageProperty,
        [string]$Provider,
        [string]$Container,
        [string]$Subject,
        [string[]]$SuppressOid,
        [string]$HashAlgorithm,
        [datetime]$NotBefore,
        [string]$CertStoreLocation,
        [string]$SerialNumber,
        [switch]$AlternateSignatureAlgorithm,
        [switch]$ExistingKey,
        [string[]]$DnsName,
        [object]$CloneCert,
        [string[]]$SmimeCapabilities,
        [switch]$TestRoot
    )
    Add-SimCall -Name 'New-SelfSignedCertificate' -Bound $PSBoundParameters
    $s = Get-SimState
    $store = if ($CertStoreLocation) { ConvertTo-SimStoreName -Location $CertStoreLocation } else { 'CurrentUser\My' }
    if ($store -notin @('LocalMachine\My', 'CurrentUser\My')) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "CertEnroll::CX509Enrollment::_CreateRequest: the certificate store location '$CertStoreLocation' is not valid (only Cert:\LocalMachine\My and Cert:\CurrentUser\My)." -Id 'System.Exception' -Category InvalidArgument }
    if ($store -eq 'LocalMachine\My') { Assert-SimElevated -Cmdlet $PSCmdlet }
    if (-not $Subject -and -not $DnsName) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'New-SelfSignedCertificate needs -Subject or -DnsName.' -Id 'System.ArgumentException' -Category InvalidArgument }
    try { $ext = ConvertFrom-SimTextExtension -TextExtension $TextExtension } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'System.ArgumentException' -Category InvalidArgument }
    $t = if ($Type) { $Type } else { 'SSLServerAuthentication' }
    $eku = switch ($t) {
        'SSLServerAuthentication' { @('1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1') }
        'CodeSigningCert' { @('1.3.6.1.5.5.7.3.3') }
        'DocumentEncryptionCert' { @('1.3.6.1.4.1.311.80.1') }
        default { @() }
    }
    if ($null -ne $ext.Eku) { $eku = $ext.Eku }
    $subj = if ($Subject) { if ($Subject -match '=') { $Subject } else { 'CN=' + $Subject } } else { 'CN=' + $DnsName[0] }
    $nb = if ($PSBoundParameters.ContainsKey('NotBefore')) { $NotBefore } else { $s.Clock.AddMinutes(-10) }
    $days = if ($PSBoundParameters.ContainsKey('NotAfter')) { ($NotAfter - $nb).TotalDays } else { 365 }
    $exportable = @($KeyExportPolicy) -contains 'Exportable' -or @($KeyExportPolicy) -contains 'ExportableEncrypted'
    $rec = New-SimCertificateRecord -Subject $subj -Dns (@($DnsName) + @($ext.Dns)) -Ips $ext.Ips -Upns $ext.Upns -Eku $eku -Days $days -NotBefore $nb -HasPrivateKey $true -KeyExportable $exportable
    if ($FriendlyName) { $rec.FriendlyName = $FriendlyName }
    $added = Add-SimCertificateToStore -Record $rec -Store $store
    ConvertTo-SimCertificateObject -Record $added -Store $store
}

function Export-Certificate {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [ValidateSet('SST', 'CERT', 'P7B')][string]$Type = 'CERT',
        [switch]$NoClobber,
        [switch]$Force,
        [Parameter(Mandatory = $true)][string]$FilePath,
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)][object]$Cert
    )
    process {
        Add-SimCall -Name 'Export-Certificate' -Bound $PSBoundParameters
        if ($Cert -isnot [SimCertificate]) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'Cannot bind parameter Cert: it must be a certificate.' -Id 'ParameterArgumentTransformationError' -Category InvalidArgument }
        $r = Resolve-SimPath -Path $FilePath
        if ($NoClobber -and (Get-SimFsEntry -Key $r.Key)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The file '$($r.Full)' already exists." -Id 'NoClobber' -Category ResourceExists }
        $public = Copy-SimObject $Cert.Record
        $public.HasPrivateKey = $false
        $public.KeyContainer = ''
        $text = $script:SimCertFileMarker + "`n" + ($public | ConvertTo-Json -Compress -Depth 5)
        try { Write-SimFileText -Path $r.Full -Text $text } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'System.IO.IOException' }
        [pscustomobject]@{ PSTypeName = 'SimHost#System.IO.FileInfo'; Name = (Get-SimLeafName -Full $r.Full); FullName = $r.Full; Length = $text.Length }
    }
}

function Import-Certificate {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [switch]$Exportable,
        [string]$CertStoreLocation,
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)][string]$FilePath
    )
    process {
        Add-SimCall -Name 'Import-Certificate' -Bound $PSBoundParameters
        $store = if ($CertStoreLocation) { ConvertTo-SimStoreName -Location $CertStoreLocation } else { 'CurrentUser\My' }
        if (-not $store) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The certificate store location '$CertStoreLocation' was not found." -Id 'System.ArgumentException' -Category InvalidArgument }
        if ($store.StartsWith('LocalMachine')) { Assert-SimElevated -Cmdlet $PSCmdlet }
        try { $rec = Read-SimCertificateFile -Path $FilePath } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'System.Security.Cryptography.CryptographicException' -Category InvalidData -Target $FilePath }
        $existing = (Get-SimCertStore -Name $store)[$rec.Thumbprint]
        $added = if ($existing) { $existing } else { Add-SimCertificateToStore -Record $rec -Store $store }
        ConvertTo-SimCertificateObject -Record $added -Store $store
    }
}

# Get-Certificate: enrolls from the simulated enterprise CA ($State.Ca), or retrieves a pending
# request. The CA issues at once or leaves the request pending (CA manager approval).
function Get-Certificate {
    [CmdletBinding(DefaultParameterSetName = 'Request')]
    param(
        [Parameter(ParameterSetName = 'Request', Mandatory = $true)][string]$Template,
        [Parameter(ParameterSetName = 'Request')][string[]]$DnsName,
        [pscredential]$Credential,
        [Parameter(ParameterSetName = 'Request')][string]$SubjectName,
        [Parameter(ParameterSetName = 'Request')][uri]$Url,
        [Parameter(ParameterSetName = 'Request')][string]$CertStoreLocation,
        [Parameter(ParameterSetName = 'Retrieve', Mandatory = $true, ValueFromPipeline = $true)][object]$Request
    )
    process {
        Add-SimCall -Name 'Get-Certificate' -Bound $PSBoundParameters
        $s = Get-SimState
        $ca = $s.Ca
        if (-not $ca -or -not $ca.Available) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'CertEnroll::CX509Enrollment::_CreateRequest: The enrollment policy server cannot be located. 0x80094015' -Id 'System.Exception' }
        if ($PSCmdlet.ParameterSetName -eq 'Retrieve') {
            $reqRec = $null
            $reqStore = Get-SimCertStore -Name 'LocalMachine\REQUEST'
            $thumb = if ($Request -is [SimCertificate]) { $Request.Thumbprint } else { [string]$Request.Thumbprint }
            if ($reqStore -and $thumb -and $reqStore.ContainsKey($thumb.ToUpperInvariant())) { $reqRec = $reqStore[$thumb.ToUpperInvariant()] }
            if (-not $reqRec) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The request was not found in the request store.' -Id 'System.Exception' -Category ObjectNotFound }
            if ($ca.Mode -eq 'Pending') { return [pscustomobject]@{ Status = 'Pending'; Certificate = $null; Request = (ConvertTo-SimCertificateObject -Record $reqRec -Store 'LocalMachine\REQUEST') } }
            $reqStore.Remove($reqRec.Thumbprint)
            $issued = New-SimIssuedCertificate -Subject $reqRec.Subject -Dns $reqRec.Dns -Template $reqRec.Template
            $added = Add-SimCertificateToStore -Record $issued -Store $reqRec.TargetStore
            return [pscustomobject]@{ Status = 'Issued'; Certificate = (ConvertTo-SimCertificateObject -Record $added -Store $reqRec.TargetStore); Request = $null }
        }
        if (-not $Url -and -not $s.Host.PartOfDomain) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'CertEnroll::CX509Enrollment::_CreateRequest: The enrollment policy server cannot be located (this computer is not joined to a domain; use -Url). 0x80094015' -Id 'System.Exception' }
        if (@($ca.Templates) -notcontains $Template) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "CertEnroll::CX509Enrollment::InitializeFromTemplateName: The requested certificate template is not supported by this CA. 0x80094800 ($Template)" -Id 'System.Exception' -Category InvalidArgument }
        $store = if ($CertStoreLocation) { ConvertTo-SimStoreName -Location $CertStoreLocation } else { 'CurrentUser\My' }
        if ($store -notin @('LocalMachine\My', 'CurrentUser\My')) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The certificate store location '$CertStoreLocation' is not valid." -Id 'System.ArgumentException' -Category InvalidArgument }
        $subject = if ($SubjectName) { $SubjectName } elseif ($DnsName) { 'CN=' + $DnsName[0] } else { 'CN=' + $s.Host.Name }
        if ($ca.Mode -eq 'Pending') {
            $req = New-SimCertificateRecord -Subject $subject -Dns $DnsName -HasPrivateKey $true -Template $Template
            $req.TargetStore = $store
            $reqStore = Get-SimCertStore -Name 'LocalMachine\REQUEST'
            $reqStore[$req.Thumbprint] = $req
            $s.KeyContainers[$req.KeyContainer] = @{ Thumbprint = $req.Thumbprint; Store = 'LocalMachine\REQUEST'; Exportable = $false }
            return [pscustomobject]@{ Status = 'Pending'; Certificate = $null; Request = (ConvertTo-SimCertificateObject -Record $req -Store 'LocalMachine\REQUEST') }
        }
        $issued = New-SimIssuedCertificate -Subject $subject -Dns $DnsName -Template $Template
        $added = Add-SimCertificateToStore -Record $issued -Store $store
        [pscustomobject]@{ Status = 'Issued'; Certificate = (ConvertTo-SimCertificateObject -Record $added -Store $store); Request = $null }
    }
}

function New-SimIssuedCertificate {
    param([string]$Subject, [string[]]$Dns, [string]$Template)
    $s = Get-SimState
    $eku = switch ($Template) { 'WebServer' { @('1.3.6.1.5.5.7.3.1') } 'Computer' { @('1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1') } 'User' { @('1.3.6.1.5.5.7.3.2') } default { @('1.3.6.1.5.5.7.3.1') } }
    $ips = @(); $names = @()
    foreach ($d in @($Dns)) { if ($d -match '^[0-9.]+$' -or $d.Contains(':')) { $ips += $d } elseif ($d) { $names += $d } }
    New-SimCertificateRecord -Subject $Subject -Issuer $s.Ca.Subject -IssuerThumbprint $s.Ca.Thumbprint -Dns $names -Ips $ips -Eku $eku -Days 730 -HasPrivateKey $true -Template $Template
}

# X509Certificate2.Extensions of a certificate record: SAN (with its DER RawData, which scripts
# search for iPAddress entries), Enhanced Key Usage, certificate template.
function Get-SimCertificateExtensions {
    param([hashtable]$Record)
    $ext = [System.Collections.Generic.List[object]]::new()
    $san = @(@($Record.Dns | Where-Object { $_ } | ForEach-Object { "DNS Name=$_" }) + @($Record.Ips | Where-Object { $_ } | ForEach-Object { "IP Address=$_" }) + @($Record.Upns | Where-Object { $_ } | ForEach-Object { "Other Name:Principal Name=$_" }))
    if ($san.Count) {
        $builder = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        foreach ($d in @($Record.Dns | Where-Object { $_ })) { $builder.AddDnsName($d) }
        foreach ($ip in @($Record.Ips | Where-Object { $_ })) { $builder.AddIpAddress([System.Net.IPAddress]::Parse($ip)) }
        foreach ($u in @($Record.Upns | Where-Object { $_ })) { $builder.AddUserPrincipalName($u) }
        $ext.Add([SimCertExtension]@{ Oid = [pscustomobject]@{ Value = '2.5.29.17'; FriendlyName = 'Subject Alternative Name' }; Critical = $false; Text = ($san -join ', '); RawData = $builder.Build($false).RawData })
    }
    if (@($Record.Eku | Where-Object { $_ }).Count) {
        $ext.Add([SimEnhancedKeyUsageExtension]@{
                Oid = [pscustomobject]@{ Value = '2.5.29.37'; FriendlyName = 'Enhanced Key Usage' }; Critical = $false
                Text = ((@($Record.Eku) | ForEach-Object { '{0} ({1})' -f (Get-SimEkuName -Oid $_), $_ }) -join ', ')
                EnhancedKeyUsages = @(@($Record.Eku) | ForEach-Object { [pscustomobject]@{ Value = $_; FriendlyName = (Get-SimEkuName -Oid $_) } })
            })
    }
    if ($Record.ContainsKey('Template') -and $Record.Template) { $ext.Add([SimCertExtension]@{ Oid = [pscustomobject]@{ Value = '1.3.6.1.4.1.311.20.2'; FriendlyName = 'Certificate Template Name' }; Critical = $false; Text = $Record.Template }) }
    , $ext.ToArray()
}
