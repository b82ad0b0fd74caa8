<#
.SYNOPSIS
  Runs gpo.ps1 / gpo-rollback.ps1 cases on simulated hosts in one PowerShell process (gpo.test.ts).
.DESCRIPTION
  Input: { "cases": [ { "id", "gpoName", "admin": { <New-SimState parameters> }, "server": { ... },
           "gpo", "gpoUnedited", "rollback", "target" (the filled target script, or null),
           "existing": [ { Key, ValueName, Type, Value } ] (values of a GPO of that name that exists
           before, or null) , "readOnly" (that GPO exists but the account may not edit it) } ] }
  Output: { "results": [ { "id", "steps": [ { "label", "outcome", "message", "output", "store" } ],
            "start", "serverFromGpo", "serverFromTarget", "stateRecords", "fatal" } ], "milliseconds" }
  Stores are the domain's GPOs and links (canonical JSON); server snapshots are Get-SimSnapshot's.
#>
param(
    [Parameter(Mandatory = $true)][string]$CasesPath,
    [Parameter(Mandatory = $true)][string]$ResultsPath
)
$ErrorActionPreference = 'Stop'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Microsoft.PowerShell.Core\Import-Module -Name (Microsoft.PowerShell.Management\Join-Path -Path $PSScriptRoot -ChildPath 'SimHost.psm1') -Force -DisableNameChecking
$module = Microsoft.PowerShell.Core\Get-Module SimHost
$cases = Microsoft.PowerShell.Management\Get-Content -Raw -LiteralPath $CasesPath | ConvertFrom-Json -AsHashtable
$results = [System.Collections.Generic.List[object]]::new()

function Invoke-Step {
    param([hashtable]$State, [string]$Text, [string]$Label, [System.Collections.Generic.List[object]]$Steps)
    $run = Invoke-SimScript -State $State -Text $Text -Label $Label -SessionState $ExecutionContext.SessionState
    $Steps.Add([ordered]@{ label = $Label; outcome = $run.Outcome; message = [string]$run.Message; line = $run.Line; output = @($run.Output | ForEach-Object { [string]$_ }); store = (Get-SimGpoStoreJson -State $State) })
}

foreach ($case in $cases.cases) {
    $steps = [System.Collections.Generic.List[object]]::new()
    $record = [ordered]@{ id = $case.id; steps = $steps }
    try {
        $adminSpec = $case.admin
        $admin = New-SimState @adminSpec
        if ($null -ne $case.existing) {
            $null = Add-SimGpo -State $admin -Name $case.gpoName -Values @($case.existing | ForEach-Object { [hashtable]$_ }) -ReadOnly:([bool]$case.readOnly)
        }
        $record.start = Get-SimGpoStoreJson -State $admin
        Invoke-Step -State $admin -Text $case.gpoUnedited -Label 'unedited' -Steps $steps
        Invoke-Step -State $admin -Text $case.gpo -Label 'gpo' -Steps $steps
        if ($steps[-1].outcome -eq 'Success') {
            Invoke-Step -State $admin -Text $case.gpo -Label 'gpo again' -Steps $steps
            $serverSpec = $case.server
            $server = New-SimState @serverSpec
            Invoke-SimGpoApply -From $admin -GpoName $case.gpoName -To $server
            $record.serverFromGpo = Get-SimSnapshot -State $server
            if ($case.target) {
                $other = New-SimState @serverSpec
                $run = Invoke-SimScript -State $other -Text $case.target -Label 'target' -SessionState $ExecutionContext.SessionState
                $steps.Add([ordered]@{ label = 'target'; outcome = $run.Outcome; message = [string]$run.Message; line = $run.Line; output = @(); store = '' })
                $record.serverFromTarget = Get-SimSnapshot -State $other
            }
            Invoke-Step -State $admin -Text $case.rollback -Label 'rollback' -Steps $steps
            Invoke-Step -State $admin -Text $case.rollback -Label 'rollback again' -Steps $steps
        }
        # The run records, with their owner and access rules (the folder must be private).
        $record.stateRecords = & $module {
            param($State)
            [SimContext]::State = $State
            $root = $State.User.Profile + '\AppData\Local\PSRemotingGuide'
            $list = [System.Collections.Generic.List[string]]::new()
            foreach ($key in @($State.Files.Keys | Sort-Object)) {
                $e = $State.Files[$key]
                if ($key.StartsWith($root.ToUpperInvariant())) { $list.Add(('{0} {1} {2}' -f $e.Type, $key, (ConvertTo-SimSddl -Sd $e.Acl))) }
            }
            , $list.ToArray()
        } $admin
    }
    catch {
        $record.fatal = ('{0} | {1}' -f $_.Exception.Message, ($_.ScriptStackTrace -replace '\r?\n', ' <- '))
    }
    $results.Add($record)
}
$json = [SimHost.SimNative]::CanonicalJson([ordered]@{ results = $results; milliseconds = [long]$clock.ElapsedMilliseconds })
Microsoft.PowerShell.Management\Set-Content -LiteralPath $ResultsPath -Value $json -Encoding utf8NoBOM
