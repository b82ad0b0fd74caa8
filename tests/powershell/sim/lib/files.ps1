# The simulated file system: folders and files in $State.Files, keyed by upper-case path, each
# with its security descriptor. Text content only (certificate files hold a serialized record).

function Get-SimFsEntry {
    param([Parameter(Mandatory = $true)][string]$Key)
    (Get-SimState).Files[$Key]
}

function Get-SimFsChildren {
    param([Parameter(Mandatory = $true)][string]$Key)
    $prefix = $Key.TrimEnd('\') + '\'
    $files = (Get-SimState).Files
    foreach ($k in @($files.Keys)) {
        if ($k.Length -gt $prefix.Length -and $k.StartsWith($prefix, [StringComparison]::Ordinal) -and $k.IndexOf('\', $prefix.Length) -lt 0) { $files[$k] }
    }
}

function Get-SimCreatorSids {
    $s = Get-SimState
    $owner = if ($s.User.Sid -eq 'S-1-5-18') { 'S-1-5-18' } elseif ($s.User.Elevated -and (Test-SimUserInGroup -Sid 'S-1-5-32-544')) { 'S-1-5-32-544' } else { $s.User.Sid }
    @{ Owner = $owner; Group = $s.User.PrimaryGroup }
}

# Creates a folder or file; the parent must exist. Its descriptor is inherited from the parent.
function New-SimFsEntry {
    param(
        [Parameter(Mandatory = $true)][string]$Full,
        [Parameter(Mandatory = $true)][ValidateSet('Directory', 'File')][string]$Type,
        [AllowNull()][string]$Content,
        [hashtable]$Creator
    )
    $s = Get-SimState
    $key = $Full.ToUpperInvariant()
    $parentFull = Get-SimParentPath -Full $Full
    if (-not $Creator) { $Creator = Get-SimCreatorSids }
    $aces = [System.Collections.Generic.List[object]]::new()
    if ($parentFull) {
        $parent = $s.Files[$parentFull.ToUpperInvariant()]
        if (-not $parent) { throw [System.IO.DirectoryNotFoundException]::new("Could not find a part of the path '$Full'.") }
        if ($parent.Type -ne 'Directory') { throw [System.IO.IOException]::new("The path '$parentFull' is a file, not a folder.") }
        $aces = Get-SimInheritedAces -ParentSd $parent.Acl -IsContainer ($Type -eq 'Directory') -ChildOwner $Creator.Owner -ChildGroup $Creator.Group
    }
    $entry = @{
        Path    = $Full
        Type    = $Type
        Content = $(if ($Type -eq 'File') { [string]$Content } else { $null })
        Acl     = @{ Owner = $Creator.Owner; Group = $Creator.Group; Protected = $false; Aces = $aces }
        Seq     = (New-SimCounter -Name 'file')
    }
    $s.Files[$key] = $entry
    $entry
}

# Creates every missing folder of a path (New-Item -Force / -ItemType Directory semantics).
function New-SimFsDirectoryTree {
    param([Parameter(Mandatory = $true)][string]$Full)
    $s = Get-SimState
    $r = Resolve-SimPath -Path $Full
    $current = $r.Drive + ':\'
    foreach ($part in $r.Parts) {
        $current = if ($current.EndsWith('\')) { $current + $part } else { $current + '\' + $part }
        $e = $s.Files[$current.ToUpperInvariant()]
        if (-not $e) { $null = New-SimFsEntry -Full $current -Type Directory }
        elseif ($e.Type -ne 'Directory') { throw [System.IO.IOException]::new("An item with the specified name $current already exists as a file.") }
    }
    $s.Files[$r.Key]
}

function Remove-SimFsEntry {
    param([Parameter(Mandatory = $true)][string]$Key)
    $files = (Get-SimState).Files
    $prefix = $Key.TrimEnd('\') + '\'
    foreach ($k in @($files.Keys)) { if ($k -eq $Key -or $k.StartsWith($prefix, [StringComparison]::Ordinal)) { $files.Remove($k) } }
}

# Sets a descriptor as SetNamedSecurityInfo does: inherited entries are recomputed from the
# parent (unless protected) and the change propagates to the children.
function Set-SimFsAcl {
    param([Parameter(Mandatory = $true)][hashtable]$Entry, [Parameter(Mandatory = $true)][hashtable]$Sd)
    $explicit = [System.Collections.Generic.List[object]]::new()
    foreach ($a in $Sd.Aces) { if (-not $a.Inherited) { $explicit.Add($a) } }
    $Entry.Acl = @{ Owner = $Sd.Owner; Group = $Sd.Group; Protected = [bool]$Sd.Protected; Aces = $explicit }
    if (-not $Entry.Acl.Protected) {
        $parentFull = Get-SimParentPath -Full $Entry.Path
        if ($parentFull) {
            $parent = Get-SimFsEntry -Key $parentFull.ToUpperInvariant()
            foreach ($a in (Get-SimInheritedAces -ParentSd $parent.Acl -IsContainer ($Entry.Type -eq 'Directory') -ChildOwner $Entry.Acl.Owner -ChildGroup $Entry.Acl.Group)) { $Entry.Acl.Aces.Add($a) }
        }
    }
    Set-SimCanonicalOrder -Sd $Entry.Acl
    Update-SimFsInheritance -Entry $Entry
}

function Update-SimFsInheritance {
    param([Parameter(Mandatory = $true)][hashtable]$Entry)
    if ($Entry.Type -ne 'Directory') { return }
    foreach ($child in @(Get-SimFsChildren -Key $Entry.Path.ToUpperInvariant())) {
        if ($child.Acl.Protected) { continue }
        $aces = [System.Collections.Generic.List[object]]::new()
        foreach ($a in $child.Acl.Aces) { if (-not $a.Inherited) { $aces.Add($a) } }
        foreach ($a in (Get-SimInheritedAces -ParentSd $Entry.Acl -IsContainer ($child.Type -eq 'Directory') -ChildOwner $child.Acl.Owner -ChildGroup $child.Acl.Group)) { $aces.Add($a) }
        $child.Acl.Aces = $aces
        Update-SimFsInheritance -Entry $child
    }
}

function Remove-SimFsFile {
    param([Parameter(Mandatory = $true)][string]$Path)
    $r = Resolve-SimPath -Path $Path
    $e = Get-SimFsEntry -Key $r.Key
    if ($e -and $e.Type -eq 'File') { (Get-SimState).Files.Remove($r.Key) }
}

function Test-SimFile {
    param([Parameter(Mandatory = $true)][string]$Path)
    $r = Resolve-SimPath -Path $Path
    $e = Get-SimFsEntry -Key $r.Key
    [bool]($e -and $e.Type -eq 'File')
}

function Read-SimFileText {
    param([Parameter(Mandatory = $true)][string]$Path, [string]$Caller)
    if ($Caller) { Add-SimCall -Name ('[' + $Caller) -Arguments @($Path) }
    $r = Resolve-SimPath -Path $Path
    $e = Get-SimFsEntry -Key $r.Key
    if (-not $e) { throw [System.IO.FileNotFoundException]::new("Could not find file '$($r.Full)'.") }
    if ($e.Type -ne 'File') { throw [System.UnauthorizedAccessException]::new("Access to the path '$($r.Full)' is denied.") }
    [string]$e.Content
}

function Write-SimFileText {
    param([Parameter(Mandatory = $true)][string]$Path, [AllowEmptyString()][string]$Text, [string]$Caller)
    if ($Caller) { Add-SimCall -Name ('[' + $Caller) -Arguments @($Path) }
    $r = Resolve-SimPath -Path $Path
    $e = Get-SimFsEntry -Key $r.Key
    if ($e) {
        if ($e.Type -ne 'File') { throw [System.UnauthorizedAccessException]::new("Access to the path '$($r.Full)' is denied.") }
        $e.Content = $Text
        return
    }
    $null = New-SimFsEntry -Full $r.Full -Type File -Content $Text
}

# ---------------------------------------------------------------------------------------------
# Content cmdlets (file system only).

function ConvertTo-SimText {
    param([object[]]$InputObject)
    if (-not $InputObject) { return '' }
    $items = [System.Collections.Generic.List[object]]::new()
    $allStrings = $true
    foreach ($o in $InputObject) { if ($null -ne $o) { $items.Add($o); if ($o -isnot [string]) { $allStrings = $false } } }
    if ($allStrings) { return ($items -join "`r`n") }
    # Format-* output must reach Out-String as one stream.
    $text = ($items | Out-String -Width 4096).TrimEnd("`r", "`n")
    ($text -split '\r?\n') -join "`r`n"
}

function Get-Content {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [long]$ReadCount = 1,
        [Alias('First', 'Head')][long]$TotalCount = -1,
        [Alias('Last')][int]$Tail = -1,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [switch]$Force,
        [pscredential]$Credential,
        [string]$Delimiter,
        [switch]$Wait,
        [switch]$Raw,
        [string]$Encoding,
        [switch]$AsByteStream,
        [string]$Stream
    )
    process {
        Add-SimCall -Name 'Get-Content' -Bound $PSBoundParameters
        foreach ($p in $(if ($PSCmdlet.ParameterSetName -eq 'LiteralPath') { $LiteralPath } else { $Path })) {
            $r = Resolve-SimPath -Path $p
            if ($r.Drive.Length -ne 1) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: Get-Content is only simulated for the file system ($p)." -Id 'NotSimulated' }
            $e = Get-SimFsEntry -Key $r.Key
            if (-not $e) { Write-SimError -Cmdlet $PSCmdlet -Message "Cannot find path '$($r.Full)' because it does not exist." -Id 'PathNotFound' -Category ObjectNotFound -Target $p; continue }
            if ($e.Type -ne 'File') { Write-SimError -Cmdlet $PSCmdlet -Message "Access to the path '$($r.Full)' is denied." -Id 'GetContentReaderUnauthorizedAccessError' -Category PermissionDenied -Target $p; continue }
            if ($Raw) { $e.Content; continue }
            $lines = @(([string]$e.Content) -split '\r?\n')
            if ($lines.Count -gt 0 -and $lines[-1] -eq '') { $lines = @($lines | Select-Object -SkipLast 1) }
            if ($TotalCount -ge 0) { $lines = @($lines | Select-Object -First $TotalCount) }
            if ($Tail -ge 0) { $lines = @($lines | Select-Object -Last $Tail) }
            $lines
        }
    }
}

function Set-Content {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Mandatory = $true, Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][AllowNull()][AllowEmptyCollection()][object[]]$Value,
        [switch]$PassThru,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [switch]$Force,
        [pscredential]$Credential,
        [switch]$NoNewline,
        [string]$Encoding,
        [switch]$AsByteStream,
        [string]$Stream
    )
    begin { $buffer = [System.Collections.Generic.List[object]]::new() }
    process { foreach ($v in $Value) { $buffer.Add($v) } }
    end {
        Add-SimCall -Name 'Set-Content' -Bound $PSBoundParameters
        $text = ConvertTo-SimText -InputObject $buffer.ToArray()
        if (-not $NoNewline) { $text += "`r`n" }
        foreach ($p in $(if ($PSCmdlet.ParameterSetName -eq 'LiteralPath') { $LiteralPath } else { $Path })) {
            try { Write-SimFileText -Path $p -Text $text } catch { Write-SimError -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'SetContentWriterError' -Target $p }
        }
    }
}

$script:SimEncodings = @('ascii', 'bigendianunicode', 'bigendianutf32', 'oem', 'unicode', 'utf7', 'utf8', 'utf8bom', 'utf8nobom', 'utf32', 'default', 'byte', 'string', 'unknown')

function Out-File {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByPath')]
    param(
        [Parameter(ParameterSetName = 'ByPath', Mandatory = $true, Position = 0)][Alias('Path')][string]$FilePath,
        [Parameter(ParameterSetName = 'ByLiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string]$LiteralPath,
        [Parameter(Position = 1)][ValidateNotNullOrEmpty()][string]$Encoding,
        [switch]$Append,
        [switch]$Force,
        [Alias('NoOverwrite')][switch]$NoClobber,
        [ValidateRange(2, 2147483647)][int]$Width,
        [switch]$NoNewline,
        [Parameter(ValueFromPipeline = $true)][psobject]$InputObject
    )
    begin {
        if ($Encoding -and $script:SimEncodings -notcontains $Encoding.ToLowerInvariant() -and $Encoding -notmatch '^\d+$') {
            Stop-SimCommand -Cmdlet $PSCmdlet -Message "Cannot process argument transformation on parameter 'Encoding'. '$Encoding' is not a supported encoding name." -Id 'ParameterArgumentTransformationError' -Category InvalidArgument
        }
        $buffer = [System.Collections.Generic.List[object]]::new()
    }
    process { if ($null -ne $InputObject) { $buffer.Add($InputObject) } }
    end {
        Add-SimCall -Name 'Out-File' -Bound $PSBoundParameters
        $target = if ($PSCmdlet.ParameterSetName -eq 'ByLiteralPath') { $LiteralPath } else { $FilePath }
        $text = ConvertTo-SimText -InputObject $buffer.ToArray()
        if (-not $NoNewline) { $text += "`r`n" }
        $r = Resolve-SimPath -Path $target
        $existing = Get-SimFsEntry -Key $r.Key
        if ($existing -and $NoClobber) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The file '$($r.Full)' already exists." -Id 'NoClobber' -Category ResourceExists -Target $target }
        if ($Append -and $existing) { $text = [string]$existing.Content + $text }
        try { Write-SimFileText -Path $r.Full -Text $text } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'FileOpenFailure' -Target $target }
    }
}

function Export-Clixml {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByPath')]
    param(
        [ValidateRange(1, 2147483647)][int]$Depth,
        [Parameter(ParameterSetName = 'ByPath', Mandatory = $true, Position = 0)][string]$Path,
        [Parameter(ParameterSetName = 'ByLiteralPath', Mandatory = $true)][Alias('PSPath', 'LP')][string]$LiteralPath,
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)][AllowNull()][psobject]$InputObject,
        [switch]$Force,
        [Alias('NoOverwrite')][switch]$NoClobber,
        [string]$Encoding
    )
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end {
        Add-SimCall -Name 'Export-Clixml' -Bound $PSBoundParameters
        $target = if ($PSCmdlet.ParameterSetName -eq 'ByLiteralPath') { $LiteralPath } else { $Path }
        $d = if ($PSBoundParameters.ContainsKey('Depth')) { $Depth } else { 2 }
        $obj = if ($items.Count -eq 1) { $items[0] } else { $items.ToArray() }
        $xml = [System.Management.Automation.PSSerializer]::Serialize($obj, $d)
        $r = Resolve-SimPath -Path $target
        if ($NoClobber -and (Get-SimFsEntry -Key $r.Key)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The file '$($r.Full)' already exists." -Id 'NoClobber' -Category ResourceExists -Target $target }
        try { Write-SimFileText -Path $r.Full -Text $xml } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'FileOpenFailure' -Target $target }
    }
}

function Import-Clixml {
    [CmdletBinding(DefaultParameterSetName = 'ByPath')]
    param(
        [Parameter(ParameterSetName = 'ByPath', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'ByLiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [switch]$IncludeTotalCount,
        [uint64]$Skip,
        [uint64]$First
    )
    process {
        Add-SimCall -Name 'Import-Clixml' -Bound $PSBoundParameters
        foreach ($p in $(if ($PSCmdlet.ParameterSetName -eq 'ByLiteralPath') { $LiteralPath } else { $Path })) {
            $r = Resolve-SimPath -Path $p
            $e = Get-SimFsEntry -Key $r.Key
            if (-not $e -or $e.Type -ne 'File') { Write-SimError -Cmdlet $PSCmdlet -Message "Could not find file '$($r.Full)'." -Id 'FileOpenFailure' -Category OpenError -Target $p; continue }
            try { [System.Management.Automation.PSSerializer]::Deserialize([string]$e.Content) }
            catch { Write-SimError -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'System.Xml.XmlException' -Category InvalidData -Target $p }
        }
    }
}

function New-TemporaryFile {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param()
    Add-SimCall -Name 'New-TemporaryFile' -Bound $PSBoundParameters
    $s = Get-SimState
    $name = 'tmp' + (New-SimHex -Seed ('tmp' + (New-SimCounter -Name 'tempfile') + $s.Host.Name) -Length 4) + '.tmp'
    $dir = $s.User.Profile + '\AppData\Local\Temp'
    $null = New-SimFsDirectoryTree -Full $dir
    $e = New-SimFsEntry -Full "$dir\$name" -Type File -Content ''
    ConvertTo-SimFsItem -Entry $e
}

function Get-FileHash {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(ParameterSetName = 'Stream', Mandatory = $true)][System.IO.Stream]$InputStream,
        [ValidateSet('SHA1', 'SHA256', 'SHA384', 'SHA512', 'MD5')][string]$Algorithm = 'SHA256'
    )
    process {
        Add-SimCall -Name 'Get-FileHash' -Bound $PSBoundParameters
        if ($PSCmdlet.ParameterSetName -eq 'Stream') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: Get-FileHash -InputStream is not simulated.' -Id 'NotSimulated' }
        foreach ($p in $(if ($PSCmdlet.ParameterSetName -eq 'LiteralPath') { $LiteralPath } else { $Path })) {
            $r = Resolve-SimPath -Path $p
            $e = Get-SimFsEntry -Key $r.Key
            if (-not $e -or $e.Type -ne 'File') { Write-SimError -Cmdlet $PSCmdlet -Message "Cannot find path '$($r.Full)' because it does not exist." -Id 'FileNotFound,Microsoft.PowerShell.Commands.GetFileHashCommand' -Category ObjectNotFound -Target $p; continue }
            $algo = [System.Security.Cryptography.HashAlgorithm]$(switch ($Algorithm) { 'SHA1' { [System.Security.Cryptography.SHA1]::Create() } 'SHA384' { [System.Security.Cryptography.SHA384]::Create() } 'SHA512' { [System.Security.Cryptography.SHA512]::Create() } 'MD5' { [System.Security.Cryptography.MD5]::Create() } default { [System.Security.Cryptography.SHA256]::Create() } })
            try { $hash = -join ($algo.ComputeHash([System.Text.Encoding]::UTF8.GetBytes([string]$e.Content)) | ForEach-Object { $_.ToString('X2') }) } finally { $algo.Dispose() }
            [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.PowerShell.Commands.FileHashInfo'; Algorithm = $Algorithm; Hash = $hash; Path = $e.Path }
        }
    }
}
