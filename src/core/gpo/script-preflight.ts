/**
 * The pre-flight of gpo.ps1: every check that can stop the script, before anything is written.
 * The GPO name and OU are held to the same patterns as the page's validation (validate.ts).
 */
import { writeAdminSubnetCheck, writeModuleCheck, writeVersionCheck, type ScriptModel } from '../powershell/common';
import { q } from '../powershell/quote';
import { ps, type PsWriter } from '../powershell/writer';
import { LISTENER_FILTER_VARIABLES, usesHttpListenerPolicy } from './rows';
import { GPO_NAME_PATTERN, OU_DN_PATTERN } from './validate';

const RSAT_HINT =
  'Install the Group Policy Management tools: Install-WindowsFeature GPMC on a server, or Add-WindowsCapability -Online -Name Rsat.GroupPolicy.Management.Tools~~~~0.0.1.0 on Windows 10/11.';

/** $GpoName and $GpoDomain: also checked by the rollback. */
export function writeGpoIdentityCheck(w: PsWriter): void {
  w.code(ps`
    if ([string]$GpoName -cnotmatch ${q(GPO_NAME_PATTERN)}) {
        throw ('Edit the line $GpoName = ... at the top of this script: ''{0}'' is not a GPO name this guide accepts (letters, digits, spaces and - _ . ( ), at most 100 characters, starting with a letter or digit). Nothing was changed.' -f $GpoName)
    }
    if ([string]::IsNullOrWhiteSpace($GpoDomain)) {
        throw 'This account is not in a domain ($env:USERDNSDOMAIN is empty): run the script as a domain account, or set $GpoDomain at the top of this script to the DNS name of the domain. Nothing was changed.'
    }
    if ([string]$GpoDomain -notmatch '^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?([.][A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$') {
        throw ('$GpoDomain ''{0}'' is not the DNS name of a domain (for example contoso.com). Nothing was changed.' -f $GpoDomain)
    }
  `);
  writeModuleCheck(w, 'GroupPolicy', RSAT_HINT);
}

function writeLinkOuCheck(w: PsWriter): void {
  w.code(ps`
    if ($LinkOU -and [string]$LinkOU -notmatch ${q(OU_DN_PATTERN)}) {
        throw ('Edit the line $LinkOU = ... at the top of this script: ''{0}'' is not the distinguished name of an OU in the form OU=Servers,DC=contoso,DC=com (no spaces around commas; , + \\ < > ; = # in a name escaped with a backslash). Nothing was changed.' -f $LinkOU)
    }
  `);
}

function writeListenerFilterCheck(w: PsWriter, m: ScriptModel): void {
  if (!usesHttpListenerPolicy(m)) return;
  const v4 = LISTENER_FILTER_VARIABLES.ipv4;
  const v6 = LISTENER_FILTER_VARIABLES.ipv6;
  w.code({
    lines: [
      '# The listener filters name the server\'s own addresses: *, or address ranges (IP1-IP2) and addresses separated by commas.',
      `$guideFilters = @{ ${v4} = [string]$${v4}; ${v6} = [string]$${v6} }`,
      `$guideFilterPatterns = @{ ${v4} = '^[0-9.]+$'; ${v6} = '^[0-9A-Fa-f:.]+$' }`,
      'foreach ($guideName in $guideFilters.Keys) {',
      '    $guideText = $guideFilters[$guideName].Trim()',
      "    if ($guideText -eq '' -or $guideText -eq '*') { continue }",
      "    foreach ($guideRange in ($guideText -split ',')) {",
      "        foreach ($guideEnd in ($guideRange.Trim() -split '-')) {",
      '            $guideParsed = $null',
      '            if ($guideEnd -notmatch $guideFilterPatterns[$guideName] -or -not [System.Net.IPAddress]::TryParse($guideEnd, [ref]$guideParsed)) {',
      "                throw ('${0} ''{1}'' is not *, an address or a range IP1-IP2 of the server''s own addresses. Nothing was changed.' -f $guideName, $guideFilters[$guideName])",
      '            }',
      '        }',
      '    }',
      '}',
      `if ([string]$${v4}.Trim() -eq '' -and [string]$${v6}.Trim() -eq '') {`,
      `    throw '$${v4} and $${v6} are both empty: the WinRM listener would listen on no address of the servers. Use * for all of them. Nothing was changed.'`,
      '}',
    ],
  });
}

/** The domain answers, the GPO exists once at most, and this account may edit it. */
function writeDomainChecks(w: PsWriter): void {
  w.code(ps`
    try {
        $guideSameName = @(Get-GPO -All -Domain $GpoDomain | Where-Object { $_.DisplayName -eq $GpoName })
    }
    catch {
        throw ('The domain {0} did not answer the GroupPolicy module ({1}). Check the name in $GpoDomain and that a domain controller is reachable from here. Nothing was changed.' -f $GpoDomain, $_.Exception.Message)
    }
    if ($guideSameName.Count -gt 1) {
        throw ('{0} GPOs are named ''{1}'' in {2}: this script cannot tell which one to change. Rename all but one, or choose another $GpoName. Nothing was changed.' -f $guideSameName.Count, $GpoName, $GpoDomain)
    }
    $GuideGpo = $null
    if ($guideSameName.Count -eq 1) { $GuideGpo = $guideSameName[0] }
    if ($GuideGpo) {
        # Edit rights on the existing GPO: this account or one of its groups holds GpoEdit or GpoEditDeleteModifySecurity.
        $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
        $guideSids = @([string]$guideIdentity.User.Value) + @($guideIdentity.Groups | ForEach-Object { [string]$_.Value })
        $guideMayEdit = $false
        foreach ($guidePermission in @(Get-GPPermission -Guid $GuideGpo.Id -All -DomainName $GpoDomain)) {
            if ($guideSids -contains [string]$guidePermission.Trustee.Sid.Value -and @('GpoEdit', 'GpoEditDeleteModifySecurity') -contains [string]$guidePermission.Permission -and -not $guidePermission.Denied) {
                $guideMayEdit = $true
            }
        }
        if (-not $guideMayEdit) {
            throw ('The GPO ''{0}'' exists, but neither this account nor a group it belongs to may edit it (GpoEdit). Run the script as an account that may, or choose another $GpoName. Nothing was changed.' -f $GpoName)
        }
        Write-Host ('The GPO ''{0}'' exists ({1}): it is backed up before its first change.' -f $GpoName, $GuideGpo.Id)
    }
    if ($LinkOU) {
        try {
            $GuideLinkInheritance = Get-GPInheritance -Target $LinkOU -Domain $GpoDomain
        }
        catch {
            throw ('The OU {0} was not found in {1} ({2}). Check $LinkOU, or set it to '''' to link the GPO yourself. Nothing was changed.' -f $LinkOU, $GpoDomain, $_.Exception.Message)
        }
    }
  `);
}

export function writeGpoPreflight(w: PsWriter, m: ScriptModel): void {
  w.section('Pre-flight checks: nothing is changed here');
  writeVersionCheck(w, '5.1');
  writeGpoIdentityCheck(w);
  writeLinkOuCheck(w);
  writeAdminSubnetCheck(w);
  writeListenerFilterCheck(w, m);
  writeModuleCheck(w, 'NetSecurity', 'It provides New-NetFirewallRule -PolicyStore (Windows 8 / Server 2012 and later).');
  writeDomainChecks(w);
}
