# Windows Firewall rules and network profiles (NetSecurity / NetConnection cmdlets).
#
# A rule: @{ Name; DisplayName; Description; Group; Enabled = 'True'|'False'; Profile = 'Any' |
#   'Domain, Private' ...; Direction; Action; Protocol; LocalPort = @(); RemoteAddress = @();
#   LocalAddress = @() }

$script:SimAddressKeywords = @('Any', 'LocalSubnet', 'LocalSubnet4', 'LocalSubnet6', 'DNS', 'DNS4', 'DNS6', 'DHCP', 'DHCP4', 'DHCP6', 'WINS', 'WINS4', 'WINS6',
    'DefaultGateway', 'DefaultGateway4', 'DefaultGateway6', 'Internet', 'Internet4', 'Internet6', 'Intranet', 'Intranet4', 'Intranet6',
    'IntranetRemoteAccess', 'IntranetRemoteAccess4', 'IntranetRemoteAccess6', 'PlayToDevice', 'PlayToDevice4', 'PlayToDevice6')

function ConvertTo-SimProfileText {
    param([int]$Value)
    if ($Value -eq 0) { return 'Any' }
    [string][SimFirewallProfile]$Value
}

# Validates one address as the firewall does and returns it the way Get-NetFirewallAddressFilter
# shows it (IPv4 prefixes as a dotted mask); throws on an invalid one.
function ConvertTo-SimFirewallAddress {
    param([Parameter(Mandatory = $true)][string]$Address)
    $a = $Address.Trim()
    $kw = foreach ($x in $script:SimAddressKeywords) { if ($x -ieq $a) { $x } }
    if ($kw) { return $kw }
    $ip = $null
    if ($a -match '^([^/]+)/(\d+)$') {
        if (-not [System.Net.IPAddress]::TryParse($Matches[1], [ref]$ip)) { throw 'invalid' }
        $len = [int]$Matches[2]
        if ($ip.AddressFamily -eq 'InterNetwork') {
            if ($len -gt 32) { throw 'invalid' }
            $mask = if ($len -eq 0) { 0L } else { ((0xFFFFFFFFL -shl (32 - $len)) -band 0xFFFFFFFFL) }
            $dotted = '{0}.{1}.{2}.{3}' -f (($mask -shr 24) -band 255), (($mask -shr 16) -band 255), (($mask -shr 8) -band 255), ($mask -band 255)
            return "$($ip.IPAddressToString)/$dotted"
        }
        if ($len -gt 128) { throw 'invalid' }
        return "$($ip.IPAddressToString)/$len"
    }
    if ($a -match '^([^/]+)/([0-9.]+)$') {
        $m = $null
        if (-not [System.Net.IPAddress]::TryParse($Matches[1], [ref]$ip) -or -not [System.Net.IPAddress]::TryParse($Matches[2], [ref]$m)) { throw 'invalid' }
        return "$($ip.IPAddressToString)/$($m.IPAddressToString)"
    }
    if ($a -match '^([^-]+)-([^-]+)$') {
        $lo = $null; $hi = $null
        if (-not [System.Net.IPAddress]::TryParse($Matches[1], [ref]$lo) -or -not [System.Net.IPAddress]::TryParse($Matches[2], [ref]$hi)) { throw 'invalid' }
        if ($lo.AddressFamily -ne $hi.AddressFamily) { throw 'invalid' }
        return "$($lo.IPAddressToString)-$($hi.IPAddressToString)"
    }
    if ([System.Net.IPAddress]::TryParse($a, [ref]$ip)) { return $ip.IPAddressToString }
    throw 'invalid'
}

function ConvertTo-SimFirewallAddressList {
    param($Cmdlet, [string[]]$Addresses)
    $out = foreach ($a in $Addresses) {
        try { ConvertTo-SimFirewallAddress -Address $a }
        catch {
            Stop-SimCommand -Cmdlet $Cmdlet -Message 'The address is invalid. Addresses may be specified as IP addresses, ranges, or subnets. Also, the following address keywords are allowed in certain places: LocalSubnet, DNS, DHCP, WINS, DefaultGateway, Internet, Intranet, IntranetRemoteAccess, PlayToDevice. Keywords can be restricted to IPv4 or IPv6 by appending a 4 or a 6.' -Id 'HRESULT 0x80070057,New-NetFirewallRule' -Category InvalidArgument -Target $a
        }
    }
    $list = @($out)
    if ($list.Count -gt 1 -and $list -contains 'Any') { Stop-SimCommand -Cmdlet $Cmdlet -Message "The address keyword 'Any' cannot be combined with other addresses." -Id 'HRESULT 0x80070057' -Category InvalidArgument }
    $list
}

function ConvertTo-SimRuleObject {
    param([hashtable]$Rule, [string]$Store)
    [pscustomobject]@{
        PSTypeName        = 'SimHost#Microsoft.Management.Infrastructure.CimInstance#root/standardcimv2/MSFT_NetFirewallRule'
        Name              = $Rule.Name
        ID                = $Rule.Name
        InstanceID        = $Rule.Name
        DisplayName       = $Rule.DisplayName
        Description       = [string]$Rule.Description
        Group             = [string]$Rule.Group
        DisplayGroup      = [string]$Rule.DisplayGroup
        Enabled           = $Rule.Enabled
        Profile           = $Rule.Profile
        Direction         = $Rule.Direction
        Action            = $Rule.Action
        EdgeTraversalPolicy = 'Block'
        PrimaryStatus     = 'OK'
        Status            = 'The rule was parsed successfully from the store. (65536)'
        PolicyStoreSource = $(if ($Store) { $Store } else { 'PersistentStore' })
        PolicyStoreSourceType = $(if ($Store) { 'GroupPolicy' } else { 'Local' })
    }
}

function Find-SimRules {
    param([string[]]$Name, [string[]]$DisplayName, [string[]]$DisplayGroup, [string[]]$Group, [object[]]$InputObject, [hashtable]$Rules)
    $rules = if ($null -ne $Rules) { $Rules } else { (Get-SimState).Firewall.Rules }
    $out = [System.Collections.Generic.List[object]]::new()
    $names = [string[]]@($rules.Keys)
    [Array]::Sort($names, [StringComparer]::Ordinal)
    foreach ($key in $names) {
        $r = $rules[$key]
        $hit = $false
        if ($Name) { foreach ($n in $Name) { if ($r.Name -like $n) { $hit = $true } } }
        if ($DisplayName) { foreach ($n in $DisplayName) { if ($r.DisplayName -like $n) { $hit = $true } } }
        if ($DisplayGroup) { foreach ($n in $DisplayGroup) { if ([string]$r.DisplayGroup -like $n) { $hit = $true } } }
        if ($Group) { foreach ($n in $Group) { if ([string]$r.Group -like $n) { $hit = $true } } }
        if ($InputObject) { foreach ($o in $InputObject) { if ([string]$o.Name -eq $r.Name) { $hit = $true } } }
        if ($hit) { $out.Add($r) }
    }
    , $out
}

function Write-SimRuleNotFound {
    param($Cmdlet, [string]$Property, [string[]]$Values)
    foreach ($v in $Values) {
        if (Test-SimWildcard $v) { continue }
        Write-SimError -Cmdlet $Cmdlet -Message ("No MSFT_NetFirewallRule objects found with property '{0}' equal to '{1}'.  Verify the value of the property and retry." -f $Property, $v) -Id "CmdletizationQuery_NotFound_$Property,Get-NetFirewallRule" -Category ObjectNotFound -Target $v
    }
}

function Get-NetFirewallRule {
    [CmdletBinding(DefaultParameterSetName = 'All')]
    param(
        [Parameter(ParameterSetName = 'All')][switch]$All,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][Alias('ID')][string[]]$Name,
        [Parameter(ParameterSetName = 'ByDisplayName', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string[]]$DisplayName,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$Description,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$DisplayGroup,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$Group,
        [Parameter(ParameterSetName = 'ByQuery')][SimFirewallEnabled[]]$Enabled,
        [Parameter(ParameterSetName = 'ByQuery')][ValidateSet('Inbound', 'Outbound')][string[]]$Direction,
        [Parameter(ParameterSetName = 'ByQuery')][ValidateSet('NotConfigured', 'Allow', 'Block')][string[]]$Action,
        [string]$PolicyStore,
        [string]$GPOSession,
        [switch]$TracePolicyStore,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob
    )
    process {
        Add-SimCall -Name 'Get-NetFirewallRule' -Bound $PSBoundParameters
        $fw = Get-SimFirewallStore -Cmdlet $PSCmdlet -PolicyStore $PolicyStore
        $rules = $fw.Rules
        switch ($PSCmdlet.ParameterSetName) {
            'ByName' { $found = Find-SimRules -Name $Name -Rules $rules; foreach ($r in $found) { ConvertTo-SimRuleObject $r -Store $fw.Store }; if (-not $found.Count) { Write-SimRuleNotFound -Cmdlet $PSCmdlet -Property 'ID' -Values $Name } }
            'ByDisplayName' { $found = Find-SimRules -DisplayName $DisplayName -Rules $rules; foreach ($r in $found) { ConvertTo-SimRuleObject $r -Store $fw.Store }; if (-not $found.Count) { Write-SimRuleNotFound -Cmdlet $PSCmdlet -Property 'DisplayName' -Values $DisplayName } }
            default {
                foreach ($r in @($rules.Values | Sort-Object { $_.Name })) {
                    if ($DisplayGroup -and -not ($DisplayGroup | Where-Object { [string]$r.DisplayGroup -like $_ })) { continue }
                    if ($Group -and -not ($Group | Where-Object { [string]$r.Group -like $_ })) { continue }
                    if ($Enabled -and ($Enabled | ForEach-Object { [string]$_ }) -notcontains $r.Enabled) { continue }
                    if ($Direction -and $Direction -notcontains $r.Direction) { continue }
                    if ($Action -and $Action -notcontains $r.Action) { continue }
                    ConvertTo-SimRuleObject $r -Store $fw.Store
                }
            }
        }
    }
}

function New-NetFirewallRule {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [string]$PolicyStore,
        [string]$GPOSession,
        [string]$Name,
        [Parameter(Mandatory = $true)][string]$DisplayName,
        [string]$Description,
        [string]$Group,
        [SimFirewallEnabled]$Enabled = 'True',
        [SimFirewallProfile]$Profile = 'Any',
        [string[]]$Platform,
        [ValidateSet('Inbound', 'Outbound')][string]$Direction = 'Inbound',
        [ValidateSet('NotConfigured', 'Allow', 'Block')][string]$Action = 'Allow',
        [ValidateSet('Block', 'Allow', 'DeferToUser', 'DeferToApp')][string]$EdgeTraversalPolicy,
        [bool]$LooseSourceMapping,
        [bool]$LocalOnlyMapping,
        [string]$Owner,
        [string[]]$LocalAddress,
        [string[]]$RemoteAddress,
        [string]$Protocol,
        [string[]]$LocalPort,
        [string[]]$RemotePort,
        [string[]]$IcmpType,
        [string]$DynamicTarget,
        [string]$Program,
        [string]$Package,
        [string]$Service,
        [string[]]$InterfaceAlias,
        [string]$InterfaceType,
        [string]$LocalUser,
        [string]$RemoteUser,
        [string]$RemoteMachine,
        [string]$Authentication,
        [string]$Encryption,
        [bool]$OverrideBlockRules,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob
    )
    Add-SimCall -Name 'New-NetFirewallRule' -Bound $PSBoundParameters
    # Writing into a GPO needs rights on the GPO, not an elevated session on this computer.
    $fw = Get-SimFirewallStore -Cmdlet $PSCmdlet -PolicyStore $PolicyStore
    if ($fw.Gpo) { Test-SimGpoEditRight -Cmdlet $PSCmdlet -Gpo $fw.Gpo } else { Assert-SimElevated -Cmdlet $PSCmdlet }
    $ruleName = if ($Name) { $Name } else { '{' + (New-SimHex -Seed ('rule' + $DisplayName + (New-SimCounter -Name 'rule')) -Length 32) + '}' }
    if ($fw.Rules.ContainsKey($ruleName.ToUpperInvariant())) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'Cannot create a file when that file already exists.' -Id 'Windows System Error 183,New-NetFirewallRule' -Category ResourceExists -Target $ruleName }
    if ($LocalPort -and $Protocol -notin @('TCP', 'UDP', '6', '17')) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The port is invalid. When Protocol is TCP or UDP, individual ports or ranges are allowed.' -Id 'HRESULT 0x80070057' -Category InvalidArgument }
    $remote = if ($PSBoundParameters.ContainsKey('RemoteAddress')) { ConvertTo-SimFirewallAddressList -Cmdlet $PSCmdlet -Addresses $RemoteAddress } else { @('Any') }
    $local = if ($PSBoundParameters.ContainsKey('LocalAddress')) { ConvertTo-SimFirewallAddressList -Cmdlet $PSCmdlet -Addresses $LocalAddress } else { @('Any') }
    $rule = @{
        Name = $ruleName; DisplayName = $DisplayName; Description = [string]$Description; Group = [string]$Group; DisplayGroup = [string]$Group
        Enabled = [string]$Enabled; Profile = (ConvertTo-SimProfileText ([int]$Profile)); Direction = $Direction; Action = $Action
        Protocol = $(if ($Protocol) { $Protocol.ToUpperInvariant() } else { 'Any' }); LocalPort = @($(if ($LocalPort) { $LocalPort } else { 'Any' })); RemoteAddress = @($remote); LocalAddress = @($local)
    }
    $fw.Rules[$ruleName.ToUpperInvariant()] = $rule
    if ($fw.Gpo) { Set-SimGpoModified -Gpo $fw.Gpo }
    ConvertTo-SimRuleObject $rule -Store $fw.Store
}

function Get-SimRuleTargets {
    param($Cmdlet, [string]$Set, [string[]]$Name, [string[]]$DisplayName, [object[]]$InputObject, [string[]]$DisplayGroup, [string[]]$Group, [hashtable]$Rules)
    switch ($Set) {
        'ByName' { $r = Find-SimRules -Name $Name -Rules $Rules; if (-not $r.Count) { Write-SimRuleNotFound -Cmdlet $Cmdlet -Property 'ID' -Values $Name }; return , $r }
        'ByDisplayName' { $r = Find-SimRules -DisplayName $DisplayName -Rules $Rules; if (-not $r.Count) { Write-SimRuleNotFound -Cmdlet $Cmdlet -Property 'DisplayName' -Values $DisplayName }; return , $r }
        'InputObject' { return , (Find-SimRules -InputObject $InputObject -Rules $Rules) }
        'ByQuery' { return , (Find-SimRules -DisplayGroup $DisplayGroup -Group $Group -Rules $Rules) }
    }
    , ([System.Collections.Generic.List[object]]::new())
}

function Set-NetFirewallRule {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][Alias('ID')][string[]]$Name,
        [Parameter(ParameterSetName = 'ByDisplayName', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string[]]$DisplayName,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$DisplayGroup,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$Group,
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, ValueFromPipeline = $true)][object[]]$InputObject,
        [string]$PolicyStore,
        [string]$GPOSession,
        [string]$NewDisplayName,
        [string]$Description,
        [SimFirewallEnabled]$Enabled,
        [SimFirewallProfile]$Profile,
        [string[]]$Platform,
        [ValidateSet('Inbound', 'Outbound')][string]$Direction,
        [ValidateSet('NotConfigured', 'Allow', 'Block')][string]$Action,
        [string[]]$LocalAddress,
        [string[]]$RemoteAddress,
        [string]$Protocol,
        [string[]]$LocalPort,
        [string[]]$RemotePort,
        [string]$Program,
        [string]$Service,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob,
        [switch]$PassThru
    )
    process {
        Add-SimCall -Name 'Set-NetFirewallRule' -Bound $PSBoundParameters
        $fw = Get-SimFirewallStore -Cmdlet $PSCmdlet -PolicyStore $PolicyStore
        if ($fw.Gpo) { Test-SimGpoEditRight -Cmdlet $PSCmdlet -Gpo $fw.Gpo; Set-SimGpoModified -Gpo $fw.Gpo } else { Assert-SimElevated -Cmdlet $PSCmdlet }
        $targets = Get-SimRuleTargets -Cmdlet $PSCmdlet -Set $PSCmdlet.ParameterSetName -Name $Name -DisplayName $DisplayName -InputObject $InputObject -DisplayGroup $DisplayGroup -Group $Group -Rules $fw.Rules
        $remote = if ($PSBoundParameters.ContainsKey('RemoteAddress')) { ConvertTo-SimFirewallAddressList -Cmdlet $PSCmdlet -Addresses $RemoteAddress } else { $null }
        $local = if ($PSBoundParameters.ContainsKey('LocalAddress')) { ConvertTo-SimFirewallAddressList -Cmdlet $PSCmdlet -Addresses $LocalAddress } else { $null }
        foreach ($r in $targets) {
            if ($PSBoundParameters.ContainsKey('NewDisplayName')) { $r.DisplayName = $NewDisplayName }
            if ($PSBoundParameters.ContainsKey('Description')) { $r.Description = $Description }
            if ($PSBoundParameters.ContainsKey('Enabled')) { $r.Enabled = [string]$Enabled }
            if ($PSBoundParameters.ContainsKey('Profile')) { $r.Profile = ConvertTo-SimProfileText ([int]$Profile) }
            if ($PSBoundParameters.ContainsKey('Direction')) { $r.Direction = $Direction }
            if ($PSBoundParameters.ContainsKey('Action')) { $r.Action = $Action }
            if ($null -ne $remote) { $r.RemoteAddress = @($remote) }
            if ($null -ne $local) { $r.LocalAddress = @($local) }
            if ($PSBoundParameters.ContainsKey('Protocol')) { $r.Protocol = $Protocol.ToUpperInvariant() }
            if ($PSBoundParameters.ContainsKey('LocalPort')) { $r.LocalPort = @($LocalPort) }
            if ($PassThru) { ConvertTo-SimRuleObject $r -Store $fw.Store }
        }
    }
}

function Set-SimRulesEnabled {
    param($Cmdlet, [System.Collections.IDictionary]$Bound, [string]$Set, [string]$Value, [switch]$PassThru)
    Assert-SimElevated -Cmdlet $Cmdlet
    $targets = Get-SimRuleTargets -Cmdlet $Cmdlet -Set $Set -Name $Bound['Name'] -DisplayName $Bound['DisplayName'] -InputObject $Bound['InputObject'] -DisplayGroup $Bound['DisplayGroup'] -Group $Bound['Group']
    foreach ($r in $targets) { $r.Enabled = $Value; if ($PassThru) { ConvertTo-SimRuleObject $r } }
}

function Enable-NetFirewallRule {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'All')][switch]$All,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][Alias('ID')][string[]]$Name,
        [Parameter(ParameterSetName = 'ByDisplayName', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string[]]$DisplayName,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$DisplayGroup,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$Group,
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, ValueFromPipeline = $true)][object[]]$InputObject,
        [string]$PolicyStore,
        [string]$GPOSession,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob,
        [switch]$PassThru
    )
    process {
        Add-SimCall -Name 'Enable-NetFirewallRule' -Bound $PSBoundParameters
        Set-SimRulesEnabled -Cmdlet $PSCmdlet -Bound $PSBoundParameters -Set $PSCmdlet.ParameterSetName -Value 'True' -PassThru:$PassThru
    }
}

function Disable-NetFirewallRule {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'All')][switch]$All,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][Alias('ID')][string[]]$Name,
        [Parameter(ParameterSetName = 'ByDisplayName', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string[]]$DisplayName,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$DisplayGroup,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$Group,
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, ValueFromPipeline = $true)][object[]]$InputObject,
        [string]$PolicyStore,
        [string]$GPOSession,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob,
        [switch]$PassThru
    )
    process {
        Add-SimCall -Name 'Disable-NetFirewallRule' -Bound $PSBoundParameters
        Set-SimRulesEnabled -Cmdlet $PSCmdlet -Bound $PSBoundParameters -Set $PSCmdlet.ParameterSetName -Value 'False' -PassThru:$PassThru
    }
}

function Remove-NetFirewallRule {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'All')][switch]$All,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][Alias('ID')][string[]]$Name,
        [Parameter(ParameterSetName = 'ByDisplayName', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string[]]$DisplayName,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$DisplayGroup,
        [Parameter(ParameterSetName = 'ByQuery')][string[]]$Group,
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, ValueFromPipeline = $true)][object[]]$InputObject,
        [string]$PolicyStore,
        [string]$GPOSession,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob
    )
    process {
        Add-SimCall -Name 'Remove-NetFirewallRule' -Bound $PSBoundParameters
        Assert-SimElevated -Cmdlet $PSCmdlet
        $targets = Get-SimRuleTargets -Cmdlet $PSCmdlet -Set $PSCmdlet.ParameterSetName -Name $Name -DisplayName $DisplayName -InputObject $InputObject -DisplayGroup $DisplayGroup -Group $Group
        foreach ($r in @($targets)) { (Get-SimState).Firewall.Rules.Remove($r.Name.ToUpperInvariant()) }
    }
}

function Get-NetFirewallAddressFilter {
    [CmdletBinding(DefaultParameterSetName = 'All')]
    param(
        [Parameter(ParameterSetName = 'All')][switch]$All,
        [Parameter(ParameterSetName = 'ByAssociatedNetFirewallRule', Mandatory = $true, ValueFromPipeline = $true)][object]$AssociatedNetFirewallRule,
        [string]$PolicyStore,
        [string]$GPOSession,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob
    )
    process {
        Add-SimCall -Name 'Get-NetFirewallAddressFilter' -Bound $PSBoundParameters
        # A rule read from a GPO carries its store, as the CIM instance does.
        $store = $PolicyStore
        if (-not $store -and $AssociatedNetFirewallRule -and [string]$AssociatedNetFirewallRule.PolicyStoreSourceType -eq 'GroupPolicy') { $store = [string]$AssociatedNetFirewallRule.PolicyStoreSource }
        $rules = (Get-SimFirewallStore -Cmdlet $PSCmdlet -PolicyStore $store).Rules
        $targets = if ($PSCmdlet.ParameterSetName -eq 'All') { @($rules.Values) } else { @($rules[([string]$AssociatedNetFirewallRule.Name).ToUpperInvariant()]) }
        foreach ($r in $targets) {
            if (-not $r) { continue }
            [pscustomobject]@{
                PSTypeName    = 'SimHost#Microsoft.Management.Infrastructure.CimInstance#root/standardcimv2/MSFT_NetAddressFilter'
                InstanceID    = $r.Name
                LocalAddress  = $(if (@($r.LocalAddress).Count -eq 1) { @($r.LocalAddress)[0] } else { [string[]]$r.LocalAddress })
                RemoteAddress = $(if (@($r.RemoteAddress).Count -eq 1) { @($r.RemoteAddress)[0] } else { [string[]]$r.RemoteAddress })
            }
        }
    }
}

function Get-NetFirewallPortFilter {
    [CmdletBinding(DefaultParameterSetName = 'All')]
    param(
        [Parameter(ParameterSetName = 'All')][switch]$All,
        [Parameter(ParameterSetName = 'ByAssociatedNetFirewallRule', Mandatory = $true, ValueFromPipeline = $true)][object]$AssociatedNetFirewallRule,
        [string]$PolicyStore,
        [string]$GPOSession,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob
    )
    process {
        Add-SimCall -Name 'Get-NetFirewallPortFilter' -Bound $PSBoundParameters
        $rules = (Get-SimState).Firewall.Rules
        $targets = if ($PSCmdlet.ParameterSetName -eq 'All') { @($rules.Values) } else { @($rules[([string]$AssociatedNetFirewallRule.Name).ToUpperInvariant()]) }
        foreach ($r in $targets) {
            if (-not $r) { continue }
            [pscustomobject]@{
                PSTypeName = 'SimHost#Microsoft.Management.Infrastructure.CimInstance#root/standardcimv2/MSFT_NetProtocolPortFilter'
                InstanceID = $r.Name
                Protocol   = $r.Protocol
                LocalPort  = $(if (@($r.LocalPort).Count -eq 1) { @($r.LocalPort)[0] } else { [string[]]$r.LocalPort })
                RemotePort = 'Any'
            }
        }
    }
}

function Get-NetConnectionProfile {
    [CmdletBinding()]
    param(
        [string[]]$Name,
        [string[]]$InterfaceAlias,
        [uint32[]]$InterfaceIndex,
        [ValidateSet('Public', 'Private', 'DomainAuthenticated')][string[]]$NetworkCategory,
        [string[]]$IPv4Connectivity,
        [string[]]$IPv6Connectivity,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob
    )
    Add-SimCall -Name 'Get-NetConnectionProfile' -Bound $PSBoundParameters
    foreach ($p in (Get-SimState).Network.Profiles) {
        if ($InterfaceAlias -and -not ($InterfaceAlias | Where-Object { $p.InterfaceAlias -like $_ })) { continue }
        if ($NetworkCategory -and $NetworkCategory -notcontains $p.NetworkCategory) { continue }
        [pscustomobject]@{
            PSTypeName       = 'SimHost#Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetConnectionProfile'
            Name             = $p.Name
            InterfaceAlias   = $p.InterfaceAlias
            InterfaceIndex   = [uint32]$p.InterfaceIndex
            NetworkCategory  = $p.NetworkCategory
            DomainAuthenticationKind = $(if ($p.NetworkCategory -eq 'DomainAuthenticated') { 'Ldap' } else { 'None' })
            IPv4Connectivity = 'LocalNetwork'
            IPv6Connectivity = 'LocalNetwork'
        }
    }
}

function Get-NetFirewallProfile {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][ValidateSet('Domain', 'Private', 'Public')][string[]]$Name,
        [switch]$All,
        [string]$PolicyStore,
        [string]$GPOSession,
        [object[]]$CimSession,
        [int]$ThrottleLimit,
        [switch]$AsJob
    )
    Add-SimCall -Name 'Get-NetFirewallProfile' -Bound $PSBoundParameters
    foreach ($n in @('Domain', 'Private', 'Public')) {
        if ($Name -and $Name -notcontains $n) { continue }
        [pscustomobject]@{ Name = $n; Enabled = 'True'; DefaultInboundAction = 'NotConfigured'; DefaultOutboundAction = 'NotConfigured' }
    }
}
