/**
 * Listeners: the HTTPS listener (created, or changed in place, never removed and re-created) and the
 * removal of the HTTP listener on the Kerberos HTTPS path. The pre-flight refuses to run from a remote
 * session that a change would cut off.
 */
import { PATHS } from '../../rules/constants';
import type { ScriptModel } from '../common';
import { q } from '../quote';
import { ps, type PsWriter } from '../writer';
import { targetFacts } from './facts';

/** Pre-flight: remote sessions this script would cut off, and listeners Group Policy controls. Needs writeCertificatePreflight first. */
export function writeListenerPreflight(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  if (f.needsLocalSession) {
    w.code(ps`
      if ($null -ne $PSSenderInfo) {
          throw 'Run this script in a local session (console or RDP): it restarts WinRM or removes the HTTP listener, which would cut this remote session off halfway. Nothing was changed.'
      }
    `);
  } else if (f.closesHttpPort) {
    // The built-in HTTP rules are disabled and no guide rule admits 5985 (workgroup HTTPS):
    // a session that came in over HTTP would lose its port halfway through the script.
    w.code(ps`
      if ($null -ne $PSSenderInfo -and [string]$PSSenderInfo.ConnectionString -notmatch '^https:') {
          throw 'This remote session uses HTTP (port 5985), which this script closes in the firewall. Run it in a local session (console or RDP), or over HTTPS. Nothing was changed.'
      }
    `);
  }
  if (f.https && !f.needsLocalSession) {
    // A session over the HTTPS listener would lose it when its certificate changes (clients may not trust the new one yet).
    w.code(ps`
      if ($guideListenerChanges -and $null -ne $PSSenderInfo -and [string]$PSSenderInfo.ConnectionString -notmatch '^http:') {
          throw ('This script changes the certificate of the HTTPS listener (now {0}), which this remote session may be using. Run it in a local session (console or RDP). Nothing was changed.' -f $httpsListener.CertificateThumbprint)
      }
    `);
  }
  if (f.removesHttpListener) {
    w.code(ps`
      if ((Get-ItemProperty -Path ${q(`${PATHS.winrmPolicyKey}\\Service`)} -Name AllowAutoConfig -ErrorAction SilentlyContinue).AllowAutoConfig -eq 1) {
          throw 'The HTTP listener is created by Group Policy: the policy "Allow remote server management through WinRM" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service) is enabled, so this script cannot remove it. Change that policy for this server (or leave its IPv4/IPv6 filters empty), then run this script again. Nothing was changed.'
      }
    `);
  }
}

export function writeHttpsListener(w: PsWriter, m: ScriptModel): void {
  if (!targetFacts(m).https) return;
  w.section('HTTPS listener');
  w.code(ps`
    $guideListenerSelector = @{ Address = '*'; Transport = 'HTTPS' }
    if ($guideKeepListenerCertificate) {
        Write-Host ('Unchanged: the HTTPS listener keeps the certificate {0} until the clients trust its successor' -f $httpsListener.CertificateThumbprint)
    }
    elseif (-not $httpsListener) {
        Save-GuideChange @{ Kind = 'ListenerCreated'; Address = '*'; Transport = 'HTTPS' }
        $null = New-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $guideListenerSelector -ValueSet @{ Hostname = $Target; CertificateThumbprint = $serverCertificate.Thumbprint }
        Write-Host ('Created the HTTPS listener on port 5986 for {0}' -f $Target)
    }
    elseif ($httpsListener.CertificateThumbprint -eq $serverCertificate.Thumbprint -and $httpsListener.Hostname -eq $Target) {
        Write-Host 'Unchanged: the HTTPS listener already uses this certificate'
    }
    else {
        # Changed in place: removing and re-creating it would drop every session that uses it.
        Save-GuideChange @{ Kind = 'ListenerUpdated'; Address = '*'; Transport = 'HTTPS'; PreviousHostname = [string]$httpsListener.Hostname; PreviousCertificateThumbprint = [string]$httpsListener.CertificateThumbprint }
        $null = Set-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $guideListenerSelector -ValueSet @{ Hostname = $Target; CertificateThumbprint = $serverCertificate.Thumbprint }
        Write-Host ('Updated the HTTPS listener in place: certificate {0} (was {1}), host name {2}' -f $serverCertificate.Thumbprint, $httpsListener.CertificateThumbprint, $Target)
    }
  `);
}

/** Removes the HTTP listener. Called after the firewall section: the HTTPS rule exists before 5985 goes. */
export function writeHttpListenerRemoval(w: PsWriter, m: ScriptModel): void {
  if (!targetFacts(m).removesHttpListener) return;
  w.section('HTTP listener');
  w.code(ps`
    foreach ($listener in @(Get-WSManInstance -ResourceURI winrm/config/Listener -Enumerate | Where-Object { $_.Transport -eq 'HTTP' })) {
        Save-GuideChange @{ Kind = 'ListenerRemoved'; Address = [string]$listener.Address; Transport = 'HTTP'; Port = [string]$listener.Port; Hostname = [string]$listener.Hostname; CertificateThumbprint = '' }
        Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{ Address = [string]$listener.Address; Transport = 'HTTP' }
        Write-Host ('Removed the HTTP listener on {0} (port {1})' -f $listener.Address, $listener.Port)
    }
    Write-Host 'No HTTP listener is left (5985). Enable-PSRemoting, winrm quickconfig and the AllowAutoConfig policy would re-create it.'
  `);
}
