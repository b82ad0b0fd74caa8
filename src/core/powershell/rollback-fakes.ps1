# Test fakes for rollback.test.ts: loads the functions a generated script defines (without running
# it) and shadows the few Windows cmdlets those functions call with functions over $Fake, an
# in-memory state. Each fake takes the real cmdlet's parameter names and behaves as the cmdlet does
# for the cases the tests cover (Enable-/Disable-WSManCredSSP as in PowerShell's CredSSP.cs). Paths
# outside WSMan:, HKLM:, Cert: and the fake listeners go to the real cmdlets. The full simulated
# Windows host is tests/powershell/sim.
param([Parameter(Mandatory = $true)][string[]]$ScriptPath)

foreach ($fakeScript in $ScriptPath) {
    $fakeErrors = $null
    $fakeAst = [System.Management.Automation.Language.Parser]::ParseFile($fakeScript, [ref]$null, [ref]$fakeErrors)
    if ($fakeErrors.Count -gt 0) { throw ('{0} does not parse: {1}' -f $fakeScript, $fakeErrors[0].Message) }
    foreach ($fakeFunction in $fakeAst.FindAll({ param($node) $node -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true)) {
        . ([scriptblock]::Create($fakeFunction.Extent.Text))
    }
}

function Reset-Fake {
    $script:Fake = @{
        WSMan     = [ordered]@{
            'WSMan:\localhost\Client\Auth\CredSSP'  = 'false'
            'WSMan:\localhost\Service\Auth\CredSSP' = 'false'
            'WSMan:\localhost\Client\TrustedHosts'  = ''
        }
        Registry  = [ordered]@{}
        Certs     = [ordered]@{}
        AD        = @{}
        Listeners = @{}
        Files     = @{}
        Calls     = [System.Collections.Generic.List[string]]::new()
    }
    $script:FakeRecorded = [System.Collections.Generic.List[object]]::new()
}
Reset-Fake
$FakeDelegation = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
$FakeFresh = $FakeDelegation + '\AllowFreshCredentials'

function Get-FakePath { param($Path, $LiteralPath) if ($LiteralPath) { return [string]@($LiteralPath)[0] } return [string]@($Path)[0] }

function Get-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Force)
    $p = Get-FakePath $Path $LiteralPath
    if ($p -like 'WSMan:*') {
        if (-not $Fake.WSMan.Contains($p)) { throw ('Cannot find path {0}' -f $p) }
        return [pscustomobject]@{ Name = ($p -split '\\')[-1]; Value = $Fake.WSMan[$p]; SourceOfValue = '' }
    }
    if ($p -like 'HKLM:*') {
        if (-not $Fake.Registry.Contains($p)) { throw ('Cannot find path {0}' -f $p) }
        return [pscustomobject]@{ Name = $p; Property = [string[]]@($Fake.Registry[$p].Keys) }
    }
    if ($Fake.Files.Contains($p)) {
        $entry = $Fake.Files[$p]
        $attributes = [System.IO.FileAttributes]::Archive
        if ($entry.Container) { $attributes = [System.IO.FileAttributes]::Directory }
        if ($entry.Reparse) { $attributes = $attributes -bor [System.IO.FileAttributes]::ReparsePoint }
        return [pscustomobject]@{ FullName = $p; Attributes = $attributes; PSIsContainer = [bool]$entry.Container }
    }
    Microsoft.PowerShell.Management\Get-Item @PSBoundParameters
}
function Set-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [Parameter(Position = 1)]$Value, [switch]$Force, [switch]$Concatenate)
    $Fake.Calls.Add(('Set-Item {0} {1}' -f $Path[0], $Value))
    if ($Concatenate -and $Fake.WSMan[$Path[0]]) { $Fake.WSMan[$Path[0]] = $Fake.WSMan[$Path[0]] + ',' + [string]$Value; return }
    $Fake.WSMan[$Path[0]] = [string]$Value
}
function Clear-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [switch]$Force)
    $Fake.WSMan[$Path[0]] = ''
}
function Test-Path {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath)
    $p = Get-FakePath $Path $LiteralPath
    if ($p -like 'HKLM:*') { return $Fake.Registry.Contains($p) }
    if ($p -like 'Cert:*') { return $Fake.Certs.Contains($p) }
    Microsoft.PowerShell.Management\Test-Path @PSBoundParameters
}
function Get-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [Parameter(Position = 1)][string[]]$Name)
    $p = $Path[0]
    if (-not $Fake.Registry.Contains($p)) { Write-Error ('Cannot find path {0}' -f $p); return }
    $values = [ordered]@{}
    foreach ($key in $Fake.Registry[$p].Keys) { if (-not $Name -or $Name -contains $key) { $values[$key] = $Fake.Registry[$p][$key] } }
    if ($Name -and $values.Count -eq 0) { Write-Error ('Property {0} does not exist at path {1}' -f $Name[0], $p); return }
    $values.PSPath = 'Microsoft.PowerShell.Core\Registry::' + $p
    $values.PSProvider = 'Registry'
    return [pscustomobject]$values
}
function Remove-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [Parameter(Position = 1)][string[]]$Name)
    $Fake.Registry[$Path[0]].Remove($Name[0])
}
function Get-ChildItem {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Directory, [switch]$Force)
    $p = Get-FakePath $Path $LiteralPath
    if ($p -like 'HKLM:*') { return @($Fake.Registry.Keys | Where-Object { $_ -like ($p + '\*') -and $_ -notlike ($p + '\*\*') }) }
    if ($p -like 'WSMan:*') {
        $names = @($Fake.WSMan.Keys | Where-Object { $_ -like ($p + '\*') } | ForEach-Object { $_.Substring($p.Length + 1).Split('\')[0] } | Select-Object -Unique)
        return @($names | ForEach-Object { [pscustomobject]@{ Name = $_ } })
    }
    Microsoft.PowerShell.Management\Get-ChildItem @PSBoundParameters
}
function Remove-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Recurse, [switch]$Force, [switch]$DeleteKey)
    $p = Get-FakePath $Path $LiteralPath
    $Fake.Calls.Add(('Remove-Item {0}{1}' -f $p, $(if ($DeleteKey) { ' -DeleteKey' } else { '' })))
    if ($p -like 'HKLM:*') { foreach ($key in @($Fake.Registry.Keys | Where-Object { $_ -eq $p -or $_ -like ($p + '\*') })) { $Fake.Registry.Remove($key) }; return }
    if ($p -like 'Cert:*') { $Fake.Certs.Remove($p); return }
    if ($p -like 'WSMan:*') { foreach ($key in @($Fake.WSMan.Keys | Where-Object { $_ -eq $p -or $_ -like ($p + '\*') })) { $Fake.WSMan.Remove($key) }; return }
    Microsoft.PowerShell.Management\Remove-Item @PSBoundParameters
}

# Windows file ACLs of $Fake.Files entries (Owner SID, Rules of @{ Sid; Type }), read and written
# the way the scripts do: GetOwner, GetAccessRules, SetSecurityDescriptorSddlForm, Set-Acl.
$FakeSddlSids = @{ SY = 'S-1-5-18'; BA = 'S-1-5-32-544'; BU = 'S-1-5-32-545'; CO = 'S-1-3-0' }
function Get-Acl {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath)
    $p = Get-FakePath $Path $LiteralPath
    if (-not $Fake.Files.Contains($p)) { throw ('Cannot find path {0}' -f $p) }
    $acl = [pscustomobject]@{ Owner = $Fake.Files[$p].Owner; Rules = @($Fake.Files[$p].Rules); Sddl = '' }
    $acl | Add-Member -MemberType ScriptMethod -Name GetOwner -Value { param($Type) [pscustomobject]@{ Value = $this.Owner } }
    $acl | Add-Member -MemberType ScriptMethod -Name GetAccessRules -Value {
        param($IncludeExplicit, $IncludeInherited, $Type)
        @($this.Rules | ForEach-Object { [pscustomobject]@{ IdentityReference = [pscustomobject]@{ Value = $_.Sid }; AccessControlType = $_.Type } })
    }
    $acl | Add-Member -MemberType ScriptMethod -Name SetSecurityDescriptorSddlForm -Value {
        param([string]$Sddl, $Sections)
        $this.Sddl = $Sddl
        if ($Sddl -match '^O:(\w\w)') { $this.Owner = $FakeSddlSids[$Matches[1]] }
        $this.Rules = @([regex]::Matches($Sddl, '\((A|D);[^;]*;[^;]*;;;(\w\w)\)') | ForEach-Object {
            @{ Sid = $FakeSddlSids[$_.Groups[2].Value]; Type = $(if ($_.Groups[1].Value -eq 'A') { 'Allow' } else { 'Deny' }) }
        })
    }
    return $acl
}
function Set-Acl {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Mandatory = $true)]$AclObject)
    $p = Get-FakePath $Path $LiteralPath
    $Fake.Calls.Add(('Set-Acl {0} {1}' -f $p, $AclObject.Sddl))
    $Fake.Files[$p].Owner = $AclObject.Owner
    $Fake.Files[$p].Rules = @($AclObject.Rules)
}

function Enable-WSManCredSSP {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][ValidateSet('Client', 'Server')][string]$Role, [Parameter(Position = 1)][string[]]$DelegateComputer, [switch]$Force)
    $Fake.Calls.Add(('Enable-WSManCredSSP {0} {1}' -f $Role, ($DelegateComputer -join ',')))
    if ($Role -eq 'Server') { $Fake.WSMan['WSMan:\localhost\Service\Auth\CredSSP'] = 'true'; return }
    $Fake.WSMan['WSMan:\localhost\Client\Auth\CredSSP'] = 'true'
    if (-not $Fake.Registry.Contains($FakeDelegation)) { $Fake.Registry[$FakeDelegation] = [ordered]@{} }
    $Fake.Registry[$FakeDelegation]['AllowFreshCredentials'] = 1
    $Fake.Registry[$FakeDelegation]['ConcatenateDefaults_AllowFresh'] = 1
    if (-not $Fake.Registry.Contains($FakeFresh)) { $Fake.Registry[$FakeFresh] = [ordered]@{} }
    foreach ($computer in $DelegateComputer) {
        $Fake.Registry[$FakeFresh][[string]($Fake.Registry[$FakeFresh].Count + 1)] = 'wsman/' + $computer
    }
}
function Disable-WSManCredSSP {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][ValidateSet('Client', 'Server')][string]$Role)
    $Fake.Calls.Add(('Disable-WSManCredSSP {0}' -f $Role))
    if ($Role -eq 'Server') { $Fake.WSMan['WSMan:\localhost\Service\Auth\CredSSP'] = 'false'; return }
    $Fake.WSMan['WSMan:\localhost\Client\Auth\CredSSP'] = 'false'
    $others = @()
    if ($Fake.Registry.Contains($FakeFresh)) { $others = @($Fake.Registry[$FakeFresh].Values | Where-Object { -not ([string]$_).StartsWith('wsman', [StringComparison]::OrdinalIgnoreCase) }) }
    if ($others.Count -gt 0) {
        $Fake.Registry[$FakeFresh] = [ordered]@{}
        for ($i = 0; $i -lt $others.Count; $i++) { $Fake.Registry[$FakeFresh][[string]($i + 1)] = $others[$i] }
        return
    }
    if ($Fake.Registry.Contains($FakeDelegation)) {
        $Fake.Registry[$FakeDelegation].Remove('AllowFreshCredentials')
        $Fake.Registry[$FakeDelegation].Remove('ConcatenateDefaults_AllowFresh')
    }
    $Fake.Registry.Remove($FakeFresh)
}

function Import-Module { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name) }
function Get-ADComputer {
    [CmdletBinding()]
    param([Parameter(Position = 0)]$Identity, [string[]]$Properties)
    $dn = [string]$Identity
    if ($Identity.DistinguishedName) { $dn = [string]$Identity.DistinguishedName }
    if (-not $Fake.AD.Contains($dn)) { throw ('Cannot find an object with identity: {0}' -f $dn) }
    return [pscustomobject]@{ DistinguishedName = $dn; Name = ($dn -split ',')[0].Substring(3); PrincipalsAllowedToDelegateToAccount = @($Fake.AD[$dn]) }
}
function Set-ADComputer {
    [CmdletBinding()]
    param([Parameter(Position = 0)]$Identity, [AllowNull()][object[]]$PrincipalsAllowedToDelegateToAccount)
    $dn = [string]$Identity
    if ($Identity.DistinguishedName) { $dn = [string]$Identity.DistinguishedName }
    $Fake.Calls.Add(('Set-ADComputer {0}' -f $dn))
    $Fake.AD[$dn] = @($PrincipalsAllowedToDelegateToAccount | Where-Object { $_ } | ForEach-Object { [string]$_ })
}

function Get-WSManInstance {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$ResourceURI, [hashtable]$SelectorSet, [switch]$Enumerate)
    $key = '{0}|{1}' -f $SelectorSet.Address, $SelectorSet.Transport
    if (-not $Fake.Listeners.Contains($key)) { throw ('The WS-Management service cannot find the resource {0}' -f $key) }
    return [pscustomobject]$Fake.Listeners[$key]
}
function Set-WSManInstance {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$ResourceURI, [hashtable]$SelectorSet, [hashtable]$ValueSet)
    $key = '{0}|{1}' -f $SelectorSet.Address, $SelectorSet.Transport
    $Fake.Calls.Add(('Set-WSManInstance {0}' -f $key))
    foreach ($name in $ValueSet.Keys) { $Fake.Listeners[$key][$name] = $ValueSet[$name] }
}

function Save-GuideChange {
    param([Parameter(Mandatory = $true)][hashtable]$Change)
    $FakeRecorded.Add([pscustomobject]$Change)
}

# Undoes what Save-GuideChange recorded, newest first, after a round trip through CliXml as in a
# real change log.
function Invoke-FakeRollback {
    $file = [System.IO.Path]::GetTempFileName()
    Export-Clixml -InputObject ([pscustomobject]@{ Changes = $FakeRecorded }) -LiteralPath $file -Depth 5
    $changes = @((Import-Clixml -LiteralPath $file).Changes)
    Microsoft.PowerShell.Management\Remove-Item -LiteralPath $file
    [array]::Reverse($changes)
    foreach ($change in $changes) { & ('Undo-Guide' + $change.Kind) -Change $change }
}

function Write-FakeState {
    Write-Output ('FAKE-STATE:' + ($Fake | ConvertTo-Json -Depth 6 -Compress))
}

# Runs each scenario (name -> script block) on a fresh state, between markers, so that one process
# serves many tests; an error ends that scenario only.
function Invoke-FakeScenarios {
    param([Parameter(Mandatory = $true)][System.Collections.Specialized.OrderedDictionary]$Scenarios)
    foreach ($name in $Scenarios.Keys) {
        Reset-Fake
        Write-Output ('SCENARIO-BEGIN:' + $name)
        try { & $Scenarios[$name] *>&1 | ForEach-Object { [string]$_ } }
        catch { Write-Output ('SCENARIO-ERROR:' + $_.Exception.Message) }
        Write-Output ('SCENARIO-END:' + $name)
    }
}
