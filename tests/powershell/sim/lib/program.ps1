# Invoke-SimProgram: one scenario, several hosts, a list of steps (run a script, copy a file the
# user copies between computers, a change by someone else, a snapshot). See Invoke-SimCases.ps1
# for the JSON shape.

function ConvertTo-SimHostParameters {
    param([System.Collections.IDictionary]$Spec)
    $p = @{}
    foreach ($k in $Spec.Keys) {
        $v = $Spec[$k]
        if ($k -eq 'GroupPolicy') { $h = @{}; foreach ($gk in $v.Keys) { $h[$gk] = $v[$gk] }; $p[$k] = $h; continue }
        if ($v -is [System.Collections.IList]) { $p[$k] = @($v) } else { $p[$k] = $v }
    }
    $p
}

function Get-SimTail {
    param([object[]]$Lines, [int]$Count = 60)
    if ($Lines.Count -le $Count) { return @($Lines) }
    @('...') + @($Lines[($Lines.Count - $Count)..($Lines.Count - 1)])
}

function Format-SimCallLine {
    param($Call)
    $parts = @($Call.Command)
    foreach ($k in $Call.Parameters.Keys) { $parts += "-$k $($Call.Parameters[$k])" }
    if ($Call.Contains('Arguments')) { $parts += @($Call.Arguments) }
    $parts -join ' '
}

# The guide's change logs (changes.clixml) on a host, by path, with their content.
function Get-SimChangeLogs {
    param([hashtable]$State)
    $logs = @{}
    foreach ($e in $State.Files.Values) { if ($e.Type -eq 'File' -and $e.Path -like '*\changes.clixml') { $logs[$e.Path] = [string]$e.Content } }
    $logs
}

# Change logs a run created or rewrote, with the number of changes each records.
function Get-SimNewChangeLogs {
    param([hashtable]$State, [hashtable]$Before)
    $after = Get-SimChangeLogs -State $State
    foreach ($path in @($after.Keys | Sort-Object)) {
        if ($Before.ContainsKey($path) -and $Before[$path] -eq $after[$path]) { continue }
        $count = -1
        $kinds = @()
        try {
            $changes = @(([System.Management.Automation.PSSerializer]::Deserialize($after[$path])).Changes | Where-Object { $null -ne $_ })
            $count = $changes.Count
            $kinds = @($changes | ForEach-Object { [string]$_.Kind })
        }
        catch { $count = -1 }
        [ordered]@{ path = $path; changes = $count; kinds = $kinds }
    }
}

# Programs of the same path share their first steps (the same hosts, the same scripts in the same
# order): the state after each step is kept, per group of programs, and a later program starts
# from the longest prefix already run. Step labels do not count (they are only names).
$script:SimPrefixGroup = $null
$script:SimPrefixCache = @{}
$script:SimHostCache = @{}

function Get-SimHash {
    param([string]$Text)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { [Convert]::ToHexString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Text))) } finally { $sha.Dispose() }
}

function Get-SimStepKey {
    param([System.Collections.IDictionary]$Step)
    $copy = [ordered]@{}
    foreach ($k in $Step.Keys) { if ($k -ne 'label') { $copy[$k] = $Step[$k] } }
    [SimHost.SimNative]::CanonicalJson($copy)
}

function New-SimHostFromSpec {
    param([System.Collections.IDictionary]$Spec)
    $key = [SimHost.SimNative]::CanonicalJson($Spec)
    if (-not $script:SimHostCache.ContainsKey($key)) {
        $params = ConvertTo-SimHostParameters -Spec $Spec
        $script:SimHostCache[$key] = New-SimState @params
    }
    Copy-SimState -State $script:SimHostCache[$key]
}

function Invoke-SimProgram {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][System.Collections.IDictionary]$Program)
    $programWatch = [System.Diagnostics.Stopwatch]::StartNew()
    $group = [string]$Program['group']
    if ($group -ne $script:SimPrefixGroup) { $script:SimPrefixCache = @{}; $script:SimPrefixGroup = $group; Clear-SimPreparedCache }
    $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
    $steps = @($Program['steps'])
    $keys = [string[]]::new($steps.Count)
    $key = Get-SimHash -Text ([SimHost.SimNative]::CanonicalJson($Program['hosts']))
    for ($i = 0; $i -lt $steps.Count; $i++) { $key = Get-SimHash -Text ($key + (Get-SimStepKey -Step $steps[$i])); $keys[$i] = $key }

    Measure-SimPhase -Name 'program:keys' -Since $t0
    $result = [ordered]@{ id = $Program['id']; steps = [System.Collections.Generic.List[object]]::new(); snapshots = [ordered]@{} }
    $perStep = [System.Collections.Generic.List[object]]::new()
    $start = 0
    $hosts = @{}
    $baseline = @{}
    for ($i = $steps.Count - 1; $i -ge 0; $i--) {
        if ($script:SimPrefixCache.ContainsKey($keys[$i])) {
            $hit = $script:SimPrefixCache[$keys[$i]]
            $hosts = Copy-SimObject $hit.Hosts
            $baseline = Copy-SimObject $hit.Baseline
            $result.snapshots['initial'] = $hit.Initial
            for ($j = 0; $j -le $i; $j++) {
                $record = $hit.PerStep[$j]
                $perStep.Add($record)
                Add-SimStepRecord -Result $result -Record $record -Label ([string]$steps[$j]['label'])
            }
            $start = $i + 1
            break
        }
    }
    if ($start -eq 0) {
        foreach ($name in $Program['hosts'].Keys) { $hosts[$name] = New-SimHostFromSpec -Spec $Program['hosts'][$name] }
        $result.snapshots['initial'] = [ordered]@{}
        foreach ($name in @($hosts.Keys | Sort-Object)) { $result.snapshots['initial'][$name] = Get-SimSnapshot -State $hosts[$name] }
    }
    for ($i = $start; $i -lt $steps.Count; $i++) {
        $record = Invoke-SimStep -Step $steps[$i] -Hosts $hosts -Baseline $baseline -SessionState $PSCmdlet.SessionState
        $perStep.Add($record)
        Add-SimStepRecord -Result $result -Record $record -Label ([string]$steps[$i]['label'])
        $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
        $script:SimPrefixCache[$keys[$i]] = @{ Hosts = (Copy-SimObject $hosts); Baseline = (Copy-SimObject $baseline); Initial = $result.snapshots['initial']; PerStep = $perStep.ToArray() }
        Measure-SimPhase -Name 'program:cache' -Since $t0
    }
    $result.ms = $programWatch.ElapsedMilliseconds
    $result
}

# A step's outcome: results (run/copy/mutate) and snapshots, labelled by the current program.
function Add-SimStepRecord {
    param($Result, $Record, [string]$Label)
    $n = 0
    foreach ($r in $Record.Results) {
        $n++
        $copy = [ordered]@{}
        foreach ($k in $r.Keys) { $copy[$k] = $r[$k] }
        $copy.label = if ($Record.Results.Count -gt 1 -or $Record.Repeated) { "$Label#$n" } else { $Label }
        $Result.steps.Add($copy)
    }
    if ($null -ne $Record.Snapshot) { $Result.snapshots[$Label] = $Record.Snapshot }
}

function Invoke-SimStep {
    param([System.Collections.IDictionary]$Step, [hashtable]$Hosts, [hashtable]$Baseline, [System.Management.Automation.SessionState]$SessionState)
    $record = @{ Results = [System.Collections.Generic.List[object]]::new(); Snapshot = $null; Repeated = $false }
    switch ([string]$Step['op']) {
        'run' {
            $state = $Hosts[[string]$Step['host']]
            Use-SimHost -State $state
            $text = [string]$Step['text']
            foreach ($fill in @($Step['thumbprints'])) {
                if (-not $fill) { continue }
                if (Test-SimFile -Path ([string]$fill['file'])) {
                    $thumb = Get-SimCertificateFileThumbprint -Path ([string]$fill['file'])
                    $text = Set-SimScriptVariable -Text $text -Name ([string]$fill['variable']) -ValueCode ("'" + $thumb + "'")
                }
            }
            $session = $null
            if ($Step['session']) { $session = @{}; foreach ($k in $Step['session'].Keys) { $session[$k] = $Step['session'][$k] } }
            $repeat = if ($Step['repeat']) { [int]$Step['repeat'] } else { 1 }
            $record.Repeated = $repeat -gt 1
            for ($i = 1; $i -le $repeat; $i++) {
                $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
                $logsBefore = Get-SimChangeLogs -State $state
                Measure-SimPhase -Name 'program:changelogs' -Since $t0
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $run = Invoke-SimScript -State $state -Text $text -Label ([string]$Step['label']) -Session $session -WindowsPowerShell:([bool]$Step['windowsPowerShell']) -SessionState $SessionState
                $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
                $record.Results.Add([ordered]@{
                        op = 'run'; host = [string]$Step['host']; outcome = $run.Outcome; message = [string]$run.Message
                        line = $run.Line; lineText = $run.LineText; sessionLost = $run.SessionLost; unknown = @($run.Unknown); output = @(Get-SimTail -Lines $run.Output)
                        calls = @($run.Calls | ForEach-Object { Format-SimCallLine $_ }); changeLogs = @(Get-SimNewChangeLogs -State $state -Before $logsBefore); ms = $watch.ElapsedMilliseconds
                    })
                Measure-SimPhase -Name 'program:record' -Since $t0
                if ($Step['untilFailure'] -and $run.Outcome -ne 'Success') { break }
            }
        }
        'copy' {
            $to = [string]$Step['to']
            $ok = Copy-SimFileBetweenHosts -From $Hosts[[string]$Step['from']] -To $Hosts[$to] -FileName ([string]$Step['fileName']) -ToPath ([string]$Step['toPath'])
            if ($ok -and $Baseline.ContainsKey($to)) { $null = Copy-SimFileBetweenHosts -From $Hosts[[string]$Step['from']] -To $Baseline[$to] -FileName ([string]$Step['fileName']) -ToPath ([string]$Step['toPath']) }
            $record.Results.Add([ordered]@{ op = 'copy'; host = $to; outcome = $(if ($ok) { 'Copied' } else { 'Missing' }); message = [string]$Step['fileName'] })
        }
        'mutate' {
            $mutationArgs = @{}
            if ($Step['args']) { foreach ($k in $Step['args'].Keys) { $mutationArgs[$k] = $Step['args'][$k] } }
            $hostName = [string]$Step['host']
            $outcome = Invoke-SimMutation -State $Hosts[$hostName] -Action ([string]$Step['action']) -Arguments $mutationArgs
            if ($Step['alsoBaseline'] -and $Baseline.ContainsKey($hostName)) { $null = Invoke-SimMutation -State $Baseline[$hostName] -Action ([string]$Step['action']) -Arguments $mutationArgs }
            $record.Results.Add([ordered]@{ op = 'mutate'; host = $hostName; outcome = [string]$outcome; message = [string]$Step['action'] })
        }
        'baseline' {
            foreach ($name in @($Hosts.Keys)) { $Baseline[$name] = Copy-SimState -State $Hosts[$name] }
        }
        'snapshot' {
            $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
            $record.Snapshot = [ordered]@{}
            foreach ($name in @($Hosts.Keys | Sort-Object)) { $record.Snapshot[$name] = Get-SimSnapshot -State $Hosts[$name] }
            Measure-SimPhase -Name 'program:snapshot' -Since $t0
        }
        'snapshotBaseline' {
            $record.Snapshot = [ordered]@{}
            foreach ($name in @($Baseline.Keys | Sort-Object)) { $record.Snapshot[$name] = Get-SimSnapshot -State $Baseline[$name] }
        }
        default { throw "SimHost: unknown step op '$($Step['op'])'." }
    }
    $record
}
