<#
.SYNOPSIS
  Runs Get-RemotingAudit.ps1 on simulated hosts in one PowerShell process (audit-collection.test.ts).
.DESCRIPTION
  Input: { "audit": "<the collection script>", "parse": [ "<PowerShell text>" ], "cases": [ { "id", "server": { <New-SimState
           parameters> }, "target": "<a filled target script>" or null, "features": { name: state }
           or null, "windowsPowerShell": bool, "audit": "<another script text>" (optional, the
           control case) } ] }
  Output: { "parsed": [ [ "<line>: <parse error>" ] ] (one list per "parse" text), "results": [ { "id", "target": { outcome, message }, "outcome", "message", "line",
            "json" (what the script printed), "before", "after" (Get-SimSnapshot around the audit
            run), "calls" (the commands the audit called), "fatal" } ], "milliseconds" }
#>
param(
    [Parameter(Mandatory = $true)][string]$CasesPath,
    [Parameter(Mandatory = $true)][string]$ResultsPath
)
$ErrorActionPreference = 'Stop'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Microsoft.PowerShell.Core\Import-Module -Name (Microsoft.PowerShell.Management\Join-Path -Path $PSScriptRoot -ChildPath 'SimHost.psm1') -Force -DisableNameChecking
$cases = Microsoft.PowerShell.Management\Get-Content -Raw -LiteralPath $CasesPath | ConvertFrom-Json -AsHashtable
$results = [System.Collections.Generic.List[object]]::new()
$parsed = foreach ($text in @($cases.parse)) {
    $tokens = $null; $errors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseInput([string]$text, [ref]$tokens, [ref]$errors)
    , @($errors | ForEach-Object { '{0}: {1}' -f $_.Extent.StartLineNumber, $_.Message })
}

foreach ($case in $cases.cases) {
    $record = [ordered]@{ id = $case.id }
    try {
        $spec = $case.server
        $server = New-SimState @spec
        if ($case.features) { $server.WindowsFeatures = [hashtable]$case.features }
        if ($case.target) {
            $run = Invoke-SimScript -State $server -Text $case.target -Label 'target' -SessionState $ExecutionContext.SessionState
            $record.target = [ordered]@{ outcome = $run.Outcome; message = [string]$run.Message }
        }
        $record.before = Get-SimSnapshot -State $server
        $text = if ($case.audit) { [string]$case.audit } else { [string]$cases.audit }
        $run = Invoke-SimScript -State $server -Text $text -Label 'audit' -SessionState $ExecutionContext.SessionState -WindowsPowerShell:([bool]$case.windowsPowerShell)
        $record.after = Get-SimSnapshot -State $server
        $record.outcome = $run.Outcome
        $record.message = [string]$run.Message
        $record.line = $run.Line
        $record.json = (@($run.Output | ForEach-Object { [string]$_ }) -join "`n")
        $record.calls = @($run.Calls | ForEach-Object { [string]$_.Command } | Select-Object -Unique)
    }
    catch {
        $record.fatal = ('{0} | {1}' -f $_.Exception.Message, ($_.ScriptStackTrace -replace '\r?\n', ' <- '))
    }
    $results.Add($record)
}
$json = [SimHost.SimNative]::CanonicalJson([ordered]@{ parsed = @($parsed); results = $results; milliseconds = [long]$clock.ElapsedMilliseconds })
Microsoft.PowerShell.Management\Set-Content -LiteralPath $ResultsPath -Value $json -Encoding utf8NoBOM
