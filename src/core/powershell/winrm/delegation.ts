/** The second hop on the target: CredSSP (Role Server) only on the tier-0 path, off everywhere else. */
import { WSMAN } from '../../rules/settings';
import { writeSetting, type PlannedWSManValue, type ScriptModel } from '../common';
import { q } from '../quote';
import { ps, type PsWriter } from '../writer';
import { targetFacts } from './facts';

export function credsspValue(m: ScriptModel): PlannedWSManValue {
  return { path: WSMAN.serviceCredSSP, value: targetFacts(m).credssp ? 'true' : 'false' };
}

export function writeCredSSPServer(w: PsWriter, m: ScriptModel): void {
  if (!targetFacts(m).credssp) {
    writeSetting(w, WSMAN.serviceCredSSP, 'false');
    return;
  }
  w.section('Second hop: CredSSP (Role Server)');
  w.code(ps`
    if ([string](Get-Item -Path ${q(WSMAN.serviceCredSSP)}).Value -eq 'true') {
        Write-Host 'Unchanged: CredSSP is already enabled on the service'
    }
    else {
        Save-GuideChange @{ Kind = 'CredSSPEnabled'; Role = 'Server'; PreviouslyEnabled = $false }
        $null = Enable-WSManCredSSP -Role Server -Force
        Write-Host 'Enabled CredSSP on the service (Role Server) for the second hop'
    }
  `);
}
