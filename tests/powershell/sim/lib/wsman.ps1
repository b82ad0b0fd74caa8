# WS-Management: the WSMan: drive's configuration, listeners, client certificate mappings, Group
# Policy overrides, *-WSManInstance and the CredSSP cmdlets.

# Stock configuration of Windows Server 2022 after Enable-PSRemoting (winrm get winrm/config).
function New-SimWSManConfig {
    [ordered]@{
        'MaxEnvelopeSizekb'                       = '500'
        'MaxTimeoutms'                            = '60000'
        'MaxBatchItems'                           = '32000'
        'MaxProviderRequests'                     = '4294967295'
        'Client\NetworkDelayms'                   = '5000'
        'Client\URLPrefix'                        = 'wsman'
        'Client\AllowUnencrypted'                 = 'false'
        'Client\Auth\Basic'                       = 'true'
        'Client\Auth\Digest'                      = 'true'
        'Client\Auth\Kerberos'                    = 'true'
        'Client\Auth\Negotiate'                   = 'true'
        'Client\Auth\Certificate'                 = 'true'
        'Client\Auth\CredSSP'                     = 'false'
        'Client\DefaultPorts\HTTP'                = '5985'
        'Client\DefaultPorts\HTTPS'               = '5986'
        'Client\TrustedHosts'                     = ''
        'Service\RootSDDL'                        = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;IU)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'
        'Service\MaxConcurrentOperations'         = '4294967295'
        'Service\MaxConcurrentOperationsPerUser'  = '1500'
        'Service\EnumerationTimeoutms'            = '240000'
        'Service\MaxConnections'                  = '300'
        'Service\MaxPacketRetrievalTimeSeconds'   = '120'
        'Service\AllowUnencrypted'                = 'false'
        'Service\Auth\Basic'                      = 'false'
        'Service\Auth\Kerberos'                   = 'true'
        'Service\Auth\Negotiate'                  = 'true'
        'Service\Auth\Certificate'                = 'false'
        'Service\Auth\CredSSP'                    = 'false'
        'Service\Auth\CbtHardeningLevel'          = 'Relaxed'
        'Service\DefaultPorts\HTTP'               = '5985'
        'Service\DefaultPorts\HTTPS'              = '5986'
        'Service\IPv4Filter'                      = '*'
        'Service\IPv6Filter'                      = '*'
        'Service\EnableCompatibilityHttpListener' = 'false'
        'Service\EnableCompatibilityHttpsListener' = 'false'
        'Service\CertificateThumbprint'           = ''
        'Service\AllowRemoteAccess'               = 'true'
        'Shell\AllowRemoteShellAccess'            = 'true'
        'Shell\IdleTimeout'                       = '7200000'
        'Shell\MaxConcurrentUsers'                = '2147483647'
        'Shell\MaxShellRunTime'                   = '2147483647'
        'Shell\MaxProcessesPerShell'              = '2147483647'
        'Shell\MaxMemoryPerShellMB'               = '2147483647'
        'Shell\MaxShellsPerUser'                  = '2147483647'
    }
}

$script:SimWSManContainers = @('', 'Client', 'Client\Auth', 'Client\DefaultPorts', 'Service', 'Service\Auth', 'Service\DefaultPorts', 'Shell', 'Listener', 'ClientCertificate', 'Plugin')
$script:SimWSManBooleans = '(AllowUnencrypted|Auth\\(Basic|Digest|Kerberos|Negotiate|Certificate|CredSSP)|EnableCompatibilityHttpsListener|EnableCompatibilityHttpListener|AllowRemoteAccess|AllowRemoteShellAccess)$'

# Group Policy (HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\{Service,Client}) overrides.
$script:SimWSManPolicies = @{
    'Service\AllowUnencrypted'       = @{ Key = 'Service'; Name = 'AllowUnencryptedTraffic'; Map = 'bool' }
    'Service\Auth\Basic'             = @{ Key = 'Service'; Name = 'AllowBasic'; Map = 'bool' }
    'Service\Auth\CredSSP'           = @{ Key = 'Service'; Name = 'AllowCredSSP'; Map = 'bool' }
    'Service\Auth\Kerberos'          = @{ Key = 'Service'; Name = 'AllowKerberos'; Map = 'bool' }
    'Service\Auth\Negotiate'         = @{ Key = 'Service'; Name = 'AllowNegotiate'; Map = 'bool' }
    'Service\Auth\CbtHardeningLevel' = @{ Key = 'Service'; Name = 'CbtHardeningLevel'; Map = 'string' }
    'Service\IPv4Filter'             = @{ Key = 'Service'; Name = 'IPv4Filter'; Map = 'string' }
    'Service\IPv6Filter'             = @{ Key = 'Service'; Name = 'IPv6Filter'; Map = 'string' }
    'Client\AllowUnencrypted'        = @{ Key = 'Client'; Name = 'AllowUnencryptedTraffic'; Map = 'bool' }
    'Client\Auth\Basic'              = @{ Key = 'Client'; Name = 'AllowBasic'; Map = 'bool' }
    'Client\Auth\Digest'             = @{ Key = 'Client'; Name = 'AllowDigest'; Map = 'bool' }
    'Client\Auth\CredSSP'            = @{ Key = 'Client'; Name = 'AllowCredSSP'; Map = 'bool' }
    'Client\Auth\Kerberos'           = @{ Key = 'Client'; Name = 'AllowKerberos'; Map = 'bool' }
    'Client\Auth\Negotiate'          = @{ Key = 'Client'; Name = 'AllowNegotiate'; Map = 'bool' }
    'Client\TrustedHosts'            = @{ Key = 'Client'; Name = 'TrustedHosts'; Map = 'trustedhosts' }
}
$script:SimWinRMPolicyRoot = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM'

$script:SimWSManKeyMap = [System.Collections.Generic.Dictionary[string, string]]::new([StringComparer]::OrdinalIgnoreCase)
foreach ($k in (New-SimWSManConfig).Keys) { $script:SimWSManKeyMap[$k] = $k }

function Get-SimWSManConfigKey {
    param([string]$ConfigKey)
    $canonical = $null
    if ($script:SimWSManKeyMap.TryGetValue($ConfigKey, [ref]$canonical)) { return $canonical }
    $null
}

# The effective value of a configuration item and where it comes from ('' or 'GPO').
function Get-SimWSManValue {
    param([Parameter(Mandatory = $true)][string]$ConfigKey)
    $s = Get-SimState
    $k = Get-SimWSManConfigKey -ConfigKey $ConfigKey
    $local = [string]$s.WSMan.Config[$k]
    $policy = $script:SimWSManPolicies[$k]
    if ($policy -and $s.Registry.ContainsKey('HKLM:\SOFTWARE\POLICIES\MICROSOFT\WINDOWS\WINRM\' + $policy.Key.ToUpperInvariant())) {
        $pv = Get-SimRegistryValue -Path "$script:SimWinRMPolicyRoot\$($policy.Key)" -Name $policy.Name
        if ($pv) {
            switch ($policy.Map) {
                'bool' { return @{ Value = $(if ([int]$pv.Value -ne 0) { 'true' } else { 'false' }); Source = 'GPO' } }
                'string' { return @{ Value = [string]$pv.Value; Source = 'GPO' } }
                'trustedhosts' {
                    if ([int]$pv.Value -ne 0) {
                        $list = Get-SimRegistryValue -Path "$script:SimWinRMPolicyRoot\Client" -Name 'TrustedHostsList'
                        return @{ Value = $(if ($list) { [string]$list.Value } else { '' }); Source = 'GPO' }
                    }
                }
            }
        }
    }
    @{ Value = $local; Source = '' }
}

# Every configuration item's effective value and source at once.
function Get-SimWSManEffectiveMap {
    $s = Get-SimState
    $map = @{}
    $anyPolicy = $s.Registry.ContainsKey('HKLM:\SOFTWARE\POLICIES\MICROSOFT\WINDOWS\WINRM\SERVICE') -or $s.Registry.ContainsKey('HKLM:\SOFTWARE\POLICIES\MICROSOFT\WINDOWS\WINRM\CLIENT')
    foreach ($k in $s.WSMan.Config.Keys) {
        $map[$k] = if ($anyPolicy -and $script:SimWSManPolicies.ContainsKey($k)) { Get-SimWSManValue -ConfigKey $k } else { @{ Value = [string]$s.WSMan.Config[$k]; Source = '' } }
    }
    $map
}

function Test-SimWSManPolicyControlled {
    param([string]$ConfigKey)
    (Get-SimWSManValue -ConfigKey $ConfigKey).Source -eq 'GPO'
}

# Sets a configuration item as the WSMan provider / winrm set do; refuses policy-controlled ones.
function Set-SimWSManValue {
    param([Parameter(Mandatory = $true)][string]$ConfigKey, [AllowEmptyString()][string]$Value)
    $s = Get-SimState
    $k = Get-SimWSManConfigKey -ConfigKey $ConfigKey
    if (-not $k) { throw "SimHost: WSMan setting '$ConfigKey' does not exist." }
    $leaf = Get-SimLeafName -Full $k
    if (Test-SimWSManPolicyControlled -ConfigKey $k) {
        throw [System.InvalidOperationException]::new("The config setting $leaf cannot be changed because is controlled by policies. The policy would need to be set to `"Not Configured`" in order to change the config setting.")
    }
    $v = $Value
    if ($k -match $script:SimWSManBooleans) {
        if ($v -notin @('true', 'false', 'True', 'False')) { throw [System.InvalidOperationException]::new("The WS-Management service cannot process the request because the value '$Value' is not valid for $leaf (true or false).") }
        $v = $v.ToLowerInvariant()
    }
    if ($k -eq 'Service\Auth\CbtHardeningLevel') {
        $canonical = foreach ($x in @('None', 'Relaxed', 'Strict')) { if ($x -ieq $v) { $x } }
        if (-not $canonical) { throw [System.InvalidOperationException]::new("The WS-Management service cannot process the request because the value '$Value' is not valid for CbtHardeningLevel (None, Relaxed or Strict).") }
        $v = $canonical
    }
    if ($k -eq 'Client\TrustedHosts') { $v = $v.Trim() }
    $s.WSMan.Config[$k] = $v
}

# ---------------------------------------------------------------------------------------------
# Listeners: @{ Address; Transport; Port; Hostname; Enabled; URLPrefix; CertificateThumbprint }

function Get-SimListenerId {
    param([hashtable]$Listener)
    if ($Listener.Address -eq '*' -and $Listener.Transport -eq 'HTTP') { return 'Listener_1084132640' }
    if ($Listener.Address -eq '*' -and $Listener.Transport -eq 'HTTPS') { return 'Listener_1305953032' }
    'Listener_' + [Convert]::ToInt64((New-SimHex -Seed ('listener' + $Listener.Address + $Listener.Transport) -Length 7), 16)
}

function Find-SimListener {
    param([string]$Address, [string]$Transport)
    foreach ($l in (Get-SimState).WSMan.Listeners) { if ($l.Address -ieq $Address -and $l.Transport -ieq $Transport) { return $l } }
    $null
}

function New-SimListenerObject {
    param([hashtable]$Listener)
    [pscustomobject]@{
        cfg                   = 'http://schemas.microsoft.com/wbem/wsman/1/config/listener'
        Address               = $Listener.Address
        Transport             = $Listener.Transport
        Port                  = [string]$Listener.Port
        Hostname              = [string]$Listener.Hostname
        Enabled               = [string]$Listener.Enabled
        URLPrefix             = [string]$Listener.URLPrefix
        CertificateThumbprint = [string]$Listener.CertificateThumbprint
        ListeningOn           = @((Get-SimState).Host.Addresses + @('127.0.0.1', '::1'))
    }
}

# Checks an HTTPS listener's certificate as WinRM does when the listener is created or changed.
function Test-SimListenerCertificate {
    param([string]$Thumbprint, [string]$Hostname)
    $s = Get-SimState
    if (-not $Thumbprint) { return 'The WinRM client cannot process the request. An HTTPS listener needs a certificate thumbprint (CertificateThumbprint).' }
    $cert = $s.Certs['LOCALMACHINE\MY'][$Thumbprint.ToUpperInvariant()]
    if (-not $cert) { return 'The WS-Management service cannot find the certificate that was requested.' }
    if (-not $cert.HasPrivateKey) { return 'The WS-Management service cannot use the certificate: it has no private key.' }
    if (@($cert.Eku) -notcontains '1.3.6.1.5.5.7.3.1') { return 'The WS-Management service cannot use the certificate: it is not valid for Server Authentication.' }
    if ($Hostname) {
        $cn = if ($cert.Subject -match '(?:^|,\s*)CN=([^,]+)') { $Matches[1] } else { '' }
        if ($cn -ine $Hostname) { return "The WinRM client cannot process the request. The certificate's CN name and the hostname that were provided do not match." }
    }
    $null
}

# A remote session whose listener (or WinRM itself) goes away is cut off halfway.
function Invoke-SimSessionBreak {
    param([Parameter(Mandatory = $true)][string]$Reason)
    $s = Get-SimState
    if (-not $s.Session -or $s.Session.Lost) { return }
    $s.Session.Lost = $Reason
    throw [System.Management.Automation.PipelineStoppedException]::new()
}

function Test-SimSessionListener {
    param([hashtable]$Listener)
    $s = Get-SimState
    $s.Session -and $Listener.Transport -ieq $s.Session.Transport -and ([string]$Listener.Port -eq [string]$s.Session.Port)
}

function Remove-SimListener {
    param([hashtable]$Listener)
    $s = Get-SimState
    $s.WSMan.Listeners.Remove($Listener) | Out-Null
    if (Test-SimSessionListener -Listener $Listener) {
        $other = @($s.WSMan.Listeners | Where-Object { Test-SimSessionListener -Listener $_ })
        if (-not $other.Count) { Invoke-SimSessionBreak -Reason ("the {0} listener on port {1} that this remote session uses was removed" -f $Listener.Transport, $Listener.Port) }
    }
}

# ---------------------------------------------------------------------------------------------
# *-WSManInstance

function ConvertTo-SimResourceUri {
    param($ResourceURI)
    $u = ([string]$ResourceURI).Trim().TrimEnd('/')
    $u = $u -replace '^(?i)http://schemas\.microsoft\.com/wbem/wsman/1/config', 'winrm/config'
    $u.ToLowerInvariant()
}

function Get-SimSelectorListener {
    param([hashtable]$SelectorSet)
    $address = $null; $transport = $null
    foreach ($k in $SelectorSet.Keys) {
        if ($k -ieq 'Address') { $address = [string]$SelectorSet[$k] }
        elseif ($k -ieq 'Transport') { $transport = [string]$SelectorSet[$k] }
        else { throw [System.ArgumentException]::new("The WS-Management service cannot process the request because the selector $k is not valid for winrm/config/Listener.") }
    }
    if (-not $address -or -not $transport) { throw [System.ArgumentException]::new('The WS-Management service cannot process the request because the selector set is incomplete (Address and Transport).') }
    if ($transport -notin @('HTTP', 'HTTPS')) { throw [System.ArgumentException]::new("The WS-Management service cannot process the request because the transport '$transport' is not valid.") }
    @{ Address = $address; Transport = $transport.ToUpperInvariant() }
}

function Get-SimConfigSectionObject {
    param([string]$Prefix)
    $s = Get-SimState
    $h = [ordered]@{}
    foreach ($k in $s.WSMan.Config.Keys) {
        if ($k.StartsWith($Prefix + '\', [StringComparison]::OrdinalIgnoreCase)) {
            $rest = $k.Substring($Prefix.Length + 1)
            if ($rest.Contains('\')) { continue }
            $h[$rest] = (Get-SimWSManValue -ConfigKey $k).Value
        }
    }
    [pscustomobject]$h
}

$script:SimWSManRemoteParams = 'ApplicationName', 'ComputerName', 'ConnectionURI', 'Port', 'SessionOption', 'UseSSL', 'Credential', 'Authentication', 'CertificateThumbprint'

function Assert-SimWSManLocal {
    param($Cmdlet, [System.Collections.IDictionary]$Bound)
    foreach ($p in $script:SimWSManRemoteParams) {
        if ($Bound.ContainsKey($p) -and $p -ne 'ComputerName') { Stop-SimCommand -Cmdlet $Cmdlet -Message "SimHost: remote WS-Management calls ($p) are not simulated." -Id 'NotSimulated' }
    }
    if ($Bound.ContainsKey('ComputerName') -and [string]$Bound['ComputerName'] -notin @('localhost', '.', (Get-SimState).Host.Name)) {
        Stop-SimCommand -Cmdlet $Cmdlet -Message 'SimHost: remote WS-Management calls are not simulated.' -Id 'NotSimulated'
    }
}

function Get-WSManInstance {
    [CmdletBinding(DefaultParameterSetName = 'GetInstance')]
    param(
        [Parameter(ParameterSetName = 'GetInstance')][string]$ApplicationName,
        [Parameter(ParameterSetName = 'GetInstance')][Alias('Base')][switch]$BasePropertiesOnly,
        [Parameter(ParameterSetName = 'GetInstance')][Parameter(ParameterSetName = 'Enumerate')][Alias('CN')][string]$ComputerName,
        [Parameter(ParameterSetName = 'GetInstance')][Parameter(ParameterSetName = 'Enumerate')][Alias('CURI', 'CU')][uri]$ConnectionURI,
        [Parameter(ParameterSetName = 'GetInstance')][Parameter(ParameterSetName = 'Enumerate')][string]$Dialect,
        [Parameter(ParameterSetName = 'Enumerate', Mandatory = $true)][switch]$Enumerate,
        [Parameter(ParameterSetName = 'Enumerate')][string]$Filter,
        [Parameter(ParameterSetName = 'GetInstance')][string]$Fragment,
        [Parameter(ParameterSetName = 'GetInstance')][Parameter(ParameterSetName = 'Enumerate')][Alias('OS')][hashtable]$OptionSet,
        [Parameter(ParameterSetName = 'GetInstance')][Parameter(ParameterSetName = 'Enumerate')][int]$Port,
        [Parameter(ParameterSetName = 'Enumerate')][switch]$Associations,
        [Parameter(Mandatory = $true, Position = 0)][Alias('RURI')][uri]$ResourceURI,
        [Parameter(ParameterSetName = 'Enumerate')][Alias('RT')][ValidateSet('Object', 'EPR', 'ObjectAndEPR')][string]$ReturnType,
        [Parameter(ParameterSetName = 'GetInstance')][Alias('SS')][hashtable]$SelectorSet,
        [Parameter(ParameterSetName = 'GetInstance')][Parameter(ParameterSetName = 'Enumerate')][Alias('SO')][object]$SessionOption,
        [Parameter(ParameterSetName = 'Enumerate')][switch]$Shallow,
        [Parameter(ParameterSetName = 'GetInstance')][Parameter(ParameterSetName = 'Enumerate')][Alias('SSL')][switch]$UseSSL,
        [pscredential]$Credential,
        [Alias('auth', 'am')][ValidateSet('None', 'Default', 'Digest', 'Negotiate', 'Basic', 'Kerberos', 'ClientCertificate', 'Credssp')][string]$Authentication,
        [string]$CertificateThumbprint
    )
    Add-SimCall -Name 'Get-WSManInstance' -Bound $PSBoundParameters
    Assert-SimWSManLocal -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $s = Get-SimState
    if ($s.Services['WINRM'].Status -ne 'Running') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The client cannot connect to the destination specified in the request. Verify that the service on the destination is running and is accepting requests.' -Id 'WsManError' -Category InvalidOperation }
    $uri = ConvertTo-SimResourceUri $ResourceURI
    switch ($uri) {
        'winrm/config/listener' {
            if ($Enumerate) { foreach ($l in @($s.WSMan.Listeners)) { New-SimListenerObject -Listener $l }; return }
            if (-not $SelectorSet) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The WS-Management service cannot process the request because the request needs a selector set for winrm/config/Listener.' -Id 'WsManError' }
            try { $sel = Get-SimSelectorListener -SelectorSet $SelectorSet } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'WsManError' -Category InvalidArgument }
            $l = Find-SimListener -Address $sel.Address -Transport $sel.Transport
            if (-not $l) { Write-SimError -Cmdlet $PSCmdlet -Message 'The WS-Management service cannot find the resource identified by the resource URI and selectors.' -Id 'WsManError' -Category ObjectNotFound; return }
            New-SimListenerObject -Listener $l
        }
        'winrm/config/service' { Get-SimConfigSectionObject -Prefix 'Service' }
        'winrm/config/service/auth' { Get-SimConfigSectionObject -Prefix 'Service\Auth' }
        'winrm/config/client' { Get-SimConfigSectionObject -Prefix 'Client' }
        'winrm/config/client/auth' { Get-SimConfigSectionObject -Prefix 'Client\Auth' }
        'winrm/config/winrs' { Get-SimConfigSectionObject -Prefix 'Shell' }
        default { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: resource URI '$ResourceURI' is not simulated." -Id 'NotSimulated' }
    }
}

function New-WSManInstance {
    [CmdletBinding(DefaultParameterSetName = 'ComputerName')]
    param(
        [Parameter(ParameterSetName = 'ComputerName')][string]$ApplicationName,
        [Parameter(ParameterSetName = 'ComputerName')][Alias('CN')][string]$ComputerName,
        [Parameter(ParameterSetName = 'URI')][Alias('CURI', 'CU')][uri]$ConnectionURI,
        [ValidateNotNullOrEmpty()][string]$FilePath,
        [Alias('OS')][hashtable]$OptionSet,
        [Parameter(ParameterSetName = 'ComputerName')][int]$Port,
        [Parameter(Mandatory = $true, Position = 0)][Alias('RURI')][uri]$ResourceURI,
        [Parameter(Mandatory = $true, Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][hashtable]$SelectorSet,
        [Alias('SO')][object]$SessionOption,
        [Parameter(ParameterSetName = 'ComputerName')][Alias('SSL')][switch]$UseSSL,
        [hashtable]$ValueSet,
        [pscredential]$Credential,
        [Alias('auth', 'am')][ValidateSet('None', 'Default', 'Digest', 'Negotiate', 'Basic', 'Kerberos', 'ClientCertificate', 'Credssp')][string]$Authentication,
        [string]$CertificateThumbprint
    )
    process {
        Add-SimCall -Name 'New-WSManInstance' -Bound $PSBoundParameters
        Assert-SimWSManLocal -Cmdlet $PSCmdlet -Bound $PSBoundParameters
        $s = Get-SimState
        if ((ConvertTo-SimResourceUri $ResourceURI) -ne 'winrm/config/listener') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: New-WSManInstance for '$ResourceURI' is not simulated." -Id 'NotSimulated' }
        try { $sel = Get-SimSelectorListener -SelectorSet $SelectorSet } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'WsManError' -Category InvalidArgument }
        if (Find-SimListener -Address $sel.Address -Transport $sel.Transport) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The WS-Management service cannot create the resource because it already exists.' -Id 'WsManError' -Category ResourceExists }
        $listener = [ordered]@{ Address = $sel.Address; Transport = $sel.Transport; Port = $(if ($sel.Transport -eq 'HTTPS') { '5986' } else { '5985' }); Hostname = ''; Enabled = 'true'; URLPrefix = 'wsman'; CertificateThumbprint = '' }
        $values = @{}
        if ($ValueSet) { foreach ($k in $ValueSet.Keys) { $values[$k] = $ValueSet[$k] } }
        foreach ($k in $values.Keys) {
            $name = @('Port', 'Hostname', 'Enabled', 'URLPrefix', 'CertificateThumbprint') | Where-Object { $_ -ieq $k }
            if (-not $name) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The WS-Management service cannot process the request because the property $k is not valid for a listener." -Id 'WsManError' -Category InvalidArgument }
            $listener[$name] = [string]$values[$k]
        }
        if ($listener.Transport -eq 'HTTPS') {
            $problem = Test-SimListenerCertificate -Thumbprint $listener.CertificateThumbprint -Hostname $listener.Hostname
            if ($problem) { Stop-SimCommand -Cmdlet $PSCmdlet -Message $problem -Id 'WsManError' }
            $listener.CertificateThumbprint = $listener.CertificateThumbprint.ToUpperInvariant()
        }
        $h = @{}; foreach ($k in $listener.Keys) { $h[$k] = $listener[$k] }
        $s.WSMan.Listeners.Add($h)
        [pscustomobject]@{ ResourceURI = 'http://schemas.microsoft.com/wbem/wsman/1/config/listener'; SelectorSet = @{ Address = $h.Address; Transport = $h.Transport } }
    }
}

function Set-WSManInstance {
    [CmdletBinding(DefaultParameterSetName = 'ComputerName')]
    param(
        [Parameter(ParameterSetName = 'ComputerName')][string]$ApplicationName,
        [Parameter(ParameterSetName = 'ComputerName')][Alias('CN')][string]$ComputerName,
        [Parameter(ParameterSetName = 'URI')][Alias('CURI', 'CU')][uri]$ConnectionURI,
        [string]$Dialect,
        [ValidateNotNullOrEmpty()][string]$FilePath,
        [string]$Fragment,
        [Alias('OS')][hashtable]$OptionSet,
        [Parameter(ParameterSetName = 'ComputerName')][int]$Port,
        [Parameter(Mandatory = $true, Position = 0)][Alias('RURI')][uri]$ResourceURI,
        [Parameter(Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][hashtable]$SelectorSet,
        [Alias('SO')][object]$SessionOption,
        [Parameter(ParameterSetName = 'ComputerName')][Alias('SSL')][switch]$UseSSL,
        [hashtable]$ValueSet,
        [pscredential]$Credential,
        [Alias('auth', 'am')][ValidateSet('None', 'Default', 'Digest', 'Negotiate', 'Basic', 'Kerberos', 'ClientCertificate', 'Credssp')][string]$Authentication,
        [string]$CertificateThumbprint
    )
    process {
        Add-SimCall -Name 'Set-WSManInstance' -Bound $PSBoundParameters
        Assert-SimWSManLocal -Cmdlet $PSCmdlet -Bound $PSBoundParameters
        $uri = ConvertTo-SimResourceUri $ResourceURI
        if ($uri -eq 'winrm/config/listener') {
            if (-not $SelectorSet) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The WS-Management service cannot process the request because the request needs a selector set for winrm/config/Listener.' -Id 'WsManError' }
            try { $sel = Get-SimSelectorListener -SelectorSet $SelectorSet } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'WsManError' -Category InvalidArgument }
            $l = Find-SimListener -Address $sel.Address -Transport $sel.Transport
            if (-not $l) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The WS-Management service cannot find the resource identified by the resource URI and selectors.' -Id 'WsManError' -Category ObjectNotFound }
            $candidate = @{}; foreach ($k in $l.Keys) { $candidate[$k] = $l[$k] }
            foreach ($k in @($ValueSet.Keys)) {
                $name = @('Port', 'Hostname', 'Enabled', 'URLPrefix', 'CertificateThumbprint') | Where-Object { $_ -ieq $k }
                if (-not $name) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The WS-Management service cannot process the request because the property $k is not valid for a listener." -Id 'WsManError' -Category InvalidArgument }
                $candidate[$name] = [string]$ValueSet[$k]
            }
            if ($candidate.Transport -eq 'HTTPS') {
                $problem = Test-SimListenerCertificate -Thumbprint $candidate.CertificateThumbprint -Hostname $candidate.Hostname
                if ($problem) { Stop-SimCommand -Cmdlet $PSCmdlet -Message $problem -Id 'WsManError' }
                $candidate.CertificateThumbprint = $candidate.CertificateThumbprint.ToUpperInvariant()
            }
            $breaks = (Test-SimSessionListener -Listener $l) -and ($candidate.Port -ne $l.Port -or $candidate.Enabled -ne $l.Enabled)
            foreach ($k in $candidate.Keys) { $l[$k] = $candidate[$k] }
            if ($breaks) { Invoke-SimSessionBreak -Reason 'the port or state of the listener this remote session uses was changed' }
            return New-SimListenerObject -Listener $l
        }
        $prefix = switch ($uri) {
            'winrm/config/service' { 'Service' } 'winrm/config/service/auth' { 'Service\Auth' }
            'winrm/config/client' { 'Client' } 'winrm/config/client/auth' { 'Client\Auth' } 'winrm/config/winrs' { 'Shell' }
            default { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: Set-WSManInstance for '$ResourceURI' is not simulated." -Id 'NotSimulated' }
        }
        foreach ($k in @($ValueSet.Keys)) {
            $key = Get-SimWSManConfigKey -ConfigKey "$prefix\$k"
            if (-not $key) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The WS-Management service cannot process the request because the property $k is not valid for $uri." -Id 'WsManError' -Category InvalidArgument }
            try { Set-SimWSManValue -ConfigKey $key -Value ([string]$ValueSet[$k]) } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'WsManError' }
        }
        Get-SimConfigSectionObject -Prefix $prefix
    }
}

function Remove-WSManInstance {
    [CmdletBinding(DefaultParameterSetName = 'ComputerName')]
    param(
        [Parameter(ParameterSetName = 'ComputerName')][string]$ApplicationName,
        [Parameter(ParameterSetName = 'ComputerName')][Alias('CN')][string]$ComputerName,
        [Parameter(ParameterSetName = 'URI')][Alias('CURI', 'CU')][uri]$ConnectionURI,
        [Alias('OS')][hashtable]$OptionSet,
        [Parameter(ParameterSetName = 'ComputerName')][int]$Port,
        [Parameter(Mandatory = $true, Position = 0)][Alias('RURI')][uri]$ResourceURI,
        [Parameter(Mandatory = $true, Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][hashtable]$SelectorSet,
        [Alias('SO')][object]$SessionOption,
        [Parameter(ParameterSetName = 'ComputerName')][Alias('SSL')][switch]$UseSSL,
        [pscredential]$Credential,
        [Alias('auth', 'am')][ValidateSet('None', 'Default', 'Digest', 'Negotiate', 'Basic', 'Kerberos', 'ClientCertificate', 'Credssp')][string]$Authentication,
        [string]$CertificateThumbprint
    )
    process {
        Add-SimCall -Name 'Remove-WSManInstance' -Bound $PSBoundParameters
        Assert-SimWSManLocal -Cmdlet $PSCmdlet -Bound $PSBoundParameters
        if ((ConvertTo-SimResourceUri $ResourceURI) -ne 'winrm/config/listener') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: Remove-WSManInstance for '$ResourceURI' is not simulated." -Id 'NotSimulated' }
        try { $sel = Get-SimSelectorListener -SelectorSet $SelectorSet } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'WsManError' -Category InvalidArgument }
        $l = Find-SimListener -Address $sel.Address -Transport $sel.Transport
        if (-not $l) { Write-SimError -Cmdlet $PSCmdlet -Message 'The WS-Management service cannot find the resource identified by the resource URI and selectors.' -Id 'WsManError' -Category ObjectNotFound; return }
        Remove-SimListener -Listener $l
    }
}

# ---------------------------------------------------------------------------------------------
# CredSSP. Enable-WSManCredSSP -Role Client writes the AllowFreshCredentials policy (wsman/<name>);
# Disable-WSManCredSSP -Role Client removes every wsman/* entry (PowerShell's CredSSP.cs).

$script:SimCredDelegationKey = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'

function Assert-SimElevated {
    param($Cmdlet)
    $s = Get-SimState
    if (-not ($s.User.Elevated -and (Test-SimUserInGroup -Sid 'S-1-5-32-544'))) {
        Stop-SimCommand -Cmdlet $Cmdlet -Message 'Access is denied. You need to run this cmdlet from an elevated process.' -Id 'AccessDenied' -Category PermissionDenied
    }
}

function Enable-WSManCredSSP {
    [CmdletBinding()]
    param(
        [Parameter(Position = 1)][ValidateNotNullOrEmpty()][string[]]$DelegateComputer,
        [switch]$Force,
        [Parameter(Mandatory = $true, Position = 0)][ValidateSet('Client', 'Server')][string]$Role
    )
    Add-SimCall -Name 'Enable-WSManCredSSP' -Bound $PSBoundParameters
    Assert-SimElevated -Cmdlet $PSCmdlet
    if ($DelegateComputer -and $Role -ne 'Client') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'DelegateComputer cannot be specified when Role is Server.' -Id 'InvalidOperation' }
    if ($Role -eq 'Client' -and -not $DelegateComputer) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'DelegateComputer must be specified when Role is Client.' -Id 'InvalidOperation' }
    if (-not $Force) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: Enable-WSManCredSSP asks for confirmation without -Force, which fails in a non-interactive session.' -Id 'ConfirmationNeeded' }
    $key = if ($Role -eq 'Client') { 'Client\Auth\CredSSP' } else { 'Service\Auth\CredSSP' }
    try { Set-SimWSManValue -ConfigKey $key -Value 'true' } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'WsManError' }
    if ($Role -eq 'Client') {
        Set-SimRegistryValue -Path $script:SimCredDelegationKey -Name 'AllowFreshCredentials' -Value 1 -Kind DWord -CreateKey
        Set-SimRegistryValue -Path $script:SimCredDelegationKey -Name 'ConcatenateDefaults_AllowFresh' -Value 1 -Kind DWord -CreateKey
        $list = "$script:SimCredDelegationKey\AllowFreshCredentials"
        $k = Get-SimRegistryKey -Path $list
        if (-not $k) { $k = New-SimRegistryKey -Path $list -Force }
        $i = $k.Values.Count
        foreach ($d in $DelegateComputer) { $i++; Set-SimRegistryValue -Path $list -Name ([string]$i) -Value ('wsman/' + $d) -Kind String }
    }
    [pscustomobject]@{ cfg = 'http://schemas.microsoft.com/wbem/wsman/1/config/' + $Role.ToLowerInvariant() + '/auth'; CredSSP = 'true' }
}

function Disable-WSManCredSSP {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][ValidateSet('Client', 'Server')][string]$Role)
    Add-SimCall -Name 'Disable-WSManCredSSP' -Bound $PSBoundParameters
    Assert-SimElevated -Cmdlet $PSCmdlet
    $key = if ($Role -eq 'Client') { 'Client\Auth\CredSSP' } else { 'Service\Auth\CredSSP' }
    try { Set-SimWSManValue -ConfigKey $key -Value 'false' } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'WsManError' }
    if ($Role -ne 'Client') { return }
    $list = "$script:SimCredDelegationKey\AllowFreshCredentials"
    $k = Get-SimRegistryKey -Path $list
    $others = @()
    if ($k) {
        $others = @($k.Values.Values | Sort-Object { [int]($_.Name -replace '\D', '0') } | Where-Object { -not ([string]$_.Value).StartsWith('wsman', [StringComparison]::OrdinalIgnoreCase) } | ForEach-Object { [string]$_.Value })
        $k.Values.Clear()
        $i = 0
        foreach ($v in $others) { $i++; Set-SimRegistryValue -Path $list -Name ([string]$i) -Value $v -Kind String }
    }
    if ($others.Count -eq 0) {
        Remove-SimRegistryValue -Path $script:SimCredDelegationKey -Name 'AllowFreshCredentials'
        Remove-SimRegistryValue -Path $script:SimCredDelegationKey -Name 'ConcatenateDefaults_AllowFresh'
        if ($k) { $null = Remove-SimRegistryKey -Key $k.Path.ToUpperInvariant() -Recurse }
    }
}

function Get-WSManCredSSP {
    [CmdletBinding()]
    param()
    Add-SimCall -Name 'Get-WSManCredSSP' -Bound $PSBoundParameters
    Assert-SimElevated -Cmdlet $PSCmdlet
    $k = Get-SimRegistryKey -Path "$script:SimCredDelegationKey\AllowFreshCredentials"
    $targets = @()
    if ($k) { $targets = @($k.Values.Values | ForEach-Object { [string]$_.Value } | Where-Object { $_.StartsWith('wsman', [StringComparison]::OrdinalIgnoreCase) }) }
    if ($targets.Count) { 'The machine is configured to allow delegating fresh credentials to the following target(s): ' + ($targets -join ',') }
    else { 'The machine is not configured to allow delegating fresh credentials.' }
    if ((Get-SimWSManValue -ConfigKey 'Service\Auth\CredSSP').Value -eq 'true') { 'This computer is configured to receive credentials from a remote client computer.' }
    else { 'This computer is not configured to receive credentials from a remote client computer.' }
}
