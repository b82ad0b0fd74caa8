/**
 * The client half of client-certificate authentication, written into the WinRM client script: the
 * certificate the client logs on with, exported for the target script. Self-signed on the self-signed
 * path; on the enterprise-CA path a client-authentication certificate from the CA, which the server
 * maps by the CA's thumbprint, so nothing self-signed has to become a root on the server.
 */
import { CERTIFICATE } from '../../rules/constants';
import type { ScriptModel } from '../common';
import { q } from '../quote';
import { ps, type PsCode, type PsWriter } from '../writer';

const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';

function selfSignedClientCertificate(): PsCode {
  return ps`
    $clientCertificate = Get-ChildItem -Path Cert:\CurrentUser\My | Where-Object {
        $_.Subject -eq ('CN=' + $MappedUser) -and $_.HasPrivateKey -and $_.NotAfter -gt (Get-Date).AddDays(30) -and
        (@($_.EnhancedKeyUsageList.ObjectId) -contains ${q(CLIENT_AUTH_OID)})
    } | Sort-Object -Property NotAfter -Descending | Select-Object -First 1
    if ($clientCertificate) {
        Write-Host ('Using the existing client certificate {0}' -f $clientCertificate.Thumbprint)
    }
    else {
        $clientCertificate = New-SelfSignedCertificate -Type Custom -Subject ('CN=' + $MappedUser) -TextExtension @('2.5.29.37={text}1.3.6.1.5.5.7.3.2', ('2.5.29.17={text}upn=' + $MappedUser + '@localhost')) -KeyUsage 'DigitalSignature', 'KeyEncipherment' -KeyAlgorithm RSA -KeyLength 2048 -KeyExportPolicy NonExportable -CertStoreLocation Cert:\CurrentUser\My
        Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\CurrentUser\My\' + $clientCertificate.Thumbprint) }
        Write-Host ('Created the client certificate {0} for {1}@localhost in your personal store' -f $clientCertificate.Thumbprint, $MappedUser)
    }
  `;
}

function enrolledClientCertificate(): PsCode {
  return ps`
    $clientCertificate = Get-ChildItem -Path Cert:\CurrentUser\My | Where-Object {
        $_.HasPrivateKey -and $_.Issuer -ne $_.Subject -and $_.NotBefore -le (Get-Date) -and $_.NotAfter -gt (Get-Date).AddDays(30) -and
        (@($_.EnhancedKeyUsageList.ObjectId) -contains ${q(CLIENT_AUTH_OID)}) -and
        -not [string]::IsNullOrEmpty($_.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::UpnName, $false))
    } | Sort-Object -Property NotAfter -Descending | Select-Object -First 1
    if ($clientCertificate) {
        Write-Host ('Using the client certificate {0} issued by {1}' -f $clientCertificate.Thumbprint, $clientCertificate.Issuer)
    }
    else {
        $guideRequestsBefore = @(Get-ChildItem -Path Cert:\CurrentUser\Request -ErrorAction SilentlyContinue | ForEach-Object { $_.Thumbprint })
        try {
            $guideEnrollment = Get-Certificate -Template $ClientCertificateTemplate -CertStoreLocation Cert:\CurrentUser\My
        }
        catch {
            throw ('Enrolling a client certificate from your CA (template {0}) failed: {1} On a computer outside the domain, enroll through your CA''s enrollment web service (Get-Certificate -Template {0} -Url <policy server URL> -Credential <account> -CertStoreLocation Cert:\CurrentUser\My) or with certreq, then run this script again. Changes made so far are recorded in {2}.' -f $ClientCertificateTemplate, $_.Exception.Message, $GuideBackupFolder)
        }
        $guideEnrollmentStatus = [string]$guideEnrollment.Status
        if ($guideEnrollmentStatus -eq 'Pending') {
            $guideNewRequests = @(Get-ChildItem -Path Cert:\CurrentUser\Request -ErrorAction SilentlyContinue | Where-Object { $guideRequestsBefore -notcontains $_.Thumbprint })
            foreach ($guideRequest in $guideNewRequests) {
                Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\CurrentUser\Request\' + $guideRequest.Thumbprint) }
            }
            throw ('The request for a client certificate (template {0}) is pending: it waits for approval by a CA manager. Once it is issued, install it with Get-Certificate -Request (Get-Item -Path Cert:\CurrentUser\Request\{1}), then run this script again. Changes made so far are recorded in {2}.' -f $ClientCertificateTemplate, (($guideNewRequests | ForEach-Object { $_.Thumbprint }) -join ', '), $GuideBackupFolder)
        }
        if ($guideEnrollmentStatus -ne 'Issued') {
            throw ('Your CA answered {0} to the request for a client certificate (template {1}). Check that the template exists, that you may enroll, and that it gives the Client Authentication EKU and your user principal name; then run this script again. Changes made so far are recorded in {2}.' -f $guideEnrollmentStatus, $ClientCertificateTemplate, $GuideBackupFolder)
        }
        $clientCertificate = $guideEnrollment.Certificate
        Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\CurrentUser\My\' + $clientCertificate.Thumbprint) }
        Write-Host ('Enrolled the client certificate {0} from {1} (template {2})' -f $clientCertificate.Thumbprint, $clientCertificate.Issuer, $ClientCertificateTemplate)
        if ([string]::IsNullOrEmpty($clientCertificate.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::UpnName, $false))) {
            throw ('The certificate {0} has no user principal name in its subject alternative name, so the server cannot map it. Use a template that adds it (the built-in User template does), then run this script again. Changes made so far are recorded in {1}.' -f $clientCertificate.Thumbprint, $GuideBackupFolder)
        }
    }
  `;
}

/** The "Client certificate" section of the client script (certificate authentication only). */
export function writeClientSideCertificate(w: PsWriter, m: ScriptModel): void {
  if (m.authentication !== 'certificate') return;
  w.section('Client certificate');
  w.code(m.certificate?.source === 'self-signed' ? selfSignedClientCertificate() : enrolledClientCertificate());
  w.code(ps`
    $clientCertificateFile = Join-Path -Path $GuideBackupRoot -ChildPath ${q(CERTIFICATE.clientCertificateFile)}
    $null = Export-Certificate -Cert $clientCertificate -FilePath $clientCertificateFile -Type CERT -Force
    Write-Host ('Copy {0} to the server for the target script. Its thumbprint: {1}' -f $clientCertificateFile, $clientCertificate.Thumbprint)
  `);
}
