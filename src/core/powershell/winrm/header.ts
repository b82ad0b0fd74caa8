/** The header of the WinRM target script: where to run it and what it does, in order. */
import { CERTIFICATE, JEA } from '../../rules/constants';
import { writeHeader, type ScriptModel } from '../common';
import type { PsWriter } from '../writer';
import { targetFacts } from './facts';

function certificateDoes(m: ScriptModel): string {
  const f = targetFacts(m);
  if (f.selfSigned) {
    return `creates a self-signed server certificate for $Target (valid ${CERTIFICATE.selfSignedValidityYears} years) and exports its public part for the clients; within ${CERTIFICATE.renewalDays} days of its expiry a new run creates the next one, and the run after that switches the listener to it`;
  }
  if (f.canEnroll)
    return 'uses an installed certificate from your enterprise CA for $Target, or requests one (Get-Certificate -Template $CertificateTemplate; a pending request is retrieved on the next run)';
  return 'uses the certificate for $Target that you installed from your CA (it stops if there is none)';
}

export function targetDoes(m: ScriptModel): string[] {
  const f = targetFacts(m);
  const does: string[] = ['saves the WinRM configuration and the previous value of everything it changes'];
  if (f.https) {
    does.push(certificateDoes(m));
    does.push('creates the HTTPS listener on port 5986, or changes the existing one in place (never from a remote session using it)');
  }
  does.push(
    `turns off unencrypted traffic and Basic authentication on the WinRM service${f.https ? ', and sets channel binding to Strict' : ''}`,
  );
  does.push(f.credssp ? 'enables CredSSP on the service (Role Server) for the second hop' : 'turns off CredSSP on the service');
  if (f.certAuth) {
    does.push(
      f.caClientCertificate
        ? 'imports the client certificate into LocalMachine\\TrustedPeople (after checking its thumbprint) and maps it by the thumbprint of the CA that issued it, which this server must already trust'
        : 'imports the self-signed client certificate into LocalMachine\\Root and LocalMachine\\TrustedPeople (after checking its thumbprint)',
    );
    does.push(
      "enables certificate authentication and maps the client certificate to $MappedUser (it asks for that account's password; an existing mapping is kept)",
    );
  }
  does.push(
    `limits the firewall to $AdminSubnet (${m.firewall.rules.map((r) => `TCP ${r.port}`).join(', ')}) and disables the built-in WinRM HTTP rules`,
  );
  if (f.removesHttpListener) does.push('removes the HTTP listener (5985), after the firewall rule for HTTPS exists');
  if (f.jea) {
    does.push(
      `registers the JEA endpoint ${JEA.endpointName} for $JeaGroup (${f.gmsa ? 'runs as the gMSA $JeaGmsa' : 'virtual account'}, transcripts), from files only SYSTEM and Administrators can change`,
    );
  }
  does.push('turns on script block logging (unless $EnableScriptBlockLogging is $false)');
  does.push('warns (without changing it) if LocalAccountTokenFilterPolicy is 1');
  return does;
}

export function writeTargetHeader(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  writeHeader(w, m, {
    role: 'target',
    title: 'target script',
    requiresAdmin: true,
    requiresVersion: '5.1',
    runOn: `the server you connect to (${m.hosts.target.value}), in an elevated Windows PowerShell 5.1 or PowerShell 7 session${f.needsLocalSession ? ' at its console or over RDP (not over remoting)' : ''}.`,
    does: targetDoes(m),
  });
}
