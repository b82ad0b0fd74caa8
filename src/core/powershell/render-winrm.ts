/**
 * The target script for the WinRM paths (Windows at both ends), composed from one section renderer
 * per concern (src/core/powershell/winrm/). Order matters: every check before the backup, the backup
 * before any change, the HTTPS listener before the firewall closes HTTP, the firewall rule before the
 * HTTP listener goes.
 */
import { writeBackup, writeDone, writeFirewallHelper, writePrologue, writeWSManHelper, type ScriptModel } from './common';
import { nextStepLines } from '../rules/next-step';
import { writeCertificateExpiry, writeServerCertificate } from './winrm/certificate';
import { writeClientCertificateMapping } from './winrm/client-certificate';
import { writeCredSSPServer } from './winrm/delegation';
import { writeEndpoint } from './winrm/endpoint';
import { writeFirewall } from './winrm/firewall';
import { writeTargetHeader } from './winrm/header';
import { writeHttpListenerRemoval, writeHttpsListener } from './winrm/listener';
import { writeLogging } from './winrm/logging';
import { writeTargetPreflight } from './winrm/preflight';
import { writeServiceHardening } from './winrm/service';
import { writeTargetVariables } from './winrm/variables';
import { PsWriter } from './writer';

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
    writeDone(w, nextStepLines(m, 'target').join(' '));
    writeCertificateExpiry(w, m);
  });
  return w.toString();
}
