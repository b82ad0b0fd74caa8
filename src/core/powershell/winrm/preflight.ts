/**
 * The pre-flight section of the WinRM target script: every check that can stop the script runs here,
 * before the backup and before any change.
 */
import { WSMAN } from '../../rules/settings';
import {
  writeAdminSubnetCheck,
  writeElevationCheckWindows,
  writeExampleCheck,
  writeModuleCheck,
  writePolicyPreflight,
  writeVersionCheck,
  type PlannedWSManValue,
  type ScriptModel,
} from '../common';
import { ps, type PsWriter } from '../writer';
import { writeCertificatePreflight } from './certificate';
import { writeClientCertificatePreflight } from './client-certificate';
import { credsspValue } from './delegation';
import { writeEndpointPreflight } from './endpoint';
import { targetFacts } from './facts';
import { writeFirewallPreflight } from './firewall';
import { writeListenerPreflight } from './listener';
import { serviceValues } from './service';

/** Every WSMan: value the target script may change: none of them may be controlled by Group Policy. */
export function plannedTargetValues(m: ScriptModel): PlannedWSManValue[] {
  const values = [...serviceValues(m), credsspValue(m)];
  if (targetFacts(m).certAuth) values.push({ path: WSMAN.serviceCertificate, value: 'true' });
  return values;
}

function writeWinRMServiceCheck(w: PsWriter): void {
  w.code(ps`
    $winrmService = Get-Service -Name WinRM -ErrorAction SilentlyContinue
    if (-not $winrmService) {
        throw 'The WinRM service is not installed on this computer. Nothing was changed.'
    }
    if ($winrmService.Status -ne 'Running') {
        throw 'The WinRM service is not running. Enable remoting first with Enable-PSRemoting -Force (on a client edition on a Public network: Enable-PSRemoting -SkipNetworkProfileCheck -Force), then run this script again. Nothing was changed.'
    }
  `);
}

export function writeTargetPreflight(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  w.section('Pre-flight checks: nothing is changed here');
  writeElevationCheckWindows(w);
  writeVersionCheck(w, '5.1');
  writeExampleCheck(w, 'Target');
  writeAdminSubnetCheck(w);
  writeWinRMServiceCheck(w);
  writeModuleCheck(w, 'NetSecurity', 'It provides the firewall cmdlets (Windows 8 / Server 2012 and later).');
  writeModuleCheck(w, 'NetConnection', 'It provides Get-NetConnectionProfile (Windows 8 / Server 2012 and later).');
  if (f.https || f.certAuth) writeModuleCheck(w, 'PKI', 'It provides the certificate cmdlets (Windows 8 / Server 2012 and later).');
  writePolicyPreflight(w, plannedTargetValues(m));
  writeFirewallPreflight(w, m);
  writeEndpointPreflight(w, m);
  writeClientCertificatePreflight(w, m);
  writeCertificatePreflight(w, m);
  writeListenerPreflight(w, m);
}
