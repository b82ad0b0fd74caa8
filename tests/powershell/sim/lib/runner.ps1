# Invoke-SimScript: runs a generated script on a simulated host and reports how it ended.
#
# Before running, every command the script names must be a shadow, a function the script
# defines, or a pure built-in (the allow-list below), and every .NET type it names must be
# modelled; otherwise the script is not run and the outcome is UnknownCommand / UnknownType.
#
# Outcomes: Success, ScriptThrow (the script's own `throw`), CmdletError (a shadow failed as the
# real cmdlet would), BindingError (wrong parameter name/type/set), RuntimeError (any other error
# in the script), SessionLost (the script cut its own remote session), Requires (#Requires not
# met), ParseError, UnknownCommand, UnknownType, NotSimulated (the script needs something the
# simulation does not model), SimError (a bug in the simulation).

$script:SimAllowedCache = $null
$script:SimBuiltins = @(
    'Write-Host', 'Write-Warning', 'Write-Output', 'Write-Verbose', 'Write-Debug', 'Write-Information', 'Write-Error', 'Write-Progress',
    'ForEach-Object', 'Where-Object', 'Select-Object', 'Sort-Object', 'Measure-Object', 'Group-Object', 'Compare-Object', 'Select-String',
    'Format-List', 'Format-Table', 'Format-Wide', 'Out-Null', 'Out-String', 'Out-Host', 'ConvertTo-Json', 'ConvertFrom-Json', 'ConvertTo-Csv', 'ConvertFrom-Csv',
    'New-Object', 'Get-Member', 'Add-Member', 'New-TimeSpan', 'Get-Variable', 'Set-Variable', 'Set-StrictMode', 'ConvertTo-SecureString', 'Get-Unique', 'Join-String'
)

$script:SimAllowedTypes = @(
    'string', 'int', 'int32', 'long', 'int64', 'bool', 'boolean', 'double', 'decimal', 'byte', 'char', 'array', 'object', 'hashtable', 'ordered', 'pscustomobject', 'psobject',
    'datetime', 'timespan', 'version', 'guid', 'regex', 'uri', 'scriptblock', 'pscredential', 'securestring', 'switch', 'void', 'type', 'uint32', 'uint64', 'uint16', 'int16', 'bigint',
    'environment', 'math', 'convert', 'bitconverter', 'stringcomparison', 'ipaddress',
    'system.string', 'system.int32', 'system.int64', 'system.boolean', 'system.object', 'system.array', 'system.datetime', 'system.timespan', 'system.version', 'system.guid', 'system.uri',
    'system.environment', 'system.math', 'system.convert', 'system.bitconverter', 'system.stringcomparison', 'system.uint32', 'system.uint64', 'system.char', 'system.byte',
    'collections.generic.list', 'system.collections.generic.list', 'system.collections.arraylist', 'collections.arraylist', 'system.collections.hashtable',
    'system.collections.generic.dictionary', 'collections.generic.dictionary', 'system.collections.generic.hashset', 'collections.generic.hashset',
    'system.collections.specialized.ordereddictionary',
    'text.stringbuilder', 'system.text.stringbuilder', 'text.encoding', 'system.text.encoding', 'text.utf8encoding', 'system.text.utf8encoding',
    'net.ipaddress', 'system.net.ipaddress', 'net.sockets.addressfamily', 'system.net.sockets.addressfamily', 'numerics.biginteger', 'system.numerics.biginteger',
    'system.text.regularexpressions.regex', 'text.regularexpressions.regex', 'system.globalization.cultureinfo', 'globalization.cultureinfo', 'cultureinfo',
    'system.management.automation.actionpreference', 'management.automation.actionpreference', 'system.management.automation.pscredential',
    'security.cryptography.x509certificates.x509nametype', 'system.security.cryptography.x509certificates.x509nametype',
    'security.principal.windowsbuiltinrole', 'system.security.principal.windowsbuiltinrole', 'security.principal.wellknownsidtype', 'system.security.principal.wellknownsidtype',
    'security.accesscontrol.filesystemrights', 'system.security.accesscontrol.filesystemrights', 'security.accesscontrol.inheritanceflags', 'system.security.accesscontrol.inheritanceflags',
    'security.accesscontrol.propagationflags', 'system.security.accesscontrol.propagationflags', 'security.accesscontrol.accesscontroltype', 'system.security.accesscontrol.accesscontroltype',
    'security.accesscontrol.accesscontrolsections', 'system.security.accesscontrol.accesscontrolsections',
    'ref', 'system.collections.idictionary', 'collections.idictionary', 'system.collections.ienumerable', 'system.io.fileattributes', 'io.fileattributes',
    'system.security.cryptography.sha256', 'security.cryptography.sha256', 'system.text.utf8encoding', 'system.datetimeoffset', 'datetimeoffset'
)

function Get-SimAllowedCommandNames {
    if ($script:SimAllowedCache) { return $script:SimAllowedCache }
    $set = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    foreach ($n in (Get-SimShadowNames)) { [void]$set.Add($n) }
    foreach ($a in (Microsoft.PowerShell.Core\Get-Module SimHost).ExportedAliases.Keys) { [void]$set.Add($a) }
    foreach ($n in $script:SimBuiltins) { [void]$set.Add($n) }
    foreach ($alias in @('%', '?', 'foreach', 'where', 'select', 'sort', 'measure', 'group', 'fl', 'ft', 'ogv')) { if ($alias -ne 'ogv') { [void]$set.Add($alias) } }
    $script:SimAllowedCache = $set
    $set
}

function Test-SimScriptNames {
    param([System.Collections.IDictionary]$Scan)
    $allowed = Get-SimAllowedCommandNames
    $defined = [System.Collections.Generic.HashSet[string]]::new([string[]]$Scan.Functions, [StringComparer]::OrdinalIgnoreCase)
    $unknownCommands = [System.Collections.Generic.List[string]]::new()
    foreach ($entry in $Scan.Commands) {
        $name, $line = $entry.Split('|')
        if (-not $allowed.Contains($name) -and -not $defined.Contains($name)) { $unknownCommands.Add(('{0} (line {1})' -f $name, $line)) }
    }
    $unknownTypes = [System.Collections.Generic.List[string]]::new()
    $accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')::Get
    foreach ($full in $Scan.Types) {
        $base = ($full -replace '\[.*$', '').ToLowerInvariant()
        if ($script:SimAllowedTypes -contains $base) { continue }
        $mapped = $null
        if ($accelerators.TryGetValue($base, [ref]$mapped) -and $mapped.Assembly.IsDynamic) { continue }
        if ($unknownTypes -notcontains $full) { $unknownTypes.Add($full) }
    }
    @{ Commands = @($unknownCommands); Types = @($unknownTypes) }
}

function ConvertTo-SimOutputLine {
    param($Item)
    if ($null -eq $Item) { return '' }
    if ($Item -is [System.Management.Automation.InformationRecord]) { return [string]$Item.MessageData }
    if ($Item -is [System.Management.Automation.WarningRecord]) { return 'WARNING: ' + $Item.Message }
    if ($Item -is [System.Management.Automation.ErrorRecord]) { return 'ERROR: ' + $Item.Exception.Message }
    if ($Item -is [System.Management.Automation.VerboseRecord]) { return 'VERBOSE: ' + $Item.Message }
    if ($Item -is [string]) { return $Item }
    ($Item | Out-String -Width 200).TrimEnd()
}

$script:SimBindingIds = '^(?:Sim\.)?(NamedParameterNotFound|ParameterArgumentValidationError|ParameterArgumentTransformationError|MissingMandatoryParameter|AmbiguousParameterSet|PositionalParameterNotFound|CannotConvertArgumentNoMessage|InputObjectNotBound|ParameterBindingFailed|GetDynamicParametersException|CannotConvertArgument|MissingArgument)'

function Get-SimErrorOutcome {
    param([System.Management.Automation.ErrorRecord]$Record, [string[]]$SimFiles)
    $ex = $Record.Exception
    $fqid = [string]$Record.FullyQualifiedErrorId
    if ($ex -is [System.Management.Automation.ParameterBindingException] -or $fqid -match $script:SimBindingIds) { return 'BindingError' }
    if ($fqid -like 'Sim.NotSimulated*') { return 'NotSimulated' }
    if ($ex -is [System.Management.Automation.CommandNotFoundException] -or $fqid -like 'Sim.CommandNotFoundException*' -or $fqid -like 'CommandNotFoundException*') { return 'UnknownCommand' }
    if ($fqid -like 'Sim.*') { return 'CmdletError' }
    $scriptName = [string]$Record.InvocationInfo.ScriptName
    $inSim = $scriptName -and ($SimFiles | Where-Object { $scriptName -like "$_*" })
    if ($ex -is [System.Management.Automation.RuntimeException] -and $ex.WasThrownFromThrowStatement -and -not $inSim) { return 'ScriptThrow' }
    $stack = [string]$Record.ScriptStackTrace
    $top = ($stack -split "`n")[0]
    if ($inSim -or ($top -match 'tests[/\\]powershell[/\\]sim' -and $ex.Message -like 'SimHost:*')) { return $(if ($ex.Message -like 'SimHost:*not simulated*') { 'NotSimulated' } else { 'SimError' }) }
    if ($ex.Message -like 'SimHost:*') { return 'NotSimulated' }
    'RuntimeError'
}

# Replaces "$Name = ..." (the first assignment at the start of a line) with a new value.
function Set-SimScriptVariable {
    param([string]$Text, [string]$Name, [string]$ValueCode)
    $rx = [regex]::new('(?m)^\$' + [regex]::Escape($Name) + ' = .*$')
    if (-not $rx.IsMatch($Text)) { return $Text }
    $rx.Replace($Text, ('$' + $Name + ' = ' + $ValueCode).Replace('$', '$$'), 1)
}

$script:SimRootPath = [System.IO.Path]::GetFullPath("$PSScriptRoot/..")
$script:SimInvoker = [scriptblock]::Create(@'
param($__simWrapper, $__simText, $__simDesktop, $__simOutput)
$__simPs = [powershell]::Create([System.Management.Automation.RunspaceMode]::CurrentRunspace)
try {
    $null = $__simPs.AddScript($__simWrapper).AddArgument($__simText).AddArgument($__simDesktop)
    try { $__simPs.Invoke($null, $__simOutput); @{ State = [string]$__simPs.InvocationStateInfo.State; Error = $null } }
    catch { @{ State = 'Failed'; Error = $_ } }
}
finally { $__simPs.Dispose() }
'@)

$script:SimDesktopVersionTable = @{ PSVersion = [version]'5.1.20348.2849'; PSEdition = 'Desktop'; BuildVersion = [version]'10.0.20348.2849'; CLRVersion = [version]'4.0.30319.42000'; WSManStackVersion = [version]'3.0'; PSRemotingProtocolVersion = [version]'2.3'; SerializationVersion = [version]'1.1.0.1'; PSCompatibleVersions = @([version]'1.0', [version]'2.0', [version]'3.0', [version]'4.0', [version]'5.0', [version]'5.1') }
$script:SimPreparedCache = @{}

function Clear-SimPreparedCache { $script:SimPreparedCache = @{} }

# Parsing, the constants rewrite and the name check depend only on the text: done once per text.
function Get-SimPreparedScript {
    param([string]$Text, [bool]$WindowsPowerShell)
    $cacheKey = [string]$WindowsPowerShell + '|' + $Text
    if ($script:SimPreparedCache.ContainsKey($cacheKey)) { return $script:SimPreparedCache[$cacheKey] }
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref]$tokens, [ref]$errors)
    $prepared = @{ Text = $Text; Ast = $ast; ParseErrors = $null; Names = $null }
    if ($errors.Count) {
        $prepared.ParseErrors = ($errors | ForEach-Object { 'line {0}: {1}' -f $_.Extent.StartLineNumber, $_.Message }) -join '; '
    }
    else {
        # $PSHOME and $PSVersionTable are constants of this (Linux, PowerShell 7) process: point the
        # script at the simulated host's instead. The only change made to a script's text.
        $constants = @('PSHOME') + $(if ($WindowsPowerShell) { @('PSVersionTable') } else { @() })
        $scan = [SimHost.SimNative]::ScanScript($ast, [string[]]$constants)
        if ($scan.Uses.Count) {
            $builder = [System.Text.StringBuilder]::new($Text)
            foreach ($u in $scan.Uses) {
                $name = $Text.Substring($u[0] + 1, $u[1] - $u[0] - 1)
                $null = $builder.Remove($u[0], $u[1] - $u[0]).Insert($u[0], '$global:SimHost' + $name)
            }
            $prepared.Text = $builder.ToString()
            $prepared.Ast = [System.Management.Automation.Language.Parser]::ParseInput($prepared.Text, [ref]$tokens, [ref]$errors)
            $scan = [SimHost.SimNative]::ScanScript($prepared.Ast, [string[]]@())
        }
        $prepared.Names = Test-SimScriptNames -Scan $scan
    }
    $script:SimPreparedCache[$cacheKey] = $prepared
    $prepared
}

function Invoke-SimScript {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][hashtable]$State,
        [Parameter(Mandatory = $true)][string]$Text,
        [string]$Label = 'script',
        # @{ ConnectionString = 'https://srv01:5986/wsman'; Transport = 'HTTPS'; Port = 5986; ClientAddress = '10.0.50.20' }
        [hashtable]$Session,
        [switch]$WindowsPowerShell,
        # Where the script runs: the caller's (global) session state, never this module's.
        [System.Management.Automation.SessionState]$SessionState
    )
    if (-not $SessionState) { $SessionState = $PSCmdlet.SessionState }
    $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
    Use-SimHost -State $State
    $State.PSEdition = if ($WindowsPowerShell) { 'Desktop' } else { 'Core' }
    $State.Session = if ($Session) { @{ ConnectionString = [string]$Session.ConnectionString; Transport = ([string]$Session.Transport).ToUpperInvariant(); Port = [string]$Session.Port; ClientAddress = [string]$Session.ClientAddress; Lost = $null } } else { $null }
    Add-SimTime -Seconds 60
    $result = [ordered]@{ Label = $Label; Outcome = 'Success'; Message = ''; Line = 0; LineText = ''; Output = @(); Calls = @(); SessionLost = $null; Unknown = @() }
    $callStart = $State.Calls.Count

    $prepared = Get-SimPreparedScript -Text $Text -WindowsPowerShell ([bool]$WindowsPowerShell)
    if ($prepared.ParseErrors) {
        $result.Outcome = 'ParseError'
        $result.Message = $prepared.ParseErrors
        return $result
    }
    $Text = $prepared.Text
    $ast = $prepared.Ast
    $global:SimHostPSHOME = if ($WindowsPowerShell) { 'C:\Windows\System32\WindowsPowerShell\v1.0' } else { 'C:\Program Files\PowerShell\7' }
    $global:SimHostPSVersionTable = $script:SimDesktopVersionTable
    $names = $prepared.Names
    if ($names.Commands.Count -or $names.Types.Count) {
        $result.Outcome = if ($names.Commands.Count) { 'UnknownCommand' } else { 'UnknownType' }
        $result.Unknown = @($names.Commands) + @($names.Types | ForEach-Object { "[$_]" })
        $result.Message = 'Not simulated: ' + ($result.Unknown -join ', ')
        return $result
    }
    $req = $ast.ScriptRequirements
    if ($req) {
        $problem = $null
        if ($req.IsElevationRequired -and -not ($State.User.Elevated -and (Test-SimUserInGroup -Sid 'S-1-5-32-544'))) { $problem = 'The script cannot be run because it contains a "#requires" statement for running as Administrator.' }
        foreach ($m in @($req.RequiredModules)) { if ($m -and -not ($State.Modules.Available -contains $m.Name)) { $problem = "The script cannot be run because the following modules that are specified by the `"#requires`" statements of the script are missing: $($m.Name)." } }
        $have = if ($WindowsPowerShell) { [version]'5.1' } else { [version]'7.6' }
        if ($req.RequiredPSVersion -and $req.RequiredPSVersion -gt $have) { $problem = "The script cannot be run because it contains a `"#requires`" statement for Windows PowerShell $($req.RequiredPSVersion)." }
        if ($problem) { $result.Outcome = 'Requires'; $result.Message = $problem; return $result }
    }

    Measure-SimPhase -Name "run:prepare" -Since $t0
    $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $savedPath = $env:PATH
    $env:PATH = '/nonexistent-simhost-path'
    $global:LASTEXITCODE = 0
    if ($WindowsPowerShell) {
        # Windows PowerShell 5.1 has none of these automatic variables.
        foreach ($v in @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR')) { Set-Variable -Name $v -Value $null -Scope Global -Force }
    }
    if ($Session) {
        $sender = [pscustomobject]@{ UserInfo = [pscustomobject]@{ Identity = [pscustomobject]@{ Name = $State.User.Name; AuthenticationType = 'Kerberos' } }; ConnectionString = $State.Session.ConnectionString; ApplicationArguments = $null; ConnectedUser = $State.User.Name; RunAsUser = $null }
        Set-Variable -Name PSSenderInfo -Value $sender -Scope Global -Force
    }
    $wrapper = @'
param($__simText, $__simDesktop)
& ([scriptblock]::Create($__simText)) *>&1
'@
    try {
        # Run in the caller's (global) session state, in a nested pipeline: the script sees no
        # module internals or strict mode, and a cut session (PipelineStoppedException) stops
        # only this pipeline.
        $invocation = $ExecutionContext.InvokeCommand.InvokeScript($SessionState, $script:SimInvoker, @($wrapper, $Text, [bool]$WindowsPowerShell, $output))
        $end = @($invocation)[0]
        if ($end.Error) {
            $inner = $end.Error.Exception
            while ($inner -is [System.Management.Automation.MethodInvocationException] -and $inner.InnerException) { $inner = $inner.InnerException }
            $record = if ($inner -is [System.Management.Automation.IContainsErrorRecord]) { $inner.ErrorRecord } else { [System.Management.Automation.ErrorRecord]::new($inner, 'Unknown', 'NotSpecified', $null) }
            if ($record.Exception -is [System.Management.Automation.ActionPreferenceStopException] -and $record.Exception.ErrorRecord) { $record = $record.Exception.ErrorRecord }
            $result.Outcome = Get-SimErrorOutcome -Record $record -SimFiles @($script:SimRootPath)
            $result.Message = $record.Exception.Message
            $result.Line = $record.InvocationInfo.ScriptLineNumber
            $result.LineText = ([string]$record.InvocationInfo.Line).Trim()
            if ($result.Outcome -eq 'SimError') { $result.Message += ' | ' + ([string]$record.ScriptStackTrace -replace '\r?\n', ' <- ') }
        }
        elseif ($end.State -eq 'Stopped' -and -not ($State.Session -and $State.Session.Lost)) {
            $result.Outcome = 'SimError'; $result.Message = 'The script stopped without an error (pipeline stopped).'
        }
    }
    finally {
        $env:PATH = $savedPath
        if ($WindowsPowerShell) { Use-SimHost -State $State; Set-Variable -Name IsCoreCLR -Value $true -Scope Global -Force }
        if ($Session) { Remove-Variable -Name PSSenderInfo -Scope Global -Force -ErrorAction SilentlyContinue }
    }
    Measure-SimPhase -Name 'run:execute' -Since $t0
    $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
    if ($State.Session -and $State.Session.Lost) { $result.Outcome = 'SessionLost'; $result.SessionLost = $State.Session.Lost; $result.Message = 'The remote session was cut: ' + $State.Session.Lost }
    $result.Output = @($output | ForEach-Object { ConvertTo-SimOutputLine $_ })
    $result.Calls = @(for ($i = $callStart; $i -lt $State.Calls.Count; $i++) { $State.Calls[$i] })
    $State.Session = $null
    Measure-SimPhase -Name 'run:collect' -Since $t0
    $result
}
