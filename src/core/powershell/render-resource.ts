/** The resource script: resource-based Kerberos constrained delegation on the second computer's AD object. */
import {
  writeBackup,
  writeDone,
  writeElevationCheckWindows,
  writeExampleCheck,
  writeHeader,
  writePrologue,
  writeVariables,
  writeVersionCheck,
  type ScriptModel,
} from './common';
import { q } from './quote';
import { PsWriter, ps } from './writer';
import { nextStepLines } from '../rules/next-step';

export function renderResource(m: ScriptModel): string {
  const w = new PsWriter();
  writeHeader(w, m, {
    role: 'resource',
    title: 'resource script (resource-based constrained delegation)',
    // Its change log goes to the administrators-only backup store that the (elevated) rollback trusts.
    requiresAdmin: true,
    requiresVersion: '5.1',
    requiresModules: ['ActiveDirectory'],
    runOn: "a domain-joined admin workstation with the ActiveDirectory module (RSAT), in an elevated session, as a user allowed to write the second computer's AD object. Domain Admin rights are not needed.",
    does: [
      "adds the target's computer account to PrincipalsAllowedToDelegateToAccount of the second computer (the entries already there are kept)",
      'records the entry it added, so the rollback script (run on this same computer) removes only that one and keeps principals others add later',
      "purges the target's system Kerberos tickets (klist purge -li 0x3e7) so the change applies without waiting 15 minutes",
    ],
  });
  writeVariables(w, [
    { name: 'Target', value: q(m.hosts.target.value), comment: 'The server you connect to (first hop); it may delegate to the second computer.' },
    { name: 'Resource', value: q(m.hosts.resource?.value ?? ''), comment: "The second computer, whose services (SMB, SQL...) the target reaches on users' behalf." },
  ]);

  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    w.section('Pre-flight checks: nothing is changed here');
    writeElevationCheckWindows(w);
    writeVersionCheck(w, '5.1');
    writeExampleCheck(w, 'Target');
    writeExampleCheck(w, 'Resource');
    w.code(ps`
      if ($Target -eq $Resource) {
          throw 'The second computer ($Resource) must differ from the target ($Target). Nothing was changed.'
      }
      foreach ($name in @($Target, $Resource)) {
          if (($name -match '^[0-9.]+$') -or $name.Contains(':')) {
              throw ('{0} is an IP address. Kerberos delegation needs computer names: enter the DNS names of both computers. Nothing was changed.' -f $name)
          }
      }
      if (-not (Get-Module -ListAvailable -Name ActiveDirectory)) {
          throw 'The ActiveDirectory module is not installed. On a server: Install-WindowsFeature RSAT-AD-PowerShell; on Windows 10/11: Add-WindowsCapability -Online -Name Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0. Nothing was changed.'
      }
      Import-Module ActiveDirectory
      function Get-GuideADComputer {
          param([Parameter(Mandatory = $true)][string]$Name)
          $found = @(Get-ADComputer -Filter 'DNSHostName -eq $Name' -Properties PrincipalsAllowedToDelegateToAccount)
          if ($found.Count -eq 0) {
              $shortName = $Name.Split('.')[0]
              $found = @(Get-ADComputer -Filter 'Name -eq $shortName' -Properties PrincipalsAllowedToDelegateToAccount)
          }
          if ($found.Count -ne 1) {
              throw ('Found {0} computer accounts for {1} in this domain. For a computer in another domain, add -Server <a DC of that domain> to Get-ADComputer. Nothing was changed.' -f $found.Count, $Name)
          }
          return $found[0]
      }
      $targetComputer = Get-GuideADComputer -Name $Target
      $resourceComputer = Get-GuideADComputer -Name $Resource
    `);
    writeBackup(w, m, 'resource', { winrmConfig: false, root: 'windows' });
    w.section('Resource-based constrained delegation');
    w.code(ps`
      function Add-GuideResourceDelegation {
          param([Parameter(Mandatory = $true)]$ResourceComputer, [Parameter(Mandatory = $true)]$TargetComputer)
          # Read the list again just before writing it: Set-ADComputer replaces the whole list.
          $current = @((Get-ADComputer -Identity $ResourceComputer -Properties PrincipalsAllowedToDelegateToAccount).PrincipalsAllowedToDelegateToAccount | Where-Object { $_ })
          if ($current -contains $TargetComputer.DistinguishedName) {
              Write-Host ('Unchanged: {0} may already delegate to {1}' -f $TargetComputer.Name, $ResourceComputer.Name)
              return
          }
          Save-GuideChange @{ Kind = 'ADDelegation'; Identity = $ResourceComputer.DistinguishedName; Added = $TargetComputer.DistinguishedName; TargetName = $Target; Previous = [string[]]$current }
          Set-ADComputer -Identity $ResourceComputer -PrincipalsAllowedToDelegateToAccount ([string[]](@($current) + $TargetComputer.DistinguishedName))
          Write-Host ('{0} may now delegate users to the services of {1} (the {2} principal(s) already allowed are kept)' -f $TargetComputer.Name, $ResourceComputer.Name, $current.Count)
      }
      Add-GuideResourceDelegation -ResourceComputer $resourceComputer -TargetComputer $targetComputer
      Get-ADComputer -Identity $resourceComputer -Properties PrincipalsAllowedToDelegateToAccount | Select-Object -ExpandProperty PrincipalsAllowedToDelegateToAccount | ForEach-Object { Write-Host ('  allowed to delegate: {0}' -f $_) }
      try {
          Invoke-Command -ComputerName $Target -ScriptBlock { klist purge -li 0x3e7 } -ErrorAction Stop | Out-Null
          Write-Host ('Purged the system Kerberos tickets of {0}' -f $Target)
      }
      catch {
          Write-Warning ('Could not purge the tickets on {0} ({1}). Run klist purge -li 0x3e7 there, or wait 15 minutes.' -f $Target, $_.Exception.Message)
      }
    `);
    writeDone(w, `Commands on $Target then reach the services of the second computer as you. ${nextStepLines(m, 'resource').join(' ')}`);
  });
  return w.toString();
}
