/**
 * Client-certificate authentication (workgroup paths): the client certificate's checks, its trust on
 * the server and its mapping to a local account. A self-signed client certificate is its own issuer,
 * so it is trusted one by one (Root and TrustedPeople) and mapped by its own thumbprint. A certificate
 * from the enterprise CA is mapped by the thumbprint of the CA certificate that signed it, which the
 * server must already trust: this script never adds a CA to the server's Root store.
 */
import { PATHS } from '../../rules/constants';
import { WSMAN } from '../../rules/settings';
import { writeExampleCheck, writeSetting, type ScriptModel } from '../common';
import { q } from '../quote';
import { ps, type PsWriter } from '../writer';
import { targetFacts } from './facts';

const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';

export function writeClientCertificatePreflight(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  if (!f.certAuth) return;
  writeExampleCheck(w, 'ClientCertificateThumbprint');
  w.code(ps`
    if (-not (Get-LocalUser -Name $MappedUser -ErrorAction SilentlyContinue)) {
        throw ('The local account ''{0}'' ($MappedUser) does not exist. Create it first (New-LocalUser -Name {0}), add it to the groups it needs, then run this script again. Nothing was changed.' -f $MappedUser)
    }
    if (-not (Test-Path -Path $ClientCertificateFile)) {
        throw ('The client certificate file {0} was not found. Run the client script first and copy the .cer file it exports to this path. Nothing was changed.' -f $ClientCertificateFile)
    }
    $clientCertificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($ClientCertificateFile)
    if ($clientCertificate.Thumbprint -ne ($ClientCertificateThumbprint -replace '\s', '')) {
        throw ('The certificate in {0} has the thumbprint {1}, not the one in $ClientCertificateThumbprint. Copy the right file. Nothing was changed.' -f $ClientCertificateFile, $clientCertificate.Thumbprint)
    }
    $guideClientUsages = @($clientCertificate.Extensions | Where-Object { $_ -is [System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension] } | ForEach-Object { $_.EnhancedKeyUsages } | ForEach-Object { $_.Value })
    $mappingSubject = $clientCertificate.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::UpnName, $false)
    if ($guideClientUsages -notcontains ${q(CLIENT_AUTH_OID)} -or [string]::IsNullOrEmpty($mappingSubject) -or $clientCertificate.NotAfter -le (Get-Date)) {
        throw ('The certificate in {0} cannot log on: a client certificate needs the Client Authentication EKU, a user principal name in its subject alternative name, and a validity that has not ended. Nothing was changed.' -f $ClientCertificateFile)
    }
  `);
  if (!f.caClientCertificate) {
    w.code(ps`$mappingIssuer = $clientCertificate.Thumbprint`);
    return;
  }
  w.code(ps`
    if ($clientCertificate.Issuer -eq $clientCertificate.Subject) {
        throw ('The certificate in {0} is self-signed. On this path the client certificate comes from your enterprise CA: run the client script, which enrolls one, and copy the file it exports. Nothing was changed.' -f $ClientCertificateFile)
    }
    # The CA certificate that signed it: same name, and its key identifier is the one the client certificate names.
    $guideAuthorityKey = @($clientCertificate.Extensions | Where-Object { $_.Oid.Value -eq '2.5.29.35' } | ForEach-Object { [BitConverter]::ToString($_.RawData) -replace '-', '' })
    $issuerCertificate = @(@(Get-ChildItem -Path Cert:\LocalMachine\Root) + @(Get-ChildItem -Path Cert:\LocalMachine\CA) | Where-Object {
        $guideSubjectKey = @($_.Extensions | Where-Object { $_.Oid.Value -eq '2.5.29.14' } | ForEach-Object { ([BitConverter]::ToString($_.RawData) -replace '-', '').Substring(4) })
        $_.Subject -eq $clientCertificate.Issuer -and $_.NotAfter -gt (Get-Date) -and
        ($guideAuthorityKey.Count -eq 0 -or ($guideSubjectKey.Count -gt 0 -and $guideAuthorityKey[0].Contains($guideSubjectKey[0])))
    } | Sort-Object -Property NotAfter -Descending) | Select-Object -First 1
    if (-not $issuerCertificate) {
        throw ('The CA that issued the client certificate ({0}) is not trusted on this server. Import your CA''s certificate into Cert:\LocalMachine\Root (an issuing CA below a root into Cert:\LocalMachine\CA) after checking its thumbprint with your PKI team, then run this script again. This script never adds a CA to the Root store itself. Nothing was changed.' -f $clientCertificate.Issuer)
    }
    $mappingIssuer = $issuerCertificate.Thumbprint
  `);
}

export function writeClientCertificateMapping(w: PsWriter, m: ScriptModel): void {
  const f = targetFacts(m);
  if (!f.certAuth) return;
  w.section('Client certificate authentication');
  // A CA-issued certificate is trusted through its CA; only a self-signed one must be its own root.
  const stores = f.caClientCertificate ? "@('TrustedPeople')" : "@('Root', 'TrustedPeople')";
  w.code({
    lines: [
      `foreach ($store in ${stores}) {`,
      ...ps`
        $storePath = 'Cert:\LocalMachine\' + $store + '\' + $clientCertificate.Thumbprint
        if (Test-Path -Path $storePath) {
            Write-Host ('Unchanged: the client certificate is already in LocalMachine\{0}' -f $store)
        }
        else {
            Save-GuideChange @{ Kind = 'CertificateImported'; Path = $storePath }
            $null = Import-Certificate -FilePath $ClientCertificateFile -CertStoreLocation ('Cert:\LocalMachine\' + $store)
            Write-Host ('Imported the client certificate into LocalMachine\{0}' -f $store)
        }
      `.lines.map((l) => (l === '' ? '' : `    ${l}`)),
      '}',
    ],
  });
  writeSetting(w, WSMAN.serviceCertificate, 'true');
  w.code(ps`
    $guideMappings = @(foreach ($mapping in @(Get-ChildItem -Path WSMan:\localhost\ClientCertificate)) {
        $mappingPath = 'WSMan:\localhost\ClientCertificate\' + $mapping.Name
        if ([string](Get-Item -Path ($mappingPath + '\Subject')).Value -eq $mappingSubject -and [string](Get-Item -Path ($mappingPath + '\Issuer')).Value -eq $mappingIssuer) { $mappingPath }
    })
    if ($guideMappings.Count -gt 0 -and -not $RefreshCertificateMapping) {
        Write-Host ('Unchanged: {0} (issuer {1}) is already mapped. After a password change of {2}, set $RefreshCertificateMapping = $true and run this script again.' -f $mappingSubject, $mappingIssuer, $MappedUser)
    }
    else {
        # Asked before anything is removed: a cancelled prompt leaves the existing mapping as it is.
        $mappingCredential = Get-Credential -UserName $MappedUser -Message ('Password of the local account {0} (the certificate mapping stores it)' -f $MappedUser)
        if ($null -eq $mappingCredential) {
            throw ('No password was entered, so the certificate mapping was not changed. Changes made so far are recorded in {0}.' -f $GuideBackupFolder)
        }
        foreach ($mappingPath in $guideMappings) {
            Save-GuideChange @{ Kind = 'Note'; Text = ('The certificate mapping {0} for {1} was replaced to store a new password; a rollback cannot re-create it (the password is not saved): create it again with New-Item -Path WSMan:\localhost\ClientCertificate if you need it.' -f $mappingPath, $mappingSubject) }
            Remove-Item -Path $mappingPath -Recurse -Force
        }
        Save-GuideChange @{ Kind = 'ClientCertificateMapping'; Subject = $mappingSubject; Issuer = $mappingIssuer; URI = '*' }
        $null = New-Item -Path WSMan:\localhost\ClientCertificate -Subject $mappingSubject -URI * -Issuer $mappingIssuer -Credential $mappingCredential -Force
        Write-Host ('Mapped {0} (certificate {1}, issuer {2}) to the local account {3}' -f $mappingSubject, $clientCertificate.Thumbprint, $mappingIssuer, $MappedUser)
    }
  `);
  writeMappedAccountAdvice(w);
}

/** Advice only: an administrator other than the built-in one gets a filtered token over the network. */
function writeMappedAccountAdvice(w: PsWriter): void {
  w.code(ps`
    # Get-LocalGroupMember throws on groups holding orphaned SIDs; the check is advice only.
    try {
        $mappedMember = Get-LocalGroupMember -SID 'S-1-5-32-544' | Where-Object { $_.Name -like ('*\' + $MappedUser) }
    }
    catch {
        $mappedMember = $null
        Write-Warning ('Could not list the local Administrators group ({0}); check yourself whether {1} is an administrator other than the built-in one.' -f $_.Exception.Message, $MappedUser)
    }
    $mappedSid = (Get-LocalUser -Name $MappedUser).SID.Value
    $tokenFilter = (Get-ItemProperty -Path ${q(PATHS.latfpKey)} -Name LocalAccountTokenFilterPolicy -ErrorAction SilentlyContinue).LocalAccountTokenFilterPolicy
    if ($mappedMember -and -not $mappedSid.EndsWith('-500') -and $tokenFilter -ne 1) {
        Write-Warning ('{0} is a member of Administrators but not the built-in Administrator: UAC remote restrictions give its remote sessions a filtered standard-user token. This script does not change LocalAccountTokenFilterPolicy (1 would lift that protection for every local account); decide yourself.' -f $MappedUser)
    }
  `);
}
