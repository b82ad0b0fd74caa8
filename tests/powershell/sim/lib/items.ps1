# The item and property cmdlets, dispatched by drive: the file system (C:\), the registry (HKLM:,
# HKCU:), WSMan: and Cert:. Provider-specific (dynamic) parameters are declared on the shadow and
# refused, as PowerShell does, on a path whose provider does not have them.

$script:SimDynamicParams = @{
    'Set-Item'      = @{ WSMan = @('Concatenate') }
    'New-Item'      = @{ WSMan = @('Address', 'Transport', 'HostName', 'Enabled', 'URLPrefix', 'CertificateThumbPrint', 'Port', 'Subject', 'URI', 'Issuer') }
    'Remove-Item'   = @{ Cert = @('DeleteKey'); FS = @('Stream') }
    'Get-ChildItem' = @{ FS = @('Directory', 'File', 'Attributes', 'Hidden', 'ReadOnly', 'System', 'FollowSymlink'); Cert = @('CodeSigningCert', 'DocumentEncryptionCert', 'SSLServerAuthentication', 'DnsName', 'Eku', 'ExpiringInDays') }
    'Test-Path'     = @{ FS = @('OlderThan', 'NewerThan') }
    'Set-ItemProperty' = @{ Registry = @('Type') }
}

function Get-SimProviderKind {
    param([string]$Drive)
    switch ($Drive) { { $_.Length -eq 1 } { 'FS' } 'HKLM' { 'Registry' } 'HKCU' { 'Registry' } 'WSMan' { 'WSMan' } 'Cert' { 'Cert' } default { 'Unknown' } }
}

function Assert-SimDynamicParams {
    param($Cmdlet, [string]$Drive)
    $name = $Cmdlet.MyInvocation.MyCommand.Name
    $table = $script:SimDynamicParams[$name]
    if (-not $table) { return }
    $kind = Get-SimProviderKind -Drive $Drive
    foreach ($provider in $table.Keys) {
        if ($provider -eq $kind) { continue }
        foreach ($p in $table[$provider]) {
            if ($Cmdlet.MyInvocation.BoundParameters.ContainsKey($p)) {
                if ($table.ContainsKey($kind) -and $table[$kind] -contains $p) { continue }
                Stop-SimCommand -Cmdlet $Cmdlet -Message "A parameter cannot be found that matches parameter name '$p'." -Id "NamedParameterNotFound,$name" -Category InvalidArgument
            }
        }
    }
}

function Get-SimPathArgs {
    param($Cmdlet, [string[]]$Path, [string[]]$LiteralPath)
    $literal = $Cmdlet.MyInvocation.BoundParameters.ContainsKey('LiteralPath')
    $list = [System.Collections.Generic.List[object]]::new()
    foreach ($p in $(if ($literal) { $LiteralPath } else { $Path })) { $list.Add(@{ Path = $p; Literal = $literal }) }
    , $list
}

# ---------------------------------------------------------------------------------------------
# Item objects

function ConvertTo-SimFsItem {
    param([hashtable]$Entry)
    $name = Get-SimLeafName -Full $Entry.Path
    $isDir = $Entry.Type -eq 'Directory'
    $parent = Get-SimParentPath -Full $Entry.Path
    $ext = if (-not $isDir -and $name.Contains('.')) { $name.Substring($name.LastIndexOf('.')) } else { '' }
    [pscustomobject]@{
        PSTypeName    = $(if ($isDir) { 'SimHost#System.IO.DirectoryInfo' } else { 'SimHost#System.IO.FileInfo' })
        Name          = $name
        FullName      = $Entry.Path
        BaseName      = $(if ($ext) { $name.Substring(0, $name.Length - $ext.Length) } else { $name })
        Extension     = $ext
        PSPath        = 'Microsoft.PowerShell.Core\FileSystem::' + $Entry.Path
        PSParentPath  = $(if ($parent) { 'Microsoft.PowerShell.Core\FileSystem::' + $parent } else { '' })
        PSChildName   = $name
        PSDrive       = $Entry.Path.Substring(0, 1)
        PSProvider    = 'Microsoft.PowerShell.Core\FileSystem'
        PSIsContainer = $isDir
        Exists        = $true
        Mode          = $(if ($isDir) { 'd----' } else { '-a---' })
        Attributes    = $(if ($isDir) { [System.IO.FileAttributes]::Directory } else { [System.IO.FileAttributes]::Archive })
        Length        = $(if ($isDir) { $null } else { ([string]$Entry.Content).Length })
        DirectoryName = $(if ($isDir) { $null } else { $parent })
    }
}

function Get-SimWSManNode {
    param([hashtable]$Resolved)
    $parts = $Resolved.Parts
    if ($parts.Count -eq 0) { return @{ Kind = 'Root'; Name = 'WSMan'; Rel = '' } }
    if ($parts[0] -ine 'localhost' -and $parts[0] -ine (Get-SimState).Host.Name) { return $null }
    $rel = if ($parts.Count -gt 1) { ($parts[1..($parts.Count - 1)] -join '\') } else { '' }
    $s = Get-SimState
    if ($parts.Count -ge 2 -and $parts[1] -ieq 'Listener') {
        if ($parts.Count -eq 2) { return @{ Kind = 'Container'; Name = 'Listener'; Rel = 'Listener' } }
        $l = @(foreach ($x in $s.WSMan.Listeners) { if ((Get-SimListenerId -Listener $x) -ieq $parts[2]) { $x } })
        if (-not $l) { return $null }
        if ($parts.Count -eq 3) { return @{ Kind = 'Listener'; Name = (Get-SimListenerId -Listener $l[0]); Listener = $l[0]; Rel = $rel } }
        $prop = foreach ($x in @('Address', 'Transport', 'Port', 'Hostname', 'Enabled', 'URLPrefix', 'CertificateThumbprint')) { if ($x -ieq $parts[3]) { $x } }
        if ($parts.Count -eq 4 -and $prop) { return @{ Kind = 'ListenerLeaf'; Name = $prop; Listener = $l[0]; Rel = $rel } }
        return $null
    }
    if ($parts.Count -ge 2 -and $parts[1] -ieq 'ClientCertificate') {
        if ($parts.Count -eq 2) { return @{ Kind = 'Container'; Name = 'ClientCertificate'; Rel = 'ClientCertificate' } }
        $m = @(foreach ($x in $s.WSMan.ClientCertificates) { if ($x.Id -ieq $parts[2]) { $x } })
        if (-not $m) { return $null }
        if ($parts.Count -eq 3) { return @{ Kind = 'Mapping'; Name = $m[0].Id; Mapping = $m[0]; Rel = $rel } }
        $prop = foreach ($x in @('URI', 'Subject', 'Issuer', 'UserName', 'Enabled', 'Password')) { if ($x -ieq $parts[3]) { $x } }
        if ($parts.Count -eq 4 -and $prop) { return @{ Kind = 'MappingLeaf'; Name = $prop; Mapping = $m[0]; Rel = $rel } }
        return $null
    }
    if ($parts.Count -ge 2 -and $parts[1] -ieq 'Plugin') {
        if ($parts.Count -eq 2) { return @{ Kind = 'Container'; Name = 'Plugin'; Rel = 'Plugin' } }
        $c = $s.SessionConfigurations[$parts[2].ToUpperInvariant()]
        if ($parts.Count -eq 3 -and $c) { return @{ Kind = 'Plugin'; Name = $c.Name; Rel = $rel } }
        return $null
    }
    $container = foreach ($x in $script:SimWSManContainers) { if ($x -ieq $rel) { $x } }
    if ($null -ne $container) { return @{ Kind = 'Container'; Name = $(if ($rel) { Get-SimLeafName -Full $container } else { 'localhost' }); Rel = $container } }
    $key = Get-SimWSManConfigKey -ConfigKey $rel
    if ($key) { return @{ Kind = 'Leaf'; Name = (Get-SimLeafName -Full $key); Key = $key; Rel = $key } }
    $null
}

function ConvertTo-SimWSManItem {
    param([hashtable]$Node)
    $base = 'Microsoft.WSMan.Management\WSMan::localhost'
    $path = if ($Node.Rel) { "$base\$($Node.Rel)" } else { $base }
    $parent = if ($Node.Rel -and $Node.Rel.Contains('\')) { "$base\" + $Node.Rel.Substring(0, $Node.Rel.LastIndexOf('\')) } elseif ($Node.Rel) { $base } else { 'Microsoft.WSMan.Management\WSMan::' }
    switch ($Node.Kind) {
        'Leaf' {
            $v = Get-SimWSManValue -ConfigKey $Node.Key
            return [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.WSMan.Management.WSManConfigLeafElement'; Name = $Node.Name; Value = $v.Value; Type = 'System.String'; SourceOfValue = $v.Source; PSPath = $path; PSParentPath = $parent; PSChildName = $Node.Name; PSIsContainer = $false }
        }
        'ListenerLeaf' {
            return [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.WSMan.Management.WSManConfigLeafElement'; Name = $Node.Name; Value = [string]$Node.Listener[$Node.Name]; Type = 'System.String'; SourceOfValue = ''; PSPath = $path; PSParentPath = $parent; PSChildName = $Node.Name; PSIsContainer = $false }
        }
        'MappingLeaf' {
            $value = if ($Node.Name -eq 'Password') { '' } else { [string]$Node.Mapping[$Node.Name] }
            return [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.WSMan.Management.WSManConfigLeafElement'; Name = $Node.Name; Value = $value; Type = 'System.String'; SourceOfValue = ''; PSPath = $path; PSParentPath = $parent; PSChildName = $Node.Name; PSIsContainer = $false }
        }
        'Listener' {
            $l = $Node.Listener
            return [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.WSMan.Management.WSManConfigContainerElement'; Name = $Node.Name; Keys = @("Transport=$($l.Transport)", "Address=$($l.Address)"); TypeNameOfElement = 'Container'; PSPath = $path; PSParentPath = $parent; PSChildName = $Node.Name; PSIsContainer = $true }
        }
        'Mapping' {
            $m = $Node.Mapping
            return [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.WSMan.Management.WSManConfigContainerElement'; Name = $Node.Name; Keys = @("URI=$($m.URI)", "Issuer=$($m.Issuer)", "Subject=$($m.Subject)"); TypeNameOfElement = 'Container'; PSPath = $path; PSParentPath = $parent; PSChildName = $Node.Name; PSIsContainer = $true }
        }
        default {
            return [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.WSMan.Management.WSManConfigContainerElement'; Name = $Node.Name; Keys = @(); TypeNameOfElement = 'Container'; PSPath = $path; PSParentPath = $parent; PSChildName = $Node.Name; PSIsContainer = $true }
        }
    }
}

function Get-SimWSManChildren {
    param([hashtable]$Node)
    $s = Get-SimState
    switch ($Node.Kind) {
        'Root' { @{ Kind = 'Container'; Name = 'localhost'; Rel = '' } }
        'Listener' { foreach ($p in @('Address', 'Transport', 'Port', 'Hostname', 'Enabled', 'URLPrefix', 'CertificateThumbprint')) { @{ Kind = 'ListenerLeaf'; Name = $p; Listener = $Node.Listener; Rel = "$($Node.Rel)\$p" } } }
        'Mapping' { foreach ($p in @('URI', 'Subject', 'Issuer', 'UserName', 'Enabled', 'Password')) { @{ Kind = 'MappingLeaf'; Name = $p; Mapping = $Node.Mapping; Rel = "$($Node.Rel)\$p" } } }
        'Container' {
            switch ($Node.Rel) {
                'Listener' { foreach ($l in $s.WSMan.Listeners) { $id = Get-SimListenerId -Listener $l; @{ Kind = 'Listener'; Name = $id; Listener = $l; Rel = "Listener\$id" } } }
                'ClientCertificate' { foreach ($m in $s.WSMan.ClientCertificates) { @{ Kind = 'Mapping'; Name = $m.Id; Mapping = $m; Rel = "ClientCertificate\$($m.Id)" } } }
                'Plugin' { foreach ($c in @($s.SessionConfigurations.Values | Sort-Object { $_.Name })) { @{ Kind = 'Plugin'; Name = $c.Name; Rel = "Plugin\$($c.Name)" } } }
                default {
                    $prefix = if ($Node.Rel) { $Node.Rel + '\' } else { '' }
                    foreach ($k in $s.WSMan.Config.Keys) {
                        if ($prefix -and -not $k.StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase)) { continue }
                        $rest = $k.Substring($prefix.Length)
                        if (-not $rest.Contains('\')) { @{ Kind = 'Leaf'; Name = $rest; Key = $k; Rel = $k } }
                    }
                    foreach ($c in $script:SimWSManContainers) {
                        if (-not $c) { continue }
                        $cp = if ($c.Contains('\')) { $c.Substring(0, $c.LastIndexOf('\')) } else { '' }
                        if ($cp -ieq $Node.Rel) { @{ Kind = 'Container'; Name = (Get-SimLeafName -Full $c); Rel = $c } }
                    }
                }
            }
        }
    }
}

function Get-SimCertNode {
    param([hashtable]$Resolved)
    $s = Get-SimState
    $parts = $Resolved.Parts
    if ($parts.Count -eq 0) { return @{ Kind = 'Root' } }
    $loc = foreach ($x in @('LocalMachine', 'CurrentUser')) { if ($x -ieq $parts[0]) { $x } }
    if (-not $loc) { return $null }
    if ($parts.Count -eq 1) { return @{ Kind = 'Location'; Location = $loc } }
    $storeName = "$loc\$($parts[1])"
    if (-not $s.Certs.ContainsKey($storeName.ToUpperInvariant())) { return $null }
    $storeName = $s.CertStoreNames[$storeName.ToUpperInvariant()]
    if ($parts.Count -eq 2) { return @{ Kind = 'Store'; Store = $storeName } }
    $rec = $s.Certs[$storeName.ToUpperInvariant()][$parts[2].ToUpperInvariant()]
    if ($parts.Count -eq 3 -and $rec) { return @{ Kind = 'Cert'; Store = $storeName; Record = $rec } }
    $null
}

function ConvertTo-SimCertItem {
    param([hashtable]$Node)
    switch ($Node.Kind) {
        'Cert' { ConvertTo-SimCertificateObject -Record $Node.Record -Store $Node.Store }
        'Store' { [pscustomobject]@{ PSTypeName = 'SimHost#System.Security.Cryptography.X509Certificates.X509Store'; Name = ($Node.Store -split '\\')[1]; Location = ($Node.Store -split '\\')[0]; PSPath = 'Microsoft.PowerShell.Security\Certificate::' + $Node.Store; PSChildName = ($Node.Store -split '\\')[1]; PSIsContainer = $true } }
        'Location' { [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.PowerShell.Commands.X509StoreLocation'; Location = $Node.Location; StoreNames = @(); PSPath = 'Microsoft.PowerShell.Security\Certificate::' + $Node.Location; PSChildName = $Node.Location; PSIsContainer = $true } }
        default { [pscustomobject]@{ PSPath = 'Microsoft.PowerShell.Security\Certificate::'; PSIsContainer = $true } }
    }
}

# Every item a path names (wildcards in the last segment unless -LiteralPath).
function Find-SimItems {
    param([hashtable]$Resolved, [bool]$Literal)
    $s = Get-SimState
    $kind = Get-SimProviderKind -Drive $Resolved.Drive
    $leaf = if ($Resolved.Parts.Count) { $Resolved.Parts[-1] } else { '' }
    $wild = -not $Literal -and (Test-SimWildcard $leaf)
    switch ($kind) {
        'FS' {
            if (-not $wild) { $e = $s.Files[$Resolved.Key]; if ($e) { return , @(@{ Kind = 'FS'; Entry = $e }) } else { return , @() } }
            $parent = Get-SimParentPath -Full $Resolved.Full
            return , @(Get-SimFsChildren -Key $parent.ToUpperInvariant() | Where-Object { (Get-SimLeafName -Full $_.Path) -like $leaf } | Sort-Object { $_.Path } | ForEach-Object { @{ Kind = 'FS'; Entry = $_ } })
        }
        'Registry' {
            if (-not $wild) { $k = $s.Registry[$Resolved.Key]; if ($k) { return , @(@{ Kind = 'Registry'; Key = $k }) } else { return , @() } }
            $parent = Get-SimParentPath -Full $Resolved.Full
            return , @(Get-SimRegistrySubkeys -Key $parent.ToUpperInvariant() | Where-Object { (Get-SimLeafName -Full $_.Path) -like $leaf } | ForEach-Object { @{ Kind = 'Registry'; Key = $_ } })
        }
        'WSMan' {
            if (-not $wild) { $n = Get-SimWSManNode -Resolved $Resolved; if ($n) { return , @(@{ Kind = 'WSMan'; Node = $n }) } else { return , @() } }
            $pr = Resolve-SimPath -Path (Get-SimParentPath -Full $Resolved.Full)
            $pn = Get-SimWSManNode -Resolved $pr
            if (-not $pn) { return , @() }
            return , @(Get-SimWSManChildren -Node $pn | Where-Object { $_.Name -like $leaf } | ForEach-Object { @{ Kind = 'WSMan'; Node = $_ } })
        }
        'Cert' {
            if (-not $wild) { $n = Get-SimCertNode -Resolved $Resolved; if ($n) { return , @(@{ Kind = 'Cert'; Node = $n }) } else { return , @() } }
            $pr = Resolve-SimPath -Path (Get-SimParentPath -Full $Resolved.Full)
            $pn = Get-SimCertNode -Resolved $pr
            if (-not $pn -or $pn.Kind -ne 'Store') { return , @() }
            return , @((Get-SimCertStore -Name $pn.Store).Values | Where-Object { $_.Thumbprint -like $leaf } | ForEach-Object { @{ Kind = 'Cert'; Node = @{ Kind = 'Cert'; Store = $pn.Store; Record = $_ } } })
        }
    }
    , @()
}

function ConvertTo-SimItemObject {
    param([hashtable]$Item)
    switch ($Item.Kind) {
        'FS' { ConvertTo-SimFsItem -Entry $Item.Entry }
        'Registry' { ConvertTo-SimRegistryKeyObject -Key $Item.Key }
        'WSMan' { ConvertTo-SimWSManItem -Node $Item.Node }
        'Cert' { ConvertTo-SimCertItem -Node $Item.Node }
    }
}

function Write-SimPathNotFound {
    param($Cmdlet, [string]$Path, [hashtable]$Resolved)
    $shown = if ($Resolved) { $Resolved.Full } else { $Path }
    Write-SimError -Cmdlet $Cmdlet -Message "Cannot find path '$shown' because it does not exist." -Id 'PathNotFound' -Category ObjectNotFound -Target $Path
}

# ---------------------------------------------------------------------------------------------
# Get-Item / Test-Path / Get-ChildItem

function Get-Item {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [switch]$Force,
        [pscredential]$Credential,
        [string[]]$Stream
    )
    process {
        Add-SimCall -Name 'Get-Item' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $r = Resolve-SimPath -Path $p.Path
            $items = Find-SimItems -Resolved $r -Literal $p.Literal
            if (-not $items.Count) { if ($p.Literal -or -not (Test-SimWildcard $p.Path)) { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $p.Path -Resolved $r }; continue }
            foreach ($i in $items) { ConvertTo-SimItemObject -Item $i }
        }
    }
}

function Test-Path {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][AllowNull()][AllowEmptyCollection()][AllowEmptyString()][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][AllowNull()][AllowEmptyCollection()][AllowEmptyString()][string[]]$LiteralPath,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [Alias('Type')][ValidateSet('Any', 'Container', 'Leaf')][string]$PathType = 'Any',
        [switch]$IsValid,
        [pscredential]$Credential,
        [datetime]$OlderThan,
        [datetime]$NewerThan
    )
    process {
        Add-SimCall -Name 'Test-Path' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            if ([string]::IsNullOrWhiteSpace($p.Path)) { $false; continue }
            try { $r = Resolve-SimPath -Path $p.Path } catch { $false; continue }
            Assert-SimDynamicParams -Cmdlet $PSCmdlet -Drive $r.Drive
            if ($IsValid) { $true; continue }
            $items = Find-SimItems -Resolved $r -Literal $p.Literal
            if (-not $items.Count) { $false; continue }
            $ok = $false
            foreach ($i in $items) {
                $container = switch ($i.Kind) { 'FS' { $i.Entry.Type -eq 'Directory' } 'Registry' { $true } 'WSMan' { $i.Node.Kind -notmatch 'Leaf$' } 'Cert' { $i.Node.Kind -ne 'Cert' } }
                if ($PathType -eq 'Any' -or ($PathType -eq 'Container' -and $container) -or ($PathType -eq 'Leaf' -and -not $container)) { $ok = $true }
            }
            $ok
        }
    }
}

function Get-ChildItem {
    [CmdletBinding(DefaultParameterSetName = 'Items')]
    param(
        [Parameter(ParameterSetName = 'Items', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralItems', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Position = 1)][string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [Alias('s', 'r')][switch]$Recurse,
        [uint32]$Depth,
        [switch]$Force,
        [switch]$Name,
        [string]$Attributes,
        [Alias('ad', 'd')][switch]$Directory,
        [Alias('af')][switch]$File,
        [Alias('ah', 'h')][switch]$Hidden,
        [Alias('ar')][switch]$ReadOnly,
        [Alias('as')][switch]$System,
        [switch]$FollowSymlink,
        [switch]$CodeSigningCert,
        [switch]$DocumentEncryptionCert,
        [switch]$SSLServerAuthentication,
        [string]$DnsName,
        [string[]]$Eku,
        [int]$ExpiringInDays
    )
    process {
        Add-SimCall -Name 'Get-ChildItem' -Bound $PSBoundParameters
        $targets = if ($PSCmdlet.ParameterSetName -eq 'LiteralItems') { Get-SimPathArgs -Cmdlet $PSCmdlet -LiteralPath $LiteralPath } elseif ($Path) { Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path } else { @(@{ Path = (Get-SimState).User.Profile; Literal = $true }) }
        foreach ($p in $targets) {
            $r = Resolve-SimPath -Path $p.Path
            Assert-SimDynamicParams -Cmdlet $PSCmdlet -Drive $r.Drive
            $items = Find-SimItems -Resolved $r -Literal $p.Literal
            if (-not $items.Count) { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $p.Path -Resolved $r; continue }
            foreach ($i in $items) {
                $children = [System.Collections.Generic.List[object]]::new()
                switch ($i.Kind) {
                    'FS' {
                        if ($i.Entry.Type -ne 'Directory') { $children.Add($i); break }
                        $stack = [System.Collections.Generic.List[object]]::new(); $stack.Add($i.Entry)
                        while ($stack.Count) {
                            $dir = $stack[0]; $stack.RemoveAt(0)
                            foreach ($c in @(Get-SimFsChildren -Key $dir.Path.ToUpperInvariant() | Sort-Object { $_.Path })) {
                                $children.Add(@{ Kind = 'FS'; Entry = $c })
                                if ($Recurse -and $c.Type -eq 'Directory') { $stack.Add($c) }
                            }
                        }
                    }
                    'Registry' { foreach ($c in @(Get-SimRegistrySubkeys -Key $i.Key.Path.ToUpperInvariant() | Sort-Object { $_.Path })) { $children.Add(@{ Kind = 'Registry'; Key = $c }) } }
                    'WSMan' { foreach ($c in @(Get-SimWSManChildren -Node $i.Node)) { $children.Add(@{ Kind = 'WSMan'; Node = $c }) } }
                    'Cert' {
                        switch ($i.Node.Kind) {
                            'Root' { foreach ($l in @('CurrentUser', 'LocalMachine')) { $children.Add(@{ Kind = 'Cert'; Node = @{ Kind = 'Location'; Location = $l } }) } }
                            'Location' { foreach ($k in @((Get-SimState).CertStoreNames.Values | Where-Object { $_.StartsWith($i.Node.Location + '\') } | Sort-Object)) { $children.Add(@{ Kind = 'Cert'; Node = @{ Kind = 'Store'; Store = $k } }) } }
                            'Store' { foreach ($rec in @((Get-SimCertStore -Name $i.Node.Store).Values | Sort-Object { $_.Thumbprint })) { $children.Add(@{ Kind = 'Cert'; Node = @{ Kind = 'Cert'; Store = $i.Node.Store; Record = $rec } }) } }
                            'Cert' { $children.Add($i) }
                        }
                    }
                }
                foreach ($c in $children) {
                    if ($c.Kind -eq 'FS') {
                        if ($Directory -and $c.Entry.Type -ne 'Directory') { continue }
                        if ($File -and $c.Entry.Type -ne 'File') { continue }
                        if ($Filter -and (Get-SimLeafName -Full $c.Entry.Path) -notlike $Filter) { continue }
                    }
                    if ($c.Kind -eq 'Cert' -and $c.Node.Kind -eq 'Cert') {
                        $rec = $c.Node.Record
                        if ($SSLServerAuthentication -and @($rec.Eku) -notcontains '1.3.6.1.5.5.7.3.1') { continue }
                        if ($DnsName -and -not (@($rec.Dns) | Where-Object { $_ -like $DnsName })) { continue }
                        if ($Eku -and -not (@($rec.Eku) | ForEach-Object { Get-SimEkuName -Oid $_ } | Where-Object { $n = $_; $Eku | Where-Object { $n -like $_ } })) { continue }
                        if ($PSBoundParameters.ContainsKey('ExpiringInDays') -and [datetime]::Parse($rec.NotAfter, [cultureinfo]::InvariantCulture, 'RoundtripKind') -gt (Get-SimNow).AddDays($ExpiringInDays)) { continue }
                    }
                    $o = ConvertTo-SimItemObject -Item $c
                    if ($Name) { $o.PSChildName } else { $o }
                }
            }
        }
    }
}

# ---------------------------------------------------------------------------------------------
# Set-Item / Clear-Item

function Set-Item {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][AllowNull()][object]$Value,
        [switch]$Force,
        [switch]$PassThru,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [pscredential]$Credential,
        [switch]$Concatenate
    )
    process {
        Add-SimCall -Name 'Set-Item' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $r = Resolve-SimPath -Path $p.Path
            Assert-SimDynamicParams -Cmdlet $PSCmdlet -Drive $r.Drive
            if ($r.Drive -ne 'WSMan') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: Set-Item is only simulated for WSMan: ($($p.Path))." -Id 'NotSimulated' }
            $n = Get-SimWSManNode -Resolved $r
            if (-not $n) { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $p.Path -Resolved $r; continue }
            $text = if ($null -eq $Value) { '' } elseif ($Value -is [bool]) { ([string]$Value).ToLowerInvariant() } elseif ($Value -is [array]) { ($Value -join ',') } else { [string]$Value }
            switch ($n.Kind) {
                'Leaf' {
                    if ($n.Key -eq 'Client\TrustedHosts' -and -not $Force) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: Set-Item on TrustedHosts asks for confirmation without -Force, which fails in a non-interactive session.' -Id 'ConfirmationNeeded' }
                    if ($Concatenate) {
                        $current = (Get-SimWSManValue -ConfigKey $n.Key).Value
                        if ($current) { $text = $current + ',' + $text }
                    }
                    try { Set-SimWSManValue -ConfigKey $n.Key -Value $text } catch { Write-SimError -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'WsManError' -Target $p.Path; continue }
                }
                'ListenerLeaf' {
                    if ($n.Name -in @('Address', 'Transport')) { Write-SimError -Cmdlet $PSCmdlet -Message "The WS-Management service cannot change the $($n.Name) of a listener." -Id 'WsManError' -Target $p.Path; continue }
                    $l = $n.Listener
                    $old = $l[$n.Name]
                    if ($n.Name -eq 'CertificateThumbprint' -or $n.Name -eq 'Hostname') {
                        $thumb = if ($n.Name -eq 'CertificateThumbprint') { $text } else { $l.CertificateThumbprint }
                        $hostName = if ($n.Name -eq 'Hostname') { $text } else { $l.Hostname }
                        if ($l.Transport -eq 'HTTPS') { $problem = Test-SimListenerCertificate -Thumbprint $thumb -Hostname $hostName; if ($problem) { Write-SimError -Cmdlet $PSCmdlet -Message $problem -Id 'WsManError' -Target $p.Path; continue } }
                    }
                    $l[$n.Name] = $(if ($n.Name -eq 'CertificateThumbprint') { $text.ToUpperInvariant() } else { $text })
                    if ($n.Name -in @('Port', 'Enabled') -and $old -ne $text -and (Test-SimSessionListener -Listener @{ Transport = $l.Transport; Port = $old })) { Invoke-SimSessionBreak -Reason "the $($n.Name) of the listener this remote session uses was changed" }
                }
                default { Write-SimError -Cmdlet $PSCmdlet -Message "SimHost: Set-Item on $($p.Path) is not simulated." -Id 'NotSimulated'; continue }
            }
            if ($PassThru) { ConvertTo-SimWSManItem -Node (Get-SimWSManNode -Resolved $r) }
        }
    }
}

function Clear-Item {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [switch]$Force,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'Clear-Item' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $r = Resolve-SimPath -Path $p.Path
            if ($r.Drive -ne 'WSMan') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: Clear-Item is only simulated for WSMan: ($($p.Path))." -Id 'NotSimulated' }
            $n = Get-SimWSManNode -Resolved $r
            if (-not $n -or $n.Kind -ne 'Leaf') { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $p.Path -Resolved $r; continue }
            if ($n.Key -eq 'Client\TrustedHosts' -and -not $Force) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: Clear-Item on TrustedHosts asks for confirmation without -Force, which fails in a non-interactive session.' -Id 'ConfirmationNeeded' }
            try { Set-SimWSManValue -ConfigKey $n.Key -Value '' } catch { Write-SimError -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'WsManError' -Target $p.Path }
        }
    }
}

# ---------------------------------------------------------------------------------------------
# New-Item / Remove-Item / Rename-Item / Copy-Item / Move-Item

function New-Item {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'pathSet')]
    param(
        [Parameter(ParameterSetName = 'pathSet', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Parameter(ParameterSetName = 'nameSet', Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'nameSet', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][AllowNull()][AllowEmptyString()][string]$Name,
        [Parameter(ValueFromPipelineByPropertyName = $true)][Alias('Type')][string]$ItemType,
        [Parameter(ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('Target')][object]$Value,
        [switch]$Force,
        [pscredential]$Credential,
        [string]$Address,
        [string]$Transport,
        [string]$HostName,
        [bool]$Enabled = $true,
        [string]$URLPrefix,
        [string]$CertificateThumbPrint,
        [int]$Port,
        [string]$Subject,
        [string]$URI,
        [string]$Issuer
    )
    process {
        Add-SimCall -Name 'New-Item' -Bound $PSBoundParameters
        $paths = if ($Path) { $Path } else { @((Get-SimState).User.Profile) }
        foreach ($base in $paths) {
            $target = if ($Name) { (Join-SimPath -Path $base -ChildPath $Name) } else { $base }
            $r = Resolve-SimPath -Path $target
            Assert-SimDynamicParams -Cmdlet $PSCmdlet -Drive $r.Drive
            switch (Get-SimProviderKind -Drive $r.Drive) {
                'FS' { New-SimFsItem -Cmdlet $PSCmdlet -Resolved $r -ItemType $ItemType -Value $Value -Force:$Force }
                'Registry' { New-SimRegistryItem -Cmdlet $PSCmdlet -Resolved $r -Force:$Force }
                'WSMan' { New-SimWSManItem -Cmdlet $PSCmdlet -Resolved $r -Bound $PSBoundParameters }
                default { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: New-Item on $target is not simulated." -Id 'NotSimulated' }
            }
        }
    }
}

function New-SimFsItem {
    param($Cmdlet, [hashtable]$Resolved, [string]$ItemType, $Value, [switch]$Force)
    $type = switch -Regex ($ItemType) { '^(?i)(directory|container)$' { 'Directory' } '^(?i)file$' { 'File' } '^$' { 'File' } default { Stop-SimCommand -Cmdlet $Cmdlet -Message "SimHost: -ItemType $ItemType is not simulated." -Id 'NotSimulated' } }
    $existing = Get-SimFsEntry -Key $Resolved.Key
    if ($existing) {
        if ($type -eq 'Directory' -and $existing.Type -eq 'Directory' -and $Force) { return ConvertTo-SimFsItem -Entry $existing }
        if ($type -eq 'File' -and $existing.Type -eq 'File' -and $Force) { $existing.Content = [string]$Value; return ConvertTo-SimFsItem -Entry $existing }
        Write-SimError -Cmdlet $Cmdlet -Message "An item with the specified name $($Resolved.Full) already exists." -Id 'DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand' -Category ResourceExists -Target $Resolved.Full
        return
    }
    $parent = Get-SimParentPath -Full $Resolved.Full
    try {
        if ($parent -and -not (Get-SimFsEntry -Key $parent.ToUpperInvariant())) {
            if (-not $Force -and $type -eq 'File') { throw [System.IO.DirectoryNotFoundException]::new("Could not find a part of the path '$($Resolved.Full)'.") }
            $null = New-SimFsDirectoryTree -Full $parent
        }
        $e = New-SimFsEntry -Full $Resolved.Full -Type $type -Content $(if ($type -eq 'File' -and $null -ne $Value) { [string]$Value } else { '' })
    }
    catch { Write-SimError -Cmdlet $Cmdlet -Message $_.Exception.Message -Id 'NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand' -Category WriteError -Target $Resolved.Full; return }
    ConvertTo-SimFsItem -Entry $e
}

function New-SimRegistryItem {
    param($Cmdlet, [hashtable]$Resolved, [switch]$Force)
    $s = Get-SimState
    if ($s.Registry.ContainsKey($Resolved.Key)) {
        if (-not $Force) { Write-SimError -Cmdlet $Cmdlet -Message "A key at this path already exists." -Id 'System.IO.IOException,Microsoft.PowerShell.Commands.NewItemCommand' -Category ResourceExists -Target $Resolved.Full; return }
        # New-Item -Force on an existing registry key re-creates it: its values and subkeys are lost.
        $null = Remove-SimRegistryKey -Key $Resolved.Key -Recurse
    }
    try { $k = New-SimRegistryKey -Path $Resolved.Full -Force:$Force } catch { Write-SimError -Cmdlet $Cmdlet -Message $_.Exception.Message -Id 'PathNotFound' -Category ObjectNotFound -Target $Resolved.Full; return }
    ConvertTo-SimRegistryKeyObject -Key $k
}

function New-SimWSManItem {
    param($Cmdlet, [hashtable]$Resolved, [System.Collections.IDictionary]$Bound)
    $s = Get-SimState
    $n = Get-SimWSManNode -Resolved $Resolved
    if (-not $n -or $n.Kind -ne 'Container' -or $n.Rel -notin @('ClientCertificate', 'Listener')) { Stop-SimCommand -Cmdlet $Cmdlet -Message "SimHost: New-Item on $($Resolved.Full) is not simulated." -Id 'NotSimulated' }
    if ($n.Rel -eq 'ClientCertificate') {
        foreach ($p in @('Address', 'Transport', 'HostName', 'URLPrefix', 'CertificateThumbPrint', 'Port')) { if ($Bound.ContainsKey($p)) { Stop-SimCommand -Cmdlet $Cmdlet -Message "A parameter cannot be found that matches parameter name '$p'." -Id 'NamedParameterNotFound,New-Item' -Category InvalidArgument } }
        foreach ($p in @('Subject', 'URI', 'Issuer', 'Credential')) { if (-not $Bound.ContainsKey($p)) { Stop-SimCommand -Cmdlet $Cmdlet -Message "New-Item WSMan:\localhost\ClientCertificate needs -$p." -Id 'MissingMandatoryParameter' -Category InvalidArgument } }
        $issuer = ([string]$Bound['Issuer']).ToUpperInvariant()
        $trusted = (Get-SimCertStore -Name 'LocalMachine\Root').ContainsKey($issuer) -or (Get-SimCertStore -Name 'LocalMachine\CA').ContainsKey($issuer)
        if (-not $trusted) { Stop-SimCommand -Cmdlet $Cmdlet -Message 'The WS-Management service cannot find the certificate that was requested (the -Issuer thumbprint must be a certificate in LocalMachine\Root or LocalMachine\CA).' -Id 'WsManError' -Category ObjectNotFound }
        $cred = $Bound['Credential']
        $user = ([string]$cred.UserName)
        $account = ($user -split '\\')[-1]
        if (-not (@($s.Accounts.LocalUsers | Where-Object { $_.Name -ieq $account })).Count) { Stop-SimCommand -Cmdlet $Cmdlet -Message "The WinRM service cannot map the certificate: the user name or password is incorrect ($user is not a local account)." -Id 'WsManError' -Category InvalidArgument }
        foreach ($m in $s.WSMan.ClientCertificates) {
            if ($m.Subject -ieq $Bound['Subject'] -and $m.Issuer -ieq $issuer -and $m.URI -ieq $Bound['URI']) { Stop-SimCommand -Cmdlet $Cmdlet -Message 'The WS-Management service cannot create the resource because it already exists.' -Id 'WsManError' -Category ResourceExists }
        }
        $id = 'ClientCertificate_' + [Convert]::ToInt64((New-SimHex -Seed ('map' + $Bound['Subject'] + $issuer + $Bound['URI']) -Length 7), 16)
        $mapping = @{ Id = $id; URI = [string]$Bound['URI']; Subject = [string]$Bound['Subject']; Issuer = $issuer; UserName = $account; Enabled = $(if ($Bound.ContainsKey('Enabled')) { ([string]$Bound['Enabled']).ToLowerInvariant() } else { 'true' }) }
        $s.WSMan.ClientCertificates.Add($mapping)
        return ConvertTo-SimWSManItem -Node @{ Kind = 'Mapping'; Name = $id; Mapping = $mapping; Rel = "ClientCertificate\$id" }
    }
    foreach ($p in @('Subject', 'URI', 'Issuer')) { if ($Bound.ContainsKey($p)) { Stop-SimCommand -Cmdlet $Cmdlet -Message "A parameter cannot be found that matches parameter name '$p'." -Id 'NamedParameterNotFound,New-Item' -Category InvalidArgument } }
    $address = [string]$Bound['Address']; $transport = ([string]$Bound['Transport']).ToUpperInvariant()
    if (-not $address -or $transport -notin @('HTTP', 'HTTPS')) { Stop-SimCommand -Cmdlet $Cmdlet -Message 'New-Item WSMan:\localhost\Listener needs -Address and -Transport (HTTP or HTTPS).' -Id 'WsManError' -Category InvalidArgument }
    if (Find-SimListener -Address $address -Transport $transport) { Stop-SimCommand -Cmdlet $Cmdlet -Message 'The WS-Management service cannot create the resource because it already exists.' -Id 'WsManError' -Category ResourceExists }
    $l = @{ Address = $address; Transport = $transport; Port = $(if ($Bound.ContainsKey('Port')) { [string]$Bound['Port'] } elseif ($transport -eq 'HTTPS') { '5986' } else { '5985' }); Hostname = [string]$Bound['HostName']; Enabled = 'true'; URLPrefix = $(if ($Bound['URLPrefix']) { [string]$Bound['URLPrefix'] } else { 'wsman' }); CertificateThumbprint = ([string]$Bound['CertificateThumbPrint']).ToUpperInvariant() }
    if ($transport -eq 'HTTPS') { $problem = Test-SimListenerCertificate -Thumbprint $l.CertificateThumbprint -Hostname $l.Hostname; if ($problem) { Stop-SimCommand -Cmdlet $Cmdlet -Message $problem -Id 'WsManError' } }
    $s.WSMan.Listeners.Add($l)
    ConvertTo-SimWSManItem -Node @{ Kind = 'Listener'; Name = (Get-SimListenerId -Listener $l); Listener = $l; Rel = 'Listener\' + (Get-SimListenerId -Listener $l) }
}

function Remove-Item {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [switch]$Recurse,
        [switch]$Force,
        [pscredential]$Credential,
        [string[]]$Stream,
        [switch]$DeleteKey
    )
    process {
        Add-SimCall -Name 'Remove-Item' -Bound $PSBoundParameters
        $s = Get-SimState
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $r = Resolve-SimPath -Path $p.Path
            Assert-SimDynamicParams -Cmdlet $PSCmdlet -Drive $r.Drive
            $items = Find-SimItems -Resolved $r -Literal $p.Literal
            if (-not $items.Count) { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $p.Path -Resolved $r; continue }
            foreach ($i in $items) {
                switch ($i.Kind) {
                    'FS' {
                        $e = $i.Entry
                        if ($e.Type -eq 'Directory' -and @(Get-SimFsChildren -Key $e.Path.ToUpperInvariant()).Count -and -not $Recurse) {
                            Write-SimError -Cmdlet $PSCmdlet -Message "SimHost: the item at $($e.Path) has children and -Recurse was not given; PowerShell asks for confirmation, which fails in a non-interactive session." -Id 'ConfirmationNeeded' -Target $p.Path
                            continue
                        }
                        Remove-SimFsEntry -Key $e.Path.ToUpperInvariant()
                    }
                    'Registry' {
                        if (-not (Remove-SimRegistryKey -Key $i.Key.Path.ToUpperInvariant() -Recurse:$Recurse)) {
                            Write-SimError -Cmdlet $PSCmdlet -Message "SimHost: the key $($i.Key.Path) has subkeys and -Recurse was not given; PowerShell asks for confirmation, which fails in a non-interactive session." -Id 'ConfirmationNeeded' -Target $p.Path
                        }
                    }
                    'WSMan' {
                        switch ($i.Node.Kind) {
                            'Listener' { Remove-SimListener -Listener $i.Node.Listener }
                            'Mapping' { $s.WSMan.ClientCertificates.Remove($i.Node.Mapping) | Out-Null }
                            default { Write-SimError -Cmdlet $PSCmdlet -Message "SimHost: Remove-Item on $($p.Path) is not simulated." -Id 'NotSimulated' }
                        }
                    }
                    'Cert' {
                        if ($i.Node.Kind -ne 'Cert') { Write-SimError -Cmdlet $PSCmdlet -Message "SimHost: Remove-Item on $($p.Path) is not simulated." -Id 'NotSimulated'; continue }
                        if ($i.Node.Store.StartsWith('LocalMachine')) { Assert-SimElevated -Cmdlet $PSCmdlet }
                        $rec = $i.Node.Record
                        (Get-SimCertStore -Name $i.Node.Store).Remove($rec.Thumbprint)
                        if ($DeleteKey -and $rec.KeyContainer) { $s.KeyContainers.Remove($rec.KeyContainer) }
                    }
                }
            }
        }
    }
}

function Rename-Item {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByPath')]
    param(
        [Parameter(ParameterSetName = 'ByPath', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string]$Path,
        [Parameter(ParameterSetName = 'ByLiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string]$LiteralPath,
        [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)][string]$NewName,
        [switch]$Force,
        [switch]$PassThru,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'Rename-Item' -Bound $PSBoundParameters
        $s = Get-SimState
        $src = if ($PSCmdlet.ParameterSetName -eq 'ByLiteralPath') { $LiteralPath } else { $Path }
        $r = Resolve-SimPath -Path $src
        if ((Get-SimProviderKind -Drive $r.Drive) -ne 'FS') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: Rename-Item is only simulated for the file system ($src)." -Id 'NotSimulated' }
        $e = Get-SimFsEntry -Key $r.Key
        if (-not $e) { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $src -Resolved $r; return }
        if ($NewName.Contains('\') -or $NewName.Contains('/')) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'Cannot rename the specified target, because it represents a path or device name.' -Id 'Argument,Microsoft.PowerShell.Commands.RenameItemCommand' -Category InvalidArgument }
        $newFull = (Get-SimParentPath -Full $e.Path) + '\' + $NewName
        $newFull = $newFull.Replace(':\\', ':\')
        if (Get-SimFsEntry -Key $newFull.ToUpperInvariant()) { Write-SimError -Cmdlet $PSCmdlet -Message 'Cannot create a file when that file already exists.' -Id 'RenameItemIOError,Microsoft.PowerShell.Commands.RenameItemCommand' -Category WriteError -Target $src; return }
        Move-SimFsTree -From $e.Path -To $newFull
        if ($PassThru) { ConvertTo-SimFsItem -Entry (Get-SimFsEntry -Key $newFull.ToUpperInvariant()) }
    }
}

function Move-SimFsTree {
    param([string]$From, [string]$To)
    $files = (Get-SimState).Files
    $fromKey = $From.ToUpperInvariant()
    foreach ($k in @($files.Keys)) {
        if ($k -eq $fromKey -or $k.StartsWith($fromKey + '\', [StringComparison]::Ordinal)) {
            $e = $files[$k]
            $files.Remove($k)
            $e.Path = $To + $e.Path.Substring($From.Length)
            $files[$e.Path.ToUpperInvariant()] = $e
            if ($e.Path -eq $To) { $e.Seq = New-SimCounter -Name 'file' }
        }
    }
}

function Copy-SimFsTree {
    param([hashtable]$Source, [string]$To, [bool]$Recurse)
    $files = (Get-SimState).Files
    $existing = $files[$To.ToUpperInvariant()]
    if ($Source.Type -eq 'File') {
        if ($existing) { $existing.Content = $Source.Content; if ($Source.ContainsKey('Meta')) { $existing.Meta = Copy-SimObject $Source.Meta } ; return }
        $e = New-SimFsEntry -Full $To -Type File -Content $Source.Content
        if ($Source.ContainsKey('Meta')) { $e.Meta = Copy-SimObject $Source.Meta }
        return
    }
    if (-not $existing) { $null = New-SimFsEntry -Full $To -Type Directory }
    if ($Recurse) { foreach ($c in @(Get-SimFsChildren -Key $Source.Path.ToUpperInvariant())) { Copy-SimFsTree -Source $c -To ($To + '\' + (Get-SimLeafName -Full $c.Path)) -Recurse $true } }
}

function Copy-Item {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = $true)][string]$Destination,
        [switch]$Container,
        [switch]$Force,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [switch]$Recurse,
        [switch]$PassThru,
        [pscredential]$Credential,
        [object]$ToSession,
        [object]$FromSession
    )
    process {
        Add-SimCall -Name 'Copy-Item' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $r = Resolve-SimPath -Path $p.Path
            if ((Get-SimProviderKind -Drive $r.Drive) -ne 'FS') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: Copy-Item is only simulated for the file system ($($p.Path))." -Id 'NotSimulated' }
            $items = Find-SimItems -Resolved $r -Literal $p.Literal
            if (-not $items.Count) { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $p.Path -Resolved $r; continue }
            $d = Resolve-SimPath -Path $(if ($Destination) { $Destination } else { (Get-SimState).User.Profile })
            $dEntry = Get-SimFsEntry -Key $d.Key
            foreach ($i in $items) {
                $to = if ($dEntry -and $dEntry.Type -eq 'Directory') { $d.Full + '\' + (Get-SimLeafName -Full $i.Entry.Path) } else { $d.Full }
                try {
                    $parent = Get-SimParentPath -Full $to
                    if (-not (Get-SimFsEntry -Key $parent.ToUpperInvariant())) { throw [System.IO.DirectoryNotFoundException]::new("Could not find a part of the path '$to'.") }
                    Copy-SimFsTree -Source $i.Entry -To $to -Recurse ([bool]$Recurse)
                }
                catch { Write-SimError -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'CopyDirectoryInfoItemIOError,Microsoft.PowerShell.Commands.CopyItemCommand' -Category WriteError -Target $p.Path; continue }
                if ($PassThru) { ConvertTo-SimFsItem -Entry (Get-SimFsEntry -Key $to.ToUpperInvariant()) }
            }
        }
    }
}

function Move-Item {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = $true)][string]$Destination,
        [switch]$Force,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [switch]$PassThru,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'Move-Item' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $r = Resolve-SimPath -Path $p.Path
            if ((Get-SimProviderKind -Drive $r.Drive) -ne 'FS') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: Move-Item is only simulated for the file system ($($p.Path))." -Id 'NotSimulated' }
            $e = Get-SimFsEntry -Key $r.Key
            if (-not $e) { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $p.Path -Resolved $r; continue }
            $d = Resolve-SimPath -Path $Destination
            $dEntry = Get-SimFsEntry -Key $d.Key
            $to = if ($dEntry -and $dEntry.Type -eq 'Directory') { $d.Full + '\' + (Get-SimLeafName -Full $e.Path) } else { $d.Full }
            if (Get-SimFsEntry -Key $to.ToUpperInvariant()) { Write-SimError -Cmdlet $PSCmdlet -Message 'Cannot create a file when that file already exists.' -Id 'MoveDirectoryItemIOError' -Category WriteError -Target $p.Path; continue }
            Move-SimFsTree -From $e.Path -To $to
            if ($PassThru) { ConvertTo-SimFsItem -Entry (Get-SimFsEntry -Key $to.ToUpperInvariant()) }
        }
    }
}

# ---------------------------------------------------------------------------------------------
# Registry values: Get-ItemProperty, Get-ItemPropertyValue, Set-/New-/Remove-ItemProperty

function Get-SimRegistryTarget {
    param($Cmdlet, [string]$Path)
    $r = Resolve-SimPath -Path $Path
    if ((Get-SimProviderKind -Drive $r.Drive) -ne 'Registry') { Stop-SimCommand -Cmdlet $Cmdlet -Message "SimHost: $($Cmdlet.MyInvocation.MyCommand.Name) is only simulated for the registry ($Path)." -Id 'NotSimulated' }
    $k = (Get-SimState).Registry[$r.Key]
    if (-not $k) { Write-SimPathNotFound -Cmdlet $Cmdlet -Path $Path -Resolved $r; return $null }
    $k
}

function Get-ItemProperty {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Position = 1)][Alias('PSProperty')][string[]]$Name,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'Get-ItemProperty' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $k = Get-SimRegistryTarget -Cmdlet $PSCmdlet -Path $p.Path
            if (-not $k) { continue }
            if ($Name) {
                $missing = @($Name | Where-Object { -not (Test-SimWildcard $_) -and -not $k.Values.ContainsKey($_.ToUpperInvariant()) })
                if ($missing.Count) {
                    foreach ($m in $missing) { Write-SimError -Cmdlet $PSCmdlet -Message "Property $m does not exist at path $($k.Path -replace '^HKLM:', 'HKEY_LOCAL_MACHINE')." -Id 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyCommand' -Category InvalidArgument -Target $m }
                    if ($missing.Count -eq $Name.Count) { continue }
                }
            }
            ConvertTo-SimRegistryPropertyObject -Key $k -Names $Name
        }
    }
}

function Get-ItemPropertyValue {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Mandatory = $true, Position = 1)][Alias('PSProperty')][string[]]$Name,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'Get-ItemPropertyValue' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $k = Get-SimRegistryTarget -Cmdlet $PSCmdlet -Path $p.Path
            if (-not $k) { continue }
            foreach ($n in $Name) {
                $v = $k.Values[$n.ToUpperInvariant()]
                if (-not $v) { Write-SimError -Cmdlet $PSCmdlet -Message "Property $n does not exist at path $($k.Path -replace '^HKLM:', 'HKEY_LOCAL_MACHINE')." -Id 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyValueCommand' -Category InvalidArgument -Target $n; continue }
                $v.Value
            }
        }
    }
}

$script:SimRegistryKinds = @('String', 'ExpandString', 'Binary', 'DWord', 'MultiString', 'QWord', 'Unknown')

function Get-SimInferredKind {
    param($Value)
    if ($Value -is [int] -or $Value -is [int16] -or $Value -is [byte] -or $Value -is [uint16]) { return 'DWord' }
    if ($Value -is [long] -or $Value -is [uint32] -or $Value -is [uint64]) { return 'QWord' }
    if ($Value -is [byte[]]) { return 'Binary' }
    if ($Value -is [array]) { return 'MultiString' }
    'String'
}

function Set-ItemProperty {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'propertyValuePathSet')]
    param(
        [Parameter(ParameterSetName = 'propertyValuePathSet', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'propertyValueLiteralPathSet', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)][Alias('PSProperty')][string]$Name,
        [Parameter(Mandatory = $true, Position = 2, ValueFromPipelineByPropertyName = $true)][AllowNull()][object]$Value,
        [switch]$PassThru,
        [switch]$Force,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [pscredential]$Credential,
        [ValidateSet('String', 'ExpandString', 'Binary', 'DWord', 'MultiString', 'QWord', 'Unknown')][string]$Type
    )
    process {
        Add-SimCall -Name 'Set-ItemProperty' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $k = Get-SimRegistryTarget -Cmdlet $PSCmdlet -Path $p.Path
            if (-not $k) { continue }
            $existing = $k.Values[$Name.ToUpperInvariant()]
            $kind = if ($Type -and $Type -ne 'Unknown') { $Type } elseif ($existing) { $existing.Kind } else { Get-SimInferredKind -Value $Value }
            try { Set-SimRegistryValue -Path $k.Path -Name $(if ($existing) { $existing.Name } else { $Name }) -Value $Value -Kind $kind }
            catch { Write-SimError -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'System.ArgumentException' -Category InvalidArgument -Target $Name; continue }
            if ($PassThru) { ConvertTo-SimRegistryPropertyObject -Key $k -Names @($Name) }
        }
    }
}

function New-ItemProperty {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)][Alias('PSProperty')][string]$Name,
        [Alias('Type')][string]$PropertyType,
        [Parameter(ValueFromPipelineByPropertyName = $true)][AllowNull()][object]$Value,
        [switch]$Force,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'New-ItemProperty' -Bound $PSBoundParameters
        $kind = if ($PropertyType) { $script:SimRegistryKinds | Where-Object { $_ -ieq $PropertyType } } else { 'String' }
        if (-not $kind) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The property type '$PropertyType' is not valid for the registry (String, ExpandString, Binary, DWord, MultiString, QWord)." -Id 'System.ArgumentException' -Category InvalidArgument }
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $k = Get-SimRegistryTarget -Cmdlet $PSCmdlet -Path $p.Path
            if (-not $k) { continue }
            if ($k.Values.ContainsKey($Name.ToUpperInvariant()) -and -not $Force) { Write-SimError -Cmdlet $PSCmdlet -Message 'The property already exists.' -Id 'System.IO.IOException,Microsoft.PowerShell.Commands.NewItemPropertyCommand' -Category ResourceExists -Target $Name; continue }
            try { Set-SimRegistryValue -Path $k.Path -Name $Name -Value $Value -Kind $(if ($kind -eq 'Unknown') { Get-SimInferredKind -Value $Value } else { $kind }) }
            catch { Write-SimError -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'System.ArgumentException' -Category InvalidArgument -Target $Name; continue }
            ConvertTo-SimRegistryPropertyObject -Key $k -Names @($Name)
        }
    }
}

function Remove-ItemProperty {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)][Alias('PSProperty')][string[]]$Name,
        [switch]$Force,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'Remove-ItemProperty' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $k = Get-SimRegistryTarget -Cmdlet $PSCmdlet -Path $p.Path
            if (-not $k) { continue }
            foreach ($n in $Name) {
                if (-not $k.Values.ContainsKey($n.ToUpperInvariant())) { Write-SimError -Cmdlet $PSCmdlet -Message "Property $n does not exist at path $($k.Path -replace '^HKLM:', 'HKEY_LOCAL_MACHINE')." -Id 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.RemoveItemPropertyCommand' -Category InvalidArgument -Target $n; continue }
                $k.Values.Remove($n.ToUpperInvariant())
            }
        }
    }
}

# ---------------------------------------------------------------------------------------------
# Path cmdlets with Windows semantics.

function Join-SimPath {
    param([string]$Path, [string]$ChildPath)
    if (-not $ChildPath) { return $Path }
    $p = $Path.Replace('/', '\')
    $c = $ChildPath.Replace('/', '\')
    if ($p.EndsWith('\')) { $p = $p.TrimEnd('\') }
    $c = $c.TrimStart('\')
    if ($p.EndsWith(':')) { return "$p\$c" }
    "$p\$c"
}

function Join-Path {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath')][string[]]$Path,
        [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)][AllowNull()][AllowEmptyString()][string]$ChildPath,
        [Parameter(Position = 2, ValueFromRemainingArguments = $true)][AllowNull()][AllowEmptyString()][string[]]$AdditionalChildPath,
        [switch]$Resolve,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'Join-Path' -Bound $PSBoundParameters
        if ($PSBoundParameters.ContainsKey('AdditionalChildPath') -and (Get-SimState).PSEdition -eq 'Desktop') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'A positional parameter cannot be found that accepts argument (Windows PowerShell 5.1 has no -AdditionalChildPath).' -Id 'PositionalParameterNotFound,Microsoft.PowerShell.Commands.JoinPathCommand' -Category InvalidArgument }
        foreach ($p in $Path) {
            try { $null = Resolve-SimPath -Path $p } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'DriveNotFound,Microsoft.PowerShell.Commands.JoinPathCommand' -Category ObjectNotFound -Target $p }
            $out = Join-SimPath -Path $p -ChildPath $ChildPath
            foreach ($extra in @($AdditionalChildPath)) { if ($extra) { $out = Join-SimPath -Path $out -ChildPath $extra } }
            if ($Resolve) {
                $r = Resolve-SimPath -Path $out
                if (-not (Find-SimItems -Resolved $r -Literal $false).Count) { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $out -Resolved $r; continue }
            }
            $out
        }
    }
}

function Split-Path {
    [CmdletBinding(DefaultParameterSetName = 'ParentSet')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'ParentSet')][switch]$Parent,
        [Parameter(ParameterSetName = 'LeafSet', Mandatory = $true)][switch]$Leaf,
        [Parameter(ParameterSetName = 'LeafBaseSet', Mandatory = $true)][switch]$LeafBase,
        [Parameter(ParameterSetName = 'ExtensionSet', Mandatory = $true)][switch]$Extension,
        [Parameter(ParameterSetName = 'QualifierSet', Mandatory = $true)][switch]$Qualifier,
        [Parameter(ParameterSetName = 'NoQualifierSet', Mandatory = $true)][switch]$NoQualifier,
        [Parameter(ParameterSetName = 'IsAbsoluteSet', Mandatory = $true)][switch]$IsAbsolute,
        [switch]$Resolve,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'Split-Path' -Bound $PSBoundParameters
        foreach ($p in $Path) {
            $w = $p.Replace('/', '\')
            switch ($PSCmdlet.ParameterSetName) {
                'LeafSet' { Get-SimLeafName -Full $w }
                'LeafBaseSet' { $l = Get-SimLeafName -Full $w; if ($l.Contains('.')) { $l.Substring(0, $l.LastIndexOf('.')) } else { $l } }
                'ExtensionSet' { $l = Get-SimLeafName -Full $w; if ($l.Contains('.')) { $l.Substring($l.LastIndexOf('.')) } else { '' } }
                'QualifierSet' { if ($w -match '^([A-Za-z]+:)') { $Matches[1] } }
                'NoQualifierSet' { $w -replace '^[A-Za-z]+:', '' }
                'IsAbsoluteSet' { $w -match '^[A-Za-z]+:\\' }
                default { $parentPath = Get-SimParentPath -Full $w; if ($parentPath) { $parentPath.TrimEnd('\') + $(if ($parentPath -match ':\\$') { '\' } else { '' }) } else { '' } }
            }
        }
    }
}

function Resolve-Path {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [switch]$Relative,
        [string]$RelativeBasePath,
        [pscredential]$Credential
    )
    process {
        Add-SimCall -Name 'Resolve-Path' -Bound $PSBoundParameters
        foreach ($p in (Get-SimPathArgs -Cmdlet $PSCmdlet -Path $Path -LiteralPath $LiteralPath)) {
            $r = Resolve-SimPath -Path $p.Path
            $items = Find-SimItems -Resolved $r -Literal $p.Literal
            if (-not $items.Count) { Write-SimPathNotFound -Cmdlet $PSCmdlet -Path $p.Path -Resolved $r; continue }
            foreach ($i in $items) {
                $full = switch ($i.Kind) { 'FS' { $i.Entry.Path } 'Registry' { $i.Key.Path } default { $r.Full } }
                [pscustomobject]@{ PSTypeName = 'SimHost#System.Management.Automation.PathInfo'; Path = $full; ProviderPath = $full; Drive = $r.Drive }
            }
        }
    }
}
