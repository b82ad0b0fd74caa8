<#
.SYNOPSIS
  Runs simulation programs (JSON) in one PowerShell process and writes their results (JSON).
.DESCRIPTION
  Input:  { "texts": { "<id>": "<script text>" }, "programs": [ { "id": "...", "hosts": { "<name>": { <New-SimState parameters> } },
            "steps": [ { "op": "run", "host", "label", "text" (or "textId"), "thumbprints": [ { "variable", "file" } ],
                         "session": { "ConnectionString", "Transport", "Port", "ClientAddress" }, "windowsPowerShell" },
                       { "op": "copy", "from", "to", "fileName", "toPath", "label" },
                       { "op": "mutate", "host", "action", "args", "alsoBaseline", "label" },
                       { "op": "baseline" }, { "op": "snapshot", "label" }, { "op": "snapshotBaseline", "label" } ] } ] }
  Output: { "results": [ { "id", "steps": [ ... ], "snapshots": { "<label>": { "<host>": "<snapshot id>" } }, "fatal" } ],
            "snapshots": { "<snapshot id>": "<canonical JSON of a host's state>" }, "milliseconds": n }
  The shadowed cmdlets are module-qualified here so that this script itself uses the real ones.
#>
param(
    [Parameter(Mandatory = $true)][string]$CasesPath,
    [Parameter(Mandatory = $true)][string]$ResultsPath,
    # Past this many seconds, the remaining programs are not run (their results are missing).
    [int]$DeadlineSeconds = 0
)
$ErrorActionPreference = 'Stop'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Microsoft.PowerShell.Core\Import-Module -Name (Microsoft.PowerShell.Management\Join-Path -Path $PSScriptRoot -ChildPath 'SimHost.psm1') -Force -DisableNameChecking
$cases = Microsoft.PowerShell.Management\Get-Content -Raw -LiteralPath $CasesPath | ConvertFrom-Json -AsHashtable
$results = [System.Collections.Generic.List[object]]::new()
$texts = $cases['texts']
foreach ($program in $cases.programs) {
    if ($DeadlineSeconds -gt 0 -and $clock.Elapsed.TotalSeconds -gt $DeadlineSeconds) {
        $results.Add([ordered]@{ id = $program.id; fatal = "not run: the simulation passed its deadline of $DeadlineSeconds s" })
        continue
    }
    if ($texts) { foreach ($step in $program.steps) { if ($step.Contains('textId')) { $step['text'] = $texts[$step['textId']]; $step.Remove('textId') } } }
    try {
        $results.Add((Invoke-SimProgram -Program $program))
    }
    catch {
        $results.Add([ordered]@{ id = $program.id; fatal = ('{0} | {1}' -f $_.Exception.Message, ($_.ScriptStackTrace -replace '\r?\n', ' <- ')) })
    }
}
if ($env:SIM_PROFILE) { Get-SimProfile | Sort-Object Seconds -Descending | Format-Table | Out-String | Write-Host; Write-Host ('total {0:n1} s' -f $clock.Elapsed.TotalSeconds) }
# Snapshots repeat (shared prefixes, identical hosts): each distinct one is written once.
$snapshotIds = [System.Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
$snapshotTable = [ordered]@{}
foreach ($r in $results) {
    if (-not $r.Contains('snapshots')) { continue }
    # (The label -> host maps may be shared between programs: build new ones, never edit them.)
    $byLabel = [ordered]@{}
    foreach ($label in @($r.snapshots.Keys)) {
        $byHost = $r.snapshots[$label]
        $ids = [ordered]@{}
        foreach ($h in @($byHost.Keys)) {
            $text = $byHost[$h]
            if (-not $snapshotIds.ContainsKey($text)) { $id = 's' + $snapshotIds.Count; $snapshotIds[$text] = $id; $snapshotTable[$id] = $text }
            $ids[$h] = $snapshotIds[$text]
        }
        $byLabel[$label] = $ids
    }
    $r.snapshots = $byLabel
}
$json = [SimHost.SimNative]::CanonicalJson([ordered]@{ results = $results; snapshots = $snapshotTable; milliseconds = [long]$clock.ElapsedMilliseconds })
Microsoft.PowerShell.Management\Set-Content -LiteralPath $ResultsPath -Value $json -Encoding utf8NoBOM
