<#
.SYNOPSIS
  The simulated Windows hosts for the Windows plays (tests/ansible/windows-plays.test.ts): a
  request/response loop on stdin/stdout, driven by the play emulator (windows-play-emulator.ts).
.DESCRIPTION
  Each request is one JSON line; each answer is one line "@@" + JSON (anything else the process
  prints is ignored by the caller). Requests:
    { op: 'newHost', id, spec }                 a host from New-SimState parameters (simulation-context.ts HostSpec)
    { op: 'copyHost', from, to }                a copy of a host's whole state
    { op: 'snapshot', id }                      Get-SimSnapshot (canonical JSON)
    { op: 'script', id, text, session }         a single-server script, as tests/powershell/simulation.test.ts runs it
    { op: 'copyFile', from, to, fileName, toPath }  a file a user copies between computers
    { op: 'thumbprint', id, path | fileName }   the thumbprint of a certificate file on a host (by path, or found by name)
    { op: 'task', id, text, parameters, checkMode, session, tmpdir }
        what ansible.windows.win_powershell does (plugins/modules/win_powershell.ps1 of ansible.windows):
        a fresh $Ansible (CheckMode, Verbosity, Result, Diff, Changed = $true, Failed = $false, Tmpdir),
        the script invoked with its parameters splatted, plus Confirm = $false and WhatIf = check
        mode when it declares [CmdletBinding(SupportsShouldProcess)]; in check mode a script without
        it is skipped (changed). The task's temporary folder exists while it runs.
    { op: 'exit' }
  The script runs through Invoke-SimScript, so every command and type it names is checked and
  every cmdlet is a shadow; the module emulations (tests/ansible/modules/*.ps1) run the same way.
#>
$ErrorActionPreference = 'Stop'
Microsoft.PowerShell.Core\Import-Module -Name (Microsoft.PowerShell.Management\Join-Path -Path $PSScriptRoot -ChildPath '../powershell/sim/SimHost.psm1') -Force -DisableNameChecking

# X509Certificate2.RawData (the play returns the server certificate as Base64): the simulated
# certificates have no DER encoding, so their bytes are a fixed text naming the thumbprint.
Microsoft.PowerShell.Utility\Update-TypeData -TypeName 'SimCertificate' -MemberType ScriptProperty -MemberName 'RawData' -Value { [System.Text.Encoding]::ASCII.GetBytes('SIMCERT ' + $this.Thumbprint) } -Force

$hosts = @{}

function ConvertTo-SimSession {
    param($Session)
    if (-not $Session) { return $null }
    $h = @{}
    foreach ($k in $Session.Keys) { $h[$k] = $Session[$k] }
    $h
}

function Format-Run {
    param($Run)
    [ordered]@{
        outcome = [string]$Run.Outcome; message = [string]$Run.Message; line = $Run.Line; lineText = [string]$Run.LineText
        sessionLost = $Run.SessionLost; unknown = @($Run.Unknown); output = @($Run.Output | Select-Object -Last 40 | ForEach-Object { [string]$_ })
    }
}

function Test-SupportsShouldProcess {
    param([string]$Script)
    # As win_powershell decides it: the CmdletBinding attribute of the script's param block.
    $ast = [scriptblock]::Create($Script).Ast
    if (-not $ast.ParamBlock -or -not $ast.ParamBlock.Attributes) { return $false }
    [bool]($ast.ParamBlock.Attributes | Where-Object { $_.TypeName.Name -eq 'CmdletBinding' } | Select-Object -First 1 | ForEach-Object {
            $_.NamedArguments | Where-Object { $_.ArgumentName -eq 'SupportsShouldProcess' -and ($_.ExpressionOmitted -or $_.Argument.ToString() -eq '$true') }
        })
}

function Invoke-Request {
    param([System.Collections.IDictionary]$Request)
    switch ([string]$Request.op) {
        'newHost' {
            $params = @{}
            foreach ($k in $Request.spec.Keys) {
                $v = $Request.spec[$k]
                if ($k -eq 'GroupPolicy') { $g = @{}; foreach ($gk in $v.Keys) { $g[$gk] = $v[$gk] }; $params[$k] = $g }
                elseif ($v -is [System.Collections.IList]) { $params[$k] = @($v) }
                else { $params[$k] = $v }
            }
            $script:hosts[[string]$Request.id] = New-SimState @params
            return @{ ok = $true }
        }
        'copyHost' {
            $script:hosts[[string]$Request.to] = Copy-SimState -State $script:hosts[[string]$Request.from]
            return @{ ok = $true }
        }
        'snapshot' { return @{ snapshot = (Get-SimSnapshot -State $script:hosts[[string]$Request.id]) } }
        'script' {
            $run = Invoke-SimScript -State $script:hosts[[string]$Request.id] -Text ([string]$Request.text) -Label 'script' -Session (ConvertTo-SimSession $Request.session) -SessionState $ExecutionContext.SessionState
            return (Format-Run $run)
        }
        'copyFile' {
            $ok = Copy-SimFileBetweenHosts -From $script:hosts[[string]$Request.from] -To $script:hosts[[string]$Request.to] -FileName ([string]$Request.fileName) -ToPath ([string]$Request.toPath)
            return @{ ok = [bool]$ok }
        }
        'thumbprint' {
            $state = $script:hosts[[string]$Request.id]
            Use-SimHost -State $state
            $path = if ($Request.fileName) { Get-SimFileByName -State $state -Name ([string]$Request.fileName) } else { [string]$Request.path }
            if (-not $path -or -not (Test-SimFile -Path $path)) { return @{ thumbprint = $null } }
            return @{ thumbprint = (Get-SimCertificateFileThumbprint -Path $path); path = $path }
        }
        'task' {
            $state = $script:hosts[[string]$Request.id]
            $text = [string]$Request.text
            $checkMode = [bool]$Request.checkMode
            $shouldProcess = Test-SupportsShouldProcess -Script $text
            if ($checkMode -and -not $shouldProcess) {
                return @{ outcome = 'Skipped'; message = 'skipped, running in check mode'; changed = $true; failed = $false; result = @{}; output = @() }
            }
            $session = ConvertTo-SimSession $Request.session
            $tmp = [string]$Request.tmpdir
            $parameters = @{}
            if ($Request.parameters) { foreach ($k in $Request.parameters.Keys) { $parameters[$k] = $Request.parameters[$k] } }
            if ($shouldProcess) { $parameters.Confirm = $false; $parameters.WhatIf = $checkMode }
            $global:SimAnsibleParameters = $parameters
            $global:Ansible = [pscustomobject]@{
                PSTypeName = 'Ansible.Windows.WinPowerShell.Module'
                CheckMode  = $checkMode
                Verbosity  = 0
                Result     = @{}
                Diff       = @{}
                Changed    = $true
                Failed     = $false
                Tmpdir     = $tmp
            }
            # The script as a script block, invoked with the parameters splatted (the module's AddScript +
            # AddParameters), inside the module's temporary folder's lifetime (Ansible creates it first and
            # removes it afterwards). The wrapper's text does not change between tasks (parsed once).
            $global:SimAnsibleTmpdir = $tmp
            $wrapped = "`$null = New-Item -ItemType Directory -Path `$global:SimAnsibleTmpdir -Force`ntry {`n& {`n" + $text + "`n} @global:SimAnsibleParameters`n}`nfinally { Remove-Item -LiteralPath `$global:SimAnsibleTmpdir -Recurse -Force }"
            $run = Invoke-SimScript -State $state -Text $wrapped -Label 'task' -Session $session -SessionState $ExecutionContext.SessionState
            $answer = Format-Run $run
            $answer.changed = [bool]$global:Ansible.Changed
            $answer.failed = ($run.Outcome -ne 'Success') -or [bool]$global:Ansible.Failed
            $answer.result = $global:Ansible.Result
            $answer.calls = @($run.Calls | ForEach-Object { [string]$_.Command })
            Remove-Variable -Name Ansible, SimAnsibleParameters, SimAnsibleTmpdir -Scope Global -ErrorAction SilentlyContinue
            return $answer
        }
        'exit' { return @{ ok = $true } }
        default { throw "unknown op $($Request.op)" }
    }
}

while ($true) {
    $line = [Console]::In.ReadLine()
    if ($null -eq $line) { break }
    $request = $line | ConvertFrom-Json -AsHashtable
    try {
        $answer = Invoke-Request -Request $request
    }
    catch {
        $answer = @{ error = ('{0} | {1}' -f $_.Exception.Message, ($_.ScriptStackTrace -replace '\r?\n', ' <- ')) }
    }
    [Console]::Out.WriteLine('@@' + (ConvertTo-Json -InputObject $answer -Depth 8 -Compress))
    [Console]::Out.Flush()
    if ($request.op -eq 'exit') { break }
}
