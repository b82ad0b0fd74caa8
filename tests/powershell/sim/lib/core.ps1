# Core helpers: paths, errors that behave like a compiled cmdlet's, the call log, the clock.

# Functions whose names start with these verbs-nouns are internal helpers, not shadows.
$script:SimInternalPattern = '^(?:[A-Za-z]+-Sim|ConvertTo-Sim|ConvertFrom-Sim|Copy-Sim|Resolve-Sim|Test-Sim|Read-Sim|Write-Sim|Add-Sim|Remove-Sim|Set-Sim|Get-Sim|New-Sim|Invoke-Sim|Use-Sim|Find-Sim|Format-Sim)'

$script:SimShadowCache = $null

# Time spent per phase (SIM_PROFILE=1 prints it): Measure-SimPhase -Name x -Since $ticks.
$script:SimProfile = [System.Collections.Generic.Dictionary[string, long]]::new()
function Measure-SimPhase {
    param([string]$Name, [long]$Since)
    $elapsed = [System.Diagnostics.Stopwatch]::GetTimestamp() - $Since
    $current = 0L
    $null = $script:SimProfile.TryGetValue($Name, [ref]$current)
    $script:SimProfile[$Name] = $current + $elapsed
}
function Get-SimProfile {
    foreach ($k in $script:SimProfile.Keys) { [pscustomobject]@{ Phase = $k; Seconds = [math]::Round($script:SimProfile[$k] / [System.Diagnostics.Stopwatch]::Frequency, 2) } }
}

# The public helpers the runner and the tests call (besides every shadow).
$script:SimPublicHelpers = @('New-SimState', 'Get-SimSnapshot', 'Invoke-SimScript', 'Use-SimHost', 'Copy-SimState', 'Get-SimShadowNames', 'Get-SimProfile',
    'Invoke-SimMutation', 'Invoke-SimProgram', 'Get-SimFileByName', 'Copy-SimFileBetweenHosts', 'Get-SimCertificateFileThumbprint', 'Get-SimExportedFunctions', 'Test-SimFile',
    'Add-SimGpo', 'Get-SimGpoStoreJson', 'Invoke-SimGpoApply')

function Get-SimExportedFunctions {
    $root = $PSScriptRoot
    $all = Microsoft.PowerShell.Management\Get-ChildItem -Path Function: | Where-Object { $_.ScriptBlock.File -and $_.ScriptBlock.File.StartsWith($root) } | Select-Object -ExpandProperty Name
    @($all | Where-Object { $_ -notmatch $script:SimInternalPattern }) + $script:SimPublicHelpers
}

# Names the generated scripts may call: every shadow (exported, not an internal helper).
function Get-SimShadowNames {
    if (-not $script:SimShadowCache) {
        $script:SimShadowCache = @((Microsoft.PowerShell.Core\Get-Module SimHost).ExportedFunctions.Keys | Where-Object { $_ -notin $script:SimPublicHelpers })
    }
    $script:SimShadowCache
}

function Get-SimState {
    $s = [SimContext]::State
    if ($null -eq $s) { throw 'SimHost: no current host (Use-SimHost first).' }
    $s
}

function Use-SimHost {
    param([Parameter(Mandatory = $true)][hashtable]$State)
    [SimContext]::State = $State
    $env:OS = 'Windows_NT'
    $env:ProgramData = 'C:\ProgramData'
    $env:ALLUSERSPROFILE = 'C:\ProgramData'
    $env:ProgramFiles = 'C:\Program Files'
    ${env:ProgramFiles(x86)} = 'C:\Program Files (x86)'
    $env:SystemRoot = 'C:\Windows'
    $env:windir = 'C:\Windows'
    $env:SystemDrive = 'C:'
    $env:COMPUTERNAME = $State.Host.Name
    $user = $State.User.Name
    $env:USERNAME = ($user -split '\\')[-1]
    $env:USERDOMAIN = if ($user.Contains('\')) { ($user -split '\\')[0] } else { $State.Host.Name }
    $env:USERPROFILE = $State.User.Profile
    $env:HOMEDRIVE = 'C:'
    $env:HOMEPATH = $State.User.Profile.Substring(2)
    $env:TEMP = $State.User.Profile + '\AppData\Local\Temp'
    $env:LOCALAPPDATA = $State.User.Profile + '\AppData\Local'
    $env:USERDNSDOMAIN = $(if ($user.Contains('\') -and $State.Host.DnsDomain) { $State.Host.DnsDomain.ToUpperInvariant() } else { $null })
    $env:TMP = $env:TEMP
    Set-Variable -Name HOME -Value $State.User.Profile -Scope Global -Force
    # The simulated host is Windows ($IsWindows is ReadOnly, not Constant).
    Set-Variable -Name IsWindows -Value $true -Scope Global -Force
    Set-Variable -Name IsLinux -Value $false -Scope Global -Force
    Set-Variable -Name IsMacOS -Value $false -Scope Global -Force
}

# ---------------------------------------------------------------------------------------------
# Paths. Every simulated path is Windows-style; the key is the upper-case form.

$script:SimProviderPrefixes = @(
    @{ Pattern = '^(?:Microsoft\.PowerShell\.Core\\)?FileSystem::'; Replace = '' }
    @{ Pattern = '^(?:Microsoft\.PowerShell\.Core\\)?Registry::HKEY_LOCAL_MACHINE'; Replace = 'HKLM:' }
    @{ Pattern = '^(?:Microsoft\.PowerShell\.Core\\)?Registry::HKEY_CURRENT_USER'; Replace = 'HKCU:' }
    @{ Pattern = '^(?:Microsoft\.PowerShell\.Core\\)?Registry::HKLM'; Replace = 'HKLM:' }
    @{ Pattern = '^(?:Microsoft\.WSMan\.Management\\)?WSMan::'; Replace = 'WSMan:\' }
    @{ Pattern = '^(?:Microsoft\.PowerShell\.Security\\)?Certificate::'; Replace = 'Cert:\' }
)

# Returns @{ Drive; Full; Key; Parts } for a path as the scripts write it. Absolute paths without
# 8.3 names resolve the same on every host: those results are kept (callers never change them).
$script:SimPathCache = [System.Collections.Generic.Dictionary[string, hashtable]]::new([StringComparer]::Ordinal)
function Resolve-SimPath {
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Path)
    $cached = $null
    if ($script:SimPathCache.TryGetValue($Path, [ref]$cached)) { return $cached }
    $resolved = Resolve-SimPathUncached -Path $Path
    if ($Path -match '^[A-Za-z]+:' -and -not $Path.Contains('~')) { $script:SimPathCache[$Path] = $resolved }
    $resolved
}

function Resolve-SimPathUncached {
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Path)
    $p = $Path
    foreach ($prefix in $script:SimProviderPrefixes) {
        if ($p -match $prefix.Pattern) { $p = $p -replace $prefix.Pattern, $prefix.Replace; break }
    }
    $p = $p.Replace('/', '\')
    if ($p -match '^~(\\|$)') { $p = (Get-SimState).User.Profile + $p.Substring(1) }
    $drive = $null
    if ($p -match '^([A-Za-z]+):(.*)$') {
        $drive = $Matches[1]
        $rest = $Matches[2]
    }
    else {
        # Relative path: the simulated current location is the user's profile folder.
        $drive = 'C'
        $rest = (Get-SimState).User.Profile.Substring(2) + '\' + $p
    }
    $driveName = switch -Regex ($drive) {
        '^[A-Za-z]$' { $drive.ToUpperInvariant(); break }
        '^(?i)hklm$' { 'HKLM'; break }
        '^(?i)hkcu$' { 'HKCU'; break }
        '^(?i)wsman$' { 'WSMan'; break }
        '^(?i)cert$' { 'Cert'; break }
        default { throw (New-SimErrorRecord -Message ("Cannot find drive. A drive with the name '{0}' does not exist." -f $drive) -Id 'DriveNotFound' -Category ObjectNotFound -Target $drive) }
    }
    $parts = [System.Collections.Generic.List[string]]::new()
    foreach ($seg in ($rest -split '\\')) {
        if ($seg -eq '' -or $seg -eq '.') { continue }
        if ($seg -eq '..') { if ($parts.Count) { $parts.RemoveAt($parts.Count - 1) }; continue }
        $parts.Add($seg)
    }
    if ($driveName.Length -eq 1 -and $rest.Contains('~')) { $parts = Resolve-SimShortNames -Drive $driveName -Parts $parts }
    $root = if ($driveName.Length -eq 1) { "${driveName}:\" } else { "${driveName}:\" }
    $full = $root + ($parts -join '\')
    @{ Drive = $driveName; Full = $full; Key = $full.ToUpperInvariant(); Parts = $parts.ToArray(); Original = $Path }
}

function Get-SimParentPath {
    param([string]$Full)
    $i = $Full.TrimEnd('\').LastIndexOf('\')
    if ($i -lt 0) { return $null }
    $parent = $Full.Substring(0, $i)
    if ($parent.EndsWith(':')) { $parent += '\' }
    if ($parent -eq $Full) { return $null }
    $parent
}

function Get-SimLeafName {
    param([string]$Full)
    $t = $Full.TrimEnd('\')
    $i = $t.LastIndexOf('\')
    if ($i -lt 0) { return $t }
    $t.Substring($i + 1)
}

function Test-SimWildcard {
    param([string]$Text)
    [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($Text)
}

# ---------------------------------------------------------------------------------------------
# Errors. A shadow raises its errors through these so that they behave like a compiled cmdlet's:
# non-terminating unless the caller's ErrorActionPreference (or -ErrorAction) says Stop.

function New-SimErrorRecord {
    param(
        [Parameter(Mandatory = $true)][string]$Message,
        [string]$Id = 'Error',
        [System.Management.Automation.ErrorCategory]$Category = 'InvalidOperation',
        [object]$Target,
        [string]$ExceptionType = 'System.InvalidOperationException'
    )
    $exception = New-Object -TypeName $ExceptionType -ArgumentList $Message
    [System.Management.Automation.ErrorRecord]::new($exception, "Sim.$Id", $Category, $Target)
}

function Get-SimCallerPreference {
    param([Parameter(Mandatory = $true)]$Cmdlet)
    if ($Cmdlet.MyInvocation.BoundParameters.ContainsKey('ErrorAction')) { return [string]$Cmdlet.MyInvocation.BoundParameters['ErrorAction'] }
    $value = $Cmdlet.SessionState.PSVariable.GetValue('ErrorActionPreference')
    if ($null -eq $value) { return 'Continue' }
    [string]$value
}

# A non-terminating error (Get-Item on a missing path and the like).
function Write-SimError {
    param(
        [Parameter(Mandatory = $true)]$Cmdlet,
        [Parameter(Mandatory = $true)][string]$Message,
        [string]$Id = 'Error',
        [System.Management.Automation.ErrorCategory]$Category = 'InvalidOperation',
        [object]$Target
    )
    $record = New-SimErrorRecord -Message $Message -Id $Id -Category $Category -Target $Target
    Add-SimErrorLog -Cmdlet $Cmdlet -Message $Message
    $pref = Get-SimCallerPreference -Cmdlet $Cmdlet
    if ($Cmdlet.MyInvocation.BoundParameters.ContainsKey('ErrorAction')) { $Cmdlet.WriteError($record); return }
    switch ($pref) {
        'Stop' { $Cmdlet.ThrowTerminatingError($record) }
        'SilentlyContinue' { return }
        'Ignore' { return }
        default { $Cmdlet.WriteError($record) }
    }
}

# A terminating error (invalid arguments, refused operations).
function Stop-SimCommand {
    param(
        [Parameter(Mandatory = $true)]$Cmdlet,
        [Parameter(Mandatory = $true)][string]$Message,
        [string]$Id = 'Error',
        [System.Management.Automation.ErrorCategory]$Category = 'InvalidOperation',
        [object]$Target
    )
    Add-SimErrorLog -Cmdlet $Cmdlet -Message $Message
    $Cmdlet.ThrowTerminatingError((New-SimErrorRecord -Message $Message -Id $Id -Category $Category -Target $Target))
}

function Add-SimErrorLog {
    param($Cmdlet, [string]$Message)
    $s = [SimContext]::State
    if ($null -ne $s) { $s.Errors.Add(('{0}: {1}' -f $Cmdlet.MyInvocation.MyCommand.Name, $Message)) }
}

# ---------------------------------------------------------------------------------------------
# Call log: every shadow records its name and bound parameters.

function Format-SimValue {
    param($Value)
    [SimHost.SimNative]::Format($Value, 0)
}

function Add-SimCall {
    param([Parameter(Mandatory = $true)][string]$Name, [System.Collections.IDictionary]$Bound, [string[]]$Arguments)
    $s = [SimContext]::State
    if ($null -eq $s) { return }
    $entry = [ordered]@{ Command = $Name; Parameters = [SimHost.SimNative]::FormatBound($Bound) }
    if ($null -ne $Arguments) { $entry.Arguments = [string[]]$Arguments }
    $s.Calls.Add($entry)
}

# ---------------------------------------------------------------------------------------------
# Clock: Get-Date and Start-Sleep use simulated time, so backup folder names are predictable
# and no test waits.

function Get-SimNow { (Get-SimState).Clock }
function Add-SimTime {
    param([double]$Seconds)
    $s = Get-SimState
    $s.Clock = $s.Clock.AddSeconds($Seconds)
}

# Deterministic pseudo-random hex (thumbprints, serial numbers, ids).
function New-SimHex {
    param([Parameter(Mandatory = $true)][string]$Seed, [int]$Length = 40)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        $bytes = $sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Seed))
    }
    finally { $sha.Dispose() }
    $hex = -join ($bytes | ForEach-Object { $_.ToString('X2') })
    while ($hex.Length -lt $Length) { $hex += $hex }
    $hex.Substring(0, $Length)
}

function New-SimCounter {
    param([string]$Name)
    $s = Get-SimState
    if (-not $s.Counters.ContainsKey($Name)) { $s.Counters[$Name] = 0 }
    $s.Counters[$Name]++
    $s.Counters[$Name]
}

# Deep copy of the state graph (hashtables, lists, arrays, strings, values).
function Copy-SimObject {
    param($Value)
    , [SimHost.SimNative]::DeepCopy($Value)
}

# 8.3 short names (on by default on the system volume): the first "Program Files" folder is
# PROGRA~1, the next name with the same first six letters PROGRA~2, and so on, in the order the
# entries were created (their Seq).
function Get-SimShortName {
    param([hashtable]$Entry)
    $name = Get-SimLeafName -Full $Entry.Path
    if ($Entry.Path.Length -le 3) { return $Entry.Path.Substring(0, 2) }
    $base, $ext = if ($name.Contains('.')) { $name.Substring(0, $name.LastIndexOf('.')), $name.Substring($name.LastIndexOf('.') + 1) } else { $name, '' }
    if ($name -notmatch '\s' -and $base.Length -le 8 -and $ext.Length -le 3 -and $name -notmatch '\..*\.' -and $name -notmatch '[+,;=\[\]]') { return $name.ToUpperInvariant() }
    $cleanBase = ($base -replace '[^A-Za-z0-9]', '').ToUpperInvariant()
    $cleanExt = ($ext -replace '[^A-Za-z0-9]', '').ToUpperInvariant()
    $prefix = $cleanBase.Substring(0, [Math]::Min(6, $cleanBase.Length))
    $rank = 1
    $parent = Get-SimParentPath -Full $Entry.Path
    foreach ($sibling in @(Get-SimFsChildren -Key $parent.ToUpperInvariant())) {
        if ($sibling.Seq -ge $Entry.Seq) { continue }
        $sName = Get-SimLeafName -Full $sibling.Path
        $sBase = if ($sName.Contains('.')) { $sName.Substring(0, $sName.LastIndexOf('.')) } else { $sName }
        $sClean = ($sBase -replace '[^A-Za-z0-9]', '').ToUpperInvariant()
        $needsShort = $sName -match '\s' -or $sBase.Length -gt 8 -or ($sName.Contains('.') -and ($sName.Length - $sBase.Length - 1) -gt 3)
        if ($needsShort -and $sClean.Substring(0, [Math]::Min(6, $sClean.Length)) -eq $prefix) { $rank++ }
    }
    $short = $prefix + '~' + $rank
    if ($cleanExt) { $short += '.' + $cleanExt.Substring(0, [Math]::Min(3, $cleanExt.Length)) }
    $short
}

function Resolve-SimShortNames {
    param([string]$Drive, [System.Collections.Generic.List[string]]$Parts)
    $s = Get-SimState
    $out = [System.Collections.Generic.List[string]]::new()
    $current = "${Drive}:\"
    foreach ($p in $Parts) {
        $resolved = $p
        if ($p.Contains('~') -and $s.Host.ShortNames) {
            foreach ($child in @(Get-SimFsChildren -Key $current.ToUpperInvariant())) {
                if ((Get-SimShortName -Entry $child) -ieq $p) { $resolved = Get-SimLeafName -Full $child.Path; break }
            }
        }
        $out.Add($resolved)
        $current = if ($current.EndsWith('\')) { $current + $resolved } else { $current + '\' + $resolved }
    }
    , $out
}
