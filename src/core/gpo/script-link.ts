/** The link to $LinkOU, last: servers only get the GPO once every value is in it; then the summary. */
import type { ScriptModel } from '../powershell/common';
import { q } from '../powershell/quote';
import { ps, type PsWriter } from '../powershell/writer';

export function writeGpoLink(w: PsWriter): void {
  w.section('Link to the OU (only when $LinkOU is set)');
  w.code(ps`
    if ($LinkOU) {
        $guideLinked = @($GuideLinkInheritance.GpoLinks | Where-Object { [string]$_.GpoId -eq [string]$GuideGpo.Id })
        if ($guideLinked.Count -gt 0) {
            Write-Host ('Unchanged: the GPO is already linked to {0}' -f $LinkOU)
        }
        else {
            Start-GuideGpoChange
            $null = New-GPLink -Guid $GuideGpo.Id -Target $LinkOU -Domain $GpoDomain -LinkEnabled Yes
            $GuideRun.State.LinkCreated = [string]$LinkOU
            Add-GuideGpoChange -Text ('linked the GPO to {0}' -f $LinkOU)
        }
    }
    else {
        Write-Host 'Not linked: $LinkOU is empty. Link the GPO to the servers'' OU once you have checked it (New-GPLink, or the Group Policy Management console).'
    }
  `);
}

/** What the GPO cannot do, said again at the end: the built-in rules, and CredSSP on every server it reaches. */
function writeGpoWarnings(w: PsWriter, m: ScriptModel): void {
  for (const pattern of m.firewall.disablesBuiltInRules) {
    w.code(ps`Write-Warning ${q(`A GPO cannot turn off the servers' own firewall rules ${pattern}: until the target script (or Disable-NetFirewallRule -Name '${pattern}') has run on each server, those rules still admit more than $AdminSubnet.`)}`);
  }
  if (m.secondHop === 'credssp') {
    w.code(ps`Write-Warning ${q('This GPO turns on CredSSP on every server it applies to: link it only to the OU of the tier-0 server(s) the recommendation is for.')}`);
  }
}

export function writeGpoDone(w: PsWriter, m: ScriptModel): void {
  w.section('Done');
  writeGpoWarnings(w, m);
  w.code(ps`
    Write-Host ''
    if ($null -eq $GuideRun.State) {
        Write-Host ('Finished: the GPO ''{0}'' already holds every value; nothing was changed.' -f $GpoName)
    }
    else {
        Write-Host ('Finished. {0} change(s) recorded in {1}; gpo-rollback.ps1 undoes them.' -f $GuideRun.State.Changes.Count, $GuideRun.StatePath)
    }
    Write-Host 'Next: the servers apply the GPO at their next Group Policy refresh (gpupdate /target:computer to apply it now). Then run the target script on each server for what no policy sets: see the settings table.'
  `);
}
