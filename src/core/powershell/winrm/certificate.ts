/**
 * The server certificate of the HTTPS paths: which installed certificate qualifies (pre-flight), and
 * creating, enrolling or renewing one. A qualifying certificate names $Target in its SAN (DNS name, or
 * an IP address entry), has the Server Authentication EKU and its private key, and is valid now and
 * for more than CERTIFICATE.renewalDays.
 */
import { CERTIFICATE } from '../../rules/constants';
import type { ScriptModel } from '../common';
import { code, num, q } from '../quote';
import { ps, type PsWriter } from '../writer';
import { targetFacts } from './facts';

const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

function writeCertificateTests(w: PsWriter, selfSigned: boolean): void {
  w.code(ps`
    $guideTargetAddress = $null
    $targetIsAddress = (($Target -match '^[0-9.]+$') -or $Target.Contains(':')) -and [System.Net.IPAddress]::TryParse($Target, [ref]$guideTargetAddress)
    $guideRenewalDays = ${num(CERTIFICATE.renewalDays)}
    function Test-GuideSanAddress {
        param([Parameter(Mandatory = $true)]$Certificate, [Parameter(Mandatory = $true)][byte[]]$Address)
        # An iPAddress entry of the SAN is the tag 0x87, the length, then the address bytes.
        $needle = @(0x87, $Address.Length) + $Address
        foreach ($extension in @($Certificate.Extensions | Where-Object { $_.Oid.Value -eq '2.5.29.17' })) {
            $raw = $extension.RawData
            for ($i = 0; $i -le $raw.Length - $needle.Length; $i++) {
                $found = $true
                for ($j = 0; $j -lt $needle.Length; $j++) {
                    if ($raw[$i + $j] -ne $needle[$j]) { $found = $false; break }
                }
                if ($found) { return $true }
            }
        }
        return $false
    }
    function Test-GuideServerCertificate {
        param([Parameter(Mandatory = $true)]$Certificate, [int]$ValidDays)
        if (-not $Certificate.HasPrivateKey) { return $false }
        if ($Certificate.NotBefore -gt (Get-Date) -or $Certificate.NotAfter -le (Get-Date).AddDays($ValidDays)) { return $false }
        if (@($Certificate.EnhancedKeyUsageList.ObjectId) -notcontains ${q(SERVER_AUTH_OID)}) { return $false }
        if ($Certificate.Issuer ${code(selfSigned ? '-ne' : '-eq')} $Certificate.Subject) { return $false }
        if ($targetIsAddress) { return (Test-GuideSanAddress -Certificate $Certificate -Address $guideTargetAddress.GetAddressBytes()) }
        return (@($Certificate.DnsNameList | ForEach-Object { [string]$_.Unicode }) -contains $Target)
    }
    $serverCertificate = Get-ChildItem -Path Cert:\LocalMachine\My | Where-Object { Test-GuideServerCertificate -Certificate $_ -ValidDays $guideRenewalDays } | Sort-Object -Property NotAfter -Descending | Select-Object -First 1
    $httpsListener = Get-WSManInstance -ResourceURI winrm/config/Listener -Enumerate | Where-Object { $_.Transport -eq 'HTTPS' -and $_.Address -eq '*' } | Select-Object -First 1
  `);
}

/** Pre-flight: the certificate to use, whether the HTTPS listener changes, and what is missing. */
export function writeCertificatePreflight(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  if (!f.https) return;
  writeCertificateTests(w, f.selfSigned);
  w.code(ps`$guideKeepListenerCertificate = $false`);
  if (f.selfSigned) {
    // Renewal: clients trust a self-signed certificate one by one, so its successor is created and
    // exported first while the listener keeps the old one; the next run switches the listener.
    w.code(ps`
      if (-not $serverCertificate -and $httpsListener -and $httpsListener.Hostname -eq $Target) {
          $guideListenerCertificate = Get-ChildItem -Path Cert:\LocalMachine\My | Where-Object { $_.Thumbprint -eq $httpsListener.CertificateThumbprint } | Select-Object -First 1
          $guideKeepListenerCertificate = $null -ne $guideListenerCertificate -and (Test-GuideServerCertificate -Certificate $guideListenerCertificate -ValidDays 0)
      }
    `);
  } else if (f.canEnroll) {
    w.code(ps`
      $pendingRequest = $null
      if (-not $serverCertificate) {
          # A request the CA has not issued yet (Get-Certificate said Pending): retrieve it rather than submit another.
          $pendingRequest = Get-ChildItem -Path Cert:\LocalMachine\Request | Where-Object { $_.Subject -eq ('CN=' + $Target) } | Sort-Object -Property NotBefore -Descending | Select-Object -First 1
      }
      if (-not $serverCertificate -and ($targetIsAddress -or -not (Get-CimInstance -ClassName Win32_ComputerSystem).PartOfDomain)) {
          throw ('No valid certificate for {0} is installed in Cert:\LocalMachine\My, and this script can only request one for a DNS name on a domain-joined computer. Install a certificate from your CA (SAN entry {0}, Server Authentication EKU, with its private key), then run this script again. Nothing was changed.' -f $Target)
      }
    `);
  } else {
    w.code(ps`
      if (-not $serverCertificate) {
          throw ('No valid certificate for {0} is installed in Cert:\LocalMachine\My (valid for more than {1} days). Request one from your CA for this name or address (a SAN entry for {0}, of type IP address for an address; Server Authentication EKU), install it with its private key, then run this script again. Nothing was changed.' -f $Target, $guideRenewalDays)
      }
    `);
  }
  w.code(ps`
    $guideListenerChanges = $false
    if ($httpsListener -and -not $guideKeepListenerCertificate) {
        $guideListenerChanges = (-not $serverCertificate) -or $httpsListener.CertificateThumbprint -ne $serverCertificate.Thumbprint -or $httpsListener.Hostname -ne $Target
    }
  `);
}

function writeSelfSigned(w: PsWriter): void {
  w.code(ps`
    else {
        $guideNotAfter = (Get-Date).AddYears(${num(CERTIFICATE.selfSignedValidityYears)})
        if ($targetIsAddress) {
            $serverCertificate = New-SelfSignedCertificate -Subject ('CN=' + $Target) -TextExtension @('2.5.29.17={text}IPAddress=' + $Target) -CertStoreLocation Cert:\LocalMachine\My -KeyExportPolicy NonExportable -NotAfter $guideNotAfter
        }
        else {
            $serverCertificate = New-SelfSignedCertificate -DnsName $Target -CertStoreLocation Cert:\LocalMachine\My -KeyExportPolicy NonExportable -NotAfter $guideNotAfter
        }
        Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\LocalMachine\My\' + $serverCertificate.Thumbprint) }
        Write-Host ('Created the self-signed certificate {0} for {1}, valid until {2:yyyy-MM-dd}' -f $serverCertificate.Thumbprint, $Target, $serverCertificate.NotAfter)
    }
    $serverCertificateFile = Join-Path -Path $GuideBackupRoot -ChildPath ${q(CERTIFICATE.serverCertificateFile)}
    $null = Export-Certificate -Cert $serverCertificate -FilePath $serverCertificateFile -Type CERT -Force
    Write-Host ('Copy {0} to each client. Its thumbprint, which the client script asks for: {1}' -f $serverCertificateFile, $serverCertificate.Thumbprint)
    if ($guideKeepListenerCertificate) {
        Write-Host ('Renewal: the HTTPS listener keeps the current certificate {0} (expires {1:yyyy-MM-dd}) so that no client loses access. Import the new certificate on each client (client script, with the new file and thumbprint), then run this script again at the console or over RDP: it switches the listener to the new certificate.' -f $httpsListener.CertificateThumbprint, $guideListenerCertificate.NotAfter)
    }
  `);
}

function writeEnrollment(w: PsWriter): void {
  w.code(ps`
    else {
        if ($pendingRequest) {
            Write-Host ('Retrieving the pending certificate request {0} from the CA' -f $pendingRequest.Thumbprint)
            $certificateRequest = Get-Certificate -Request $pendingRequest
        }
        else {
            $guideRequestsBefore = @(Get-ChildItem -Path Cert:\LocalMachine\Request | ForEach-Object { $_.Thumbprint })
            $certificateRequest = Get-Certificate -Template $CertificateTemplate -DnsName $Target -SubjectName ('CN=' + $Target) -CertStoreLocation Cert:\LocalMachine\My
        }
        $guideEnrollmentStatus = [string]$certificateRequest.Status
        if ($guideEnrollmentStatus -eq 'Pending') {
            if (-not $pendingRequest) {
                foreach ($guideRequest in @(Get-ChildItem -Path Cert:\LocalMachine\Request | Where-Object { $guideRequestsBefore -notcontains $_.Thumbprint })) {
                    Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\LocalMachine\Request\' + $guideRequest.Thumbprint) }
                }
            }
            throw ('The certificate request for {0} (template {1}) is pending: it waits for approval by a CA manager. Once it is issued, run this script again: it retrieves this request (Cert:\LocalMachine\Request) instead of submitting a new one. Changes made so far are recorded in {2}.' -f $Target, $CertificateTemplate, $GuideBackupFolder)
        }
        if ($guideEnrollmentStatus -ne 'Issued') {
            throw ('The CA answered {0} to the certificate request for {1} (template {2}). Check the template and your enrollment rights; remove a refused request from Cert:\LocalMachine\Request (Remove-Item -Path Cert:\LocalMachine\Request\<thumbprint> -DeleteKey), then run this script again. Changes made so far are recorded in {3}.' -f $guideEnrollmentStatus, $Target, $CertificateTemplate, $GuideBackupFolder)
        }
        $serverCertificate = $certificateRequest.Certificate
        Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\LocalMachine\My\' + $serverCertificate.Thumbprint) }
        Write-Host ('Enrolled the certificate {0} for {1} (valid until {2:yyyy-MM-dd})' -f $serverCertificate.Thumbprint, $Target, $serverCertificate.NotAfter)
    }
  `);
}

/** Creates, enrolls or renews the server certificate. Runs first among the changes: a pending request stops early. */
export function writeServerCertificate(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  if (!f.https) return;
  w.section('Server certificate');
  w.code(ps`
    if ($serverCertificate) {
        Write-Host ('Using the certificate {0} for {1} (expires {2:yyyy-MM-dd})' -f $serverCertificate.Thumbprint, $Target, $serverCertificate.NotAfter)
    }
  `);
  if (f.selfSigned) writeSelfSigned(w);
  else if (f.canEnroll) writeEnrollment(w);
}

/** The closing reminder: when the certificate expires and how to renew it. */
export function writeCertificateExpiry(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  if (!f.https) return;
  const how = f.selfSigned
    ? 'run this script again at the console in the {2} days before that date: it creates the next certificate and exports it for the clients, and the run after that switches the listener to it.'
    : f.canEnroll
      ? 'run this script again in the {2} days before that date: it enrolls a new certificate and updates the listener in place.'
      : 'install a new certificate from your CA and run this script again in the {2} days before that date: it updates the listener in place.';
  w.code(ps`
    Write-Host (${q(`The server certificate {0} expires on {1:yyyy-MM-dd}. To renew it, ${how}`)} -f $serverCertificate.Thumbprint, $serverCertificate.NotAfter, $guideRenewalDays)
  `);
}
