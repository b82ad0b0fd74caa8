/**
 * Client-certificate authentication on the workgroup paths. Issue 7, defect 13: with an enterprise CA
 * the server no longer trusts a self-signed client certificate as a root: it maps a certificate from
 * the CA by the CA's thumbprint (-Issuer) and adds nothing to its Root store, and the client enrolls
 * that certificate from the CA. Defect 12: the password for the mapping is asked before an existing
 * mapping is removed, so a cancelled prompt leaves it in place; a rerun keeps an existing mapping.
 */
import { describe, expect, test } from 'vitest';
import { describePwsh } from '../../../../tests/powershell/pwsh';
import { snippetCases } from '../../testing/pwsh-snippets';
import { COMMON_STUBS, assign, recommendation, sectionText, type PathUnderTest } from '../../testing/winrm-fixtures';
import { writeClientCertificateMapping, writeClientCertificatePreflight } from './client-certificate';

describe('the scripts of the enterprise-CA workgroup path', () => {
  const rec = recommendation('workgroupEnterprise');

  test('the target script imports nothing into the Root store and maps by the issuing CA', () => {
    const text = rec.scripts.target;
    expect(text).toContain("foreach ($store in @('TrustedPeople')) {");
    expect(text).not.toMatch(/Import-Certificate[^\n]*LocalMachine\\Root/);
    expect(text).not.toContain("@('Root', 'TrustedPeople')");
    expect(text).toContain('$mappingIssuer = $issuerCertificate.Thumbprint');
    expect(text).toContain(
      'New-Item -Path WSMan:\\localhost\\ClientCertificate -Subject $mappingSubject -URI * -Issuer $mappingIssuer -Credential $mappingCredential -Force',
    );
  });

  test('the client script enrolls a client-authentication certificate from the CA instead of creating a self-signed one', () => {
    const text = rec.scripts.client;
    expect(text).toContain("$ClientCertificateTemplate = 'User'");
    expect(text).toContain('Get-Certificate -Template $ClientCertificateTemplate -CertStoreLocation Cert:\\CurrentUser\\My');
    expect(text).toContain("if ($guideEnrollmentStatus -eq 'Pending') {");
    expect(text).not.toContain('New-SelfSignedCertificate');
  });

  test('the self-signed path keeps its self-signed client certificate, trusted one by one', () => {
    const selfSigned = recommendation('workgroupSelfSigned');
    expect(selfSigned.scripts.client).toContain('New-SelfSignedCertificate -Type Custom');
    expect(selfSigned.scripts.target).toContain("foreach ($store in @('Root', 'TrustedPeople')) {");
    expect(selfSigned.scripts.target).toContain('$mappingIssuer = $clientCertificate.Thumbprint');
  });
});

/** Real certificates, made with .NET: a CA, a look-alike CA (same name, other key), client certificates. */
const CERTIFICATES = String.raw`
function New-TestKey { [System.Security.Cryptography.RSA]::Create(2048) }
function New-TestRequest {
    param([string]$Subject, $Key)
    [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $Key, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
}
function New-TestCa {
    param([string]$Subject)
    $request = New-TestRequest -Subject $Subject -Key (New-TestKey)
    $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
    $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension]::new($request.PublicKey, $false))
    $request.CreateSelfSigned([datetimeoffset]::Now.AddDays(-1), [datetimeoffset]::Now.AddYears(5))
}
function New-TestClient {
    param($Issuer, [string]$Upn = 'alice@corp.example.com')
    $request = New-TestRequest -Subject 'CN=Alice' -Key (New-TestKey)
    $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
    $san.AddUserPrincipalName($Upn)
    $request.CertificateExtensions.Add($san.Build())
    $usages = [System.Security.Cryptography.OidCollection]::new()
    $null = $usages.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.2'))
    $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($usages, $false))
    if ($Issuer) {
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509AuthorityKeyIdentifierExtension]::CreateFromCertificate($Issuer, $true, $false))
        return $request.Create($Issuer, [datetimeoffset]::Now.AddDays(-1), [datetimeoffset]::Now.AddYears(1), [byte[]](1, 2, 3, 4))
    }
    $request.CreateSelfSigned([datetimeoffset]::Now.AddDays(-1), [datetimeoffset]::Now.AddYears(1))
}
function Save-TestCertificate {
    param($Certificate)
    $path = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('guide-client-' + $Certificate.Thumbprint + '.cer')
    [System.IO.File]::WriteAllBytes($path, $Certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Cert))
    $path
}
`;

/**
 * The server: $state.Root / $state.CA (certificates), $state.Mappings (WSMan:\localhost\ClientCertificate,
 * name -> @{ Subject; Issuer }), $state.Credential (what Get-Credential returns).
 */
const SERVER_STUBS = String.raw`
$state = @{ Root = @(); CA = @(); Stores = @(); Mappings = @{}; Credential = 'secret' }
function Get-LocalUser { param($Name) [pscustomobject]@{ Name = $Name; SID = [pscustomobject]@{ Value = 'S-1-5-21-1-2-3-1001' } } }
function Get-LocalGroupMember { param($SID) }
function Get-ItemProperty { param($Path, $Name) }
function Test-Path { param($Path) if ($Path -like 'Cert:*') { $state.Stores -contains $Path } else { [System.IO.File]::Exists($Path) } }
function Get-ChildItem {
    param($Path)
    switch ($Path) {
        'Cert:\LocalMachine\Root' { $state.Root }
        'Cert:\LocalMachine\CA' { $state.CA }
        'WSMan:\localhost\ClientCertificate' { $state.Mappings.Keys | ForEach-Object { [pscustomobject]@{ Name = $_ } } }
    }
}
function Get-Item {
    param($Path)
    $name, $property = ($Path -replace '^WSMan:\\localhost\\ClientCertificate\\', '') -split '\\'
    [pscustomobject]@{ Value = $state.Mappings[$name][$property] }
}
function Import-Certificate { param($FilePath, $CertStoreLocation) Write-Host ('CALL Import-Certificate ' + $CertStoreLocation) }
function Set-GuideWSManSetting { param($Path, $Value) Write-Host ('CALL Set-GuideWSManSetting ' + $Path + ' ' + $Value) }
function Get-Credential { param($UserName, $Message) Write-Host ('CALL Get-Credential ' + $UserName); if ($state.Credential) { [pscredential]::new($UserName, (ConvertTo-SecureString -String $state.Credential -AsPlainText -Force)) } }
function Remove-Item { param($Path, [switch]$Recurse, [switch]$Force) Write-Host ('CALL Remove-Item ' + $Path) }
function New-Item { param($Path, $Subject, $URI, $Issuer, $Credential, [switch]$Force) Write-Host ('CALL New-Item ' + $Subject + ' issuer=' + $Issuer + ' user=' + $Credential.UserName) }
`;

function mappingCase(path: PathUnderTest, setup: string, refresh = false): string {
  const rec = recommendation(path, { target: 'wg01.example.net' });
  const sections = sectionText(
    (w) => writeClientCertificatePreflight(w, rec),
    (w) => writeClientCertificateMapping(w, rec),
  );
  const vars = assign({
    MappedUser: 'psremote-admin',
    RefreshCertificateMapping: refresh,
    GuideBackupFolder: '/tmp/PSRemotingGuide/target-1',
    GuideExampleValues: ['PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT'],
  });
  return `${COMMON_STUBS}\n${CERTIFICATES}\n${SERVER_STUBS}\n${vars}\n${setup}\n$ClientCertificateFile = Save-TestCertificate -Certificate $client\n$ClientCertificateThumbprint = $client.Thumbprint\n${sections}\n'DONE'`;
}

const caClient = "$ca = New-TestCa -Subject 'CN=Contoso Issuing CA'\n$client = New-TestClient -Issuer $ca";
const existingMapping = "$state.Mappings['ClientCertificate_1'] = @{ Subject = 'alice@corp.example.com'; Issuer = $ca.Thumbprint }";

const CASES: Record<string, string> = {
  'CA: issuer trusted in Root': mappingCase('workgroupEnterprise', `${caClient}\n$state.Root = @($ca)`),
  'CA: issuing CA in the intermediate store': mappingCase('workgroupEnterprise', `${caClient}\n$state.CA = @($ca)`),
  'CA: issuer not trusted': mappingCase('workgroupEnterprise', caClient),
  'CA: a look-alike CA with the same name': mappingCase(
    'workgroupEnterprise',
    `${caClient}\n$state.Root = @(New-TestCa -Subject 'CN=Contoso Issuing CA')`,
  ),
  'CA: a self-signed client certificate': mappingCase('workgroupEnterprise', '$client = New-TestClient -Issuer $null'),
  'CA: mapping exists': mappingCase('workgroupEnterprise', `${caClient}\n$state.Root = @($ca)\n${existingMapping}`),
  'CA: mapping exists, refresh, prompt cancelled': mappingCase(
    'workgroupEnterprise',
    `${caClient}\n$state.Root = @($ca)\n${existingMapping}\n$state.Credential = $null`,
    true,
  ),
  'CA: mapping exists, refresh': mappingCase('workgroupEnterprise', `${caClient}\n$state.Root = @($ca)\n${existingMapping}`, true),
  'self-signed client certificate': mappingCase(
    'workgroupSelfSigned',
    "$client = New-TestClient -Issuer $null -Upn 'psremote-admin@localhost'",
  ),
};

describePwsh('mapping the client certificate on the server', (pwsh) => {
  const { result, calls } = snippetCases(pwsh, CASES);
  const caThumbprint = (name: string) => /issuer=([0-9A-F]{40})/.exec(calls(name).join('\n'))?.[1];

  test('a certificate from the CA is mapped by the thumbprint of the CA that issued it, nothing goes into Root (defect 13)', () => {
    const log = calls('CA: issuer trusted in Root');
    expect(result('CA: issuer trusted in Root').error).toBeNull();
    expect(log).toEqual([
      'CHANGE CertificateImported',
      'CALL Import-Certificate Cert:\\LocalMachine\\TrustedPeople',
      'CALL Set-GuideWSManSetting WSMan:\\localhost\\Service\\Auth\\Certificate true',
      'CALL Get-Credential psremote-admin',
      'CHANGE ClientCertificateMapping',
      expect.stringMatching(/^CALL New-Item alice@corp\.example\.com issuer=[0-9A-F]{40} user=psremote-admin$/),
    ]);
    expect(caThumbprint('CA: issuer trusted in Root')).toBeDefined();
    expect(calls('CA: issuing CA in the intermediate store')).toContainEqual(
      expect.stringMatching(/^CALL New-Item alice@corp\.example\.com issuer=/),
    );
  });

  test('an untrusted CA, or a look-alike with the same name, stops the script before any change', () => {
    for (const name of ['CA: issuer not trusted', 'CA: a look-alike CA with the same name']) {
      expect(result(name).error).toContain('is not trusted on this server');
      expect(result(name).error).toContain('Nothing was changed.');
      expect(calls(name)).toEqual([]);
    }
  });

  test('the enterprise path refuses a self-signed client certificate', () => {
    expect(result('CA: a self-signed client certificate').error).toContain('is self-signed');
  });

  test('a rerun keeps an existing mapping and asks for no password', () => {
    const log = calls('CA: mapping exists');
    expect(log).not.toContain('CALL Get-Credential psremote-admin');
    expect(log.filter((l) => /Remove-Item|New-Item/.test(l))).toEqual([]);
    expect(result('CA: mapping exists').output.join('\n')).toContain('is already mapped');
  });

  test('the password is asked before the old mapping goes: a cancelled prompt leaves it (defect 12)', () => {
    const r = result('CA: mapping exists, refresh, prompt cancelled');
    expect(r.error).toContain('No password was entered, so the certificate mapping was not changed');
    expect(
      calls('CA: mapping exists, refresh, prompt cancelled').filter((l) => /Remove-Item|New-Item|ClientCertificateMapping/.test(l)),
    ).toEqual([]);
  });

  test('with a password, the old mapping is replaced after the prompt', () => {
    const log = calls('CA: mapping exists, refresh').filter((l) =>
      /Get-Credential|Remove-Item|New-Item|CHANGE (Note|ClientCertificateMapping)/.test(l),
    );
    expect(log.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'CALL Get-Credential',
      'CHANGE Note',
      'CALL Remove-Item',
      'CHANGE ClientCertificateMapping',
      'CALL New-Item',
    ]);
  });

  test('a self-signed client certificate is trusted one by one and is its own issuer', () => {
    const log = calls('self-signed client certificate');
    expect(log.filter((l) => l.startsWith('CALL Import-Certificate'))).toEqual([
      'CALL Import-Certificate Cert:\\LocalMachine\\Root',
      'CALL Import-Certificate Cert:\\LocalMachine\\TrustedPeople',
    ]);
    expect(log).toContainEqual(expect.stringMatching(/^CALL New-Item psremote-admin@localhost issuer=[0-9A-F]{40} user=psremote-admin$/));
  });
});
