/**
 * The target script for the WinRM paths (Windows at both ends), composed from one section renderer
 * per concern (src/core/powershell/winrm/). Order matters: every check before the backup, the backup
 * before any change, the HTTPS listener before the firewall closes HTTP, the firewall rule before the
 * HTTP listener goes.
 */
import { writeBackup, writeDone, writeFirewallHelper, writePrologue, writeWSManHelper, type ScriptModel } from './common';
import { writeCertificateExpiry, writeServerCertificate } from './winrm/certificate';
import { writeClientCertificateMapping } from './winrm/client-certificate';
import { writeCredSSPServer } from './winrm/delegation';
import { writeEndpoint } from './winrm/endpoint';
import { targetFacts } from './winrm/facts';
import { writeFirewall } from './winrm/firewall';
import { writeTargetHeader } from './winrm/header';
import { writeHttpListenerRemoval, writeHttpsListener } from './winrm/listener';
import { writeLogging } from './winrm/logging';
import { writeTargetPreflight } from './winrm/preflight';
import { writeServiceHardening } from './winrm/service';
import { writeTargetVariables } from './winrm/variables';
import { PsWriter } from './writer';

function nextStep(m: ScriptModel): string {
  const f = targetFacts(m);
  if (f.certAuth && f.selfSigned) return 'Next: copy the exported server certificate to the client and run the client script there again.';
  if (f.selfSigned) return 'Next: copy the exported server certificate to each client and run the client script there.';
  return 'Next: run the client script on each computer you administer from.';
}

export function renderWinRMTarget(m: ScriptModel): string {
  const w = new PsWriter();
  writeTargetHeader(w, m);
  writeTargetVariables(w, m);
  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    writeTargetPreflight(w, m);
    writeBackup(w, m, 'target', { winrmConfig: true, root: 'windows' });
    writeWSManHelper(w);
    writeFirewallHelper(w);
    writeServerCertificate(w, m);
    writeServiceHardening(w, m);
    writeCredSSPServer(w, m);
    writeHttpsListener(w, m);
    writeClientCertificateMapping(w, m);
    writeFirewall(w, m);
    writeHttpListenerRemoval(w, m);
    writeEndpoint(w, m);
    writeLogging(w);
    writeDone(w, nextStep(m));
    writeCertificateExpiry(w, m);
  });
  return w.toString();
}
