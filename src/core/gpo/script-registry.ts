/** The policy values of the servers' GPO: Set-GPRegistryValue for each, unless it already holds it. */
import { num, q, type PsFragment } from '../powershell/quote';
import { ps, type PsWriter } from '../powershell/writer';
import type { PolicyRegistryValue } from './types';

export function writeRegistryHelper(w: PsWriter): void {
  w.code(ps`
    function Set-GuideGpoValue {
        param(
            [Parameter(Mandatory = $true)][string]$Key,
            [Parameter(Mandatory = $true)][string]$ValueName,
            [Parameter(Mandatory = $true)][ValidateSet('DWord', 'String')][string]$Type,
            [Parameter(Mandatory = $true)][AllowEmptyString()][object]$Value
        )
        $current = Get-GPRegistryValue -Guid $GuideGpo.Id -Domain $GpoDomain -Key $Key -ValueName $ValueName -ErrorAction SilentlyContinue
        if ($current -and [string]$current.Type -eq $Type -and [string]$current.Value -eq [string]$Value) {
            Write-Host ('Unchanged: {0} {1} is already {2}' -f $Key, $ValueName, $Value)
            return
        }
        Start-GuideGpoChange
        $null = Set-GPRegistryValue -Guid $GuideGpo.Id -Domain $GpoDomain -Key $Key -ValueName $ValueName -Type $Type -Value $Value
        Add-GuideGpoChange -Text ('{0} {1} = {2} ({3})' -f $Key, $ValueName, $Value, $Type)
    }
  `);
}

function valueFragment(v: PolicyRegistryValue): PsFragment {
  if (v.variable) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(v.variable)) throw new Error(`Not a variable name: ${v.variable}`);
    return { code: `([string]$${v.variable}).Trim()` };
  }
  return typeof v.value === 'number' ? num(v.value) : q(v.value);
}

export function writeRegistryValues(w: PsWriter, values: readonly PolicyRegistryValue[]): void {
  w.section('Policy values (registry-based policy settings of the GPO)');
  writeRegistryHelper(w);
  for (const v of values) {
    if (v.type === 'MultiString') throw new Error(`gpo.ps1 writes DWord and String values only: ${v.key}\\${v.valueName}`);
    w.code(ps`Set-GuideGpoValue -Key ${q(v.key)} -ValueName ${q(v.valueName)} -Type ${q(v.type)} -Value ${valueFragment(v)}`);
  }
}
