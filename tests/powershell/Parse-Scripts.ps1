<#
.SYNOPSIS
    Parses PowerShell texts with PowerShell's own parser and reports every error.
.DESCRIPTION
    Reads a JSON array of { id, text } from -InputPath and writes a JSON array of
    { id, errors: [{ line, column, message }], statements } to -OutputPath. One process parses
    every text, so the whole set costs one PowerShell start-up.
#>
param(
    [Parameter(Mandatory = $true)][string]$InputPath,
    [Parameter(Mandatory = $true)][string]$OutputPath
)
$ErrorActionPreference = 'Stop'
$items = Get-Content -LiteralPath $InputPath -Raw -Encoding utf8 | ConvertFrom-Json
$results = foreach ($item in $items) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput([string]$item.text, [ref]$tokens, [ref]$errors)
    [pscustomobject]@{
        id         = $item.id
        errors     = @($errors | ForEach-Object {
                [pscustomobject]@{ line = $_.Extent.StartLineNumber; column = $_.Extent.StartColumnNumber; message = $_.Message }
            })
        # Top-level statements of the script block: a cheap structure check for the caller.
        statements = @($ast.EndBlock.Statements).Count
    }
}
ConvertTo-Json -InputObject @($results) -Depth 5 -Compress | Set-Content -LiteralPath $OutputPath -Encoding utf8
