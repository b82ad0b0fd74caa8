/**
 * The server certificate. Issue 7, defect 12 (workgroup, self-signed): three years of validity
 * instead of one, the expiry shown in the recommendation and printed by the script, and a renewal
 * that never cuts clients off. Defect 14 (Kerberos over HTTPS): an installed certificate qualifies by
 * its SAN, EKU, private key and validity, not by its CN, and a pending request is retrieved on the
 * next run rather than submitted again.
 */
import { describe, expect, test } from 'vitest';
import { describePwsh } from '../../../../tests/powershell/pwsh';
import { CERTIFICATE } from '../../rules/constants';
import { snippetCases } from '../../testing/pwsh-snippets';
import { allWinRMRecommendations, fakeIpCertificate, listener, listenerScript, recommendation } from '../../testing/winrm-fixtures';

describe('what the recommendation and the scripts say about the certificate', () => {
  const selfSigned = allWinRMRecommendations().filter((rec) => rec.certificate?.source === 'self-signed');

  test('a self-signed certificate is created for three years, and its expiry is printed', () => {
    expect(CERTIFICATE.selfSignedValidityYears).toBe(3);
    for (const rec of selfSigned) {
      const text = rec.scripts.target;
      expect(text).toContain('$guideNotAfter = (Get-Date).AddYears(3)');
      expect(text.match(/New-SelfSignedCertificate [^\n]*-NotAfter \$guideNotAfter/g)).toHaveLength(2);
      expect(text).toMatch(/Write-Host \('The server certificate \{0\} expires on \{1:yyyy-MM-dd\}\. To renew it, run this script again/);
    }
  });

  test('the recommendation shows the validity and the renewal', () => {
    const rec = recommendation('workgroupSelfSigned');
    const listenerSetting = rec.settings.find((s) => s.id === 'listener-https')!;
    expect(listenerSetting.value).toContain('valid 3 years from the day the target script creates it');
    expect(listenerSetting.value).toContain('the script prints the expiry date');
    expect(rec.warnings.find((w) => w.id === 'self-signed-few-hosts')!.message).toContain(
      'valid for 3 years (instead of the default one year) and prints the expiry date',
    );
  });

  test('installed certificates are matched on the SAN (DnsNameList), never on the CN alone', () => {
    for (const rec of allWinRMRecommendations().filter((r) => r.transport === 'https')) {
      const text = rec.scripts.target;
      expect(text).toContain('(@($Certificate.DnsNameList | ForEach-Object { [string]$_.Unicode }) -contains $Target)');
      expect(text).not.toContain('X509NameType]::SimpleName');
    }
  });

  test('enrollment retrieves a pending request before it submits a new one', () => {
    const text = recommendation('kerberosHttps').scripts.target;
    expect(text).toContain('Get-ChildItem -Path Cert:\\LocalMachine\\Request');
    expect(text).toContain('$certificateRequest = Get-Certificate -Request $pendingRequest');
  });
});

const DNS = 'app01.corp.example.com';
const IP = '10.20.30.40';
const dnsCertificate = (thumbprint: string, options = '') =>
  `New-FakeCertificate -Thumbprint '${thumbprint}' -Subject 'CN=${DNS}' -Issuer 'CN=Contoso CA' ${options}`;
const selfSignedCertificate = (thumbprint: string, days: number) =>
  `New-FakeCertificate -Thumbprint '${thumbprint}' -Subject 'CN=wg01.example.net' -DnsNames @('wg01.example.net') -DaysLeft ${days}`;

const CASES: Record<string, string> = {
  'Kerberos: CN matches, SAN does not': listenerScript(
    'kerberosHttps',
    { target: DNS },
    `$state.My = @(${dnsCertificate('CN-ONLY', "-DnsNames @('other.corp.example.com')")})`,
  ),
  'Kerberos: SAN matches': listenerScript(
    'kerberosHttps',
    { target: DNS },
    `$state.My = @(${dnsCertificate('SAN', `-DnsNames @('${DNS}')`)})`,
  ),
  'Kerberos: pending request from an earlier run': listenerScript(
    'kerberosHttps',
    { target: DNS },
    `$state.Request = @(New-FakeCertificate -Thumbprint 'REQ1' -Subject 'CN=${DNS}')`,
  ),
  'Kerberos: the CA makes the request pending': listenerScript('kerberosHttps', { target: DNS }, `$state.Enrollment = 'Pending'`),
  'Kerberos: the CA denies the request': listenerScript('kerberosHttps', { target: DNS }, `$state.Enrollment = 'Denied'`),
  'IP: the address in the SAN': listenerScript('ipEnterprise', { target: IP }, `$state.My = @(${fakeIpCertificate('IP-SAN', IP)})`),
  'IP: the address only as a DNS name': listenerScript(
    'ipEnterprise',
    { target: IP },
    `$state.My = @(${dnsCertificate('IP-AS-DNS', `-DnsNames @('${IP}')`)})`,
  ),
  'IP: no private key': listenerScript(
    'ipEnterprise',
    { target: IP },
    `$state.My = @(${fakeIpCertificate('NO-KEY', IP, '-PrivateKey $false')})`,
  ),
  'IP: expired': listenerScript('ipEnterprise', { target: IP }, `$state.My = @(${fakeIpCertificate('EXPIRED', IP, '-DaysLeft -1')})`),
  'IP: not valid yet': listenerScript('ipEnterprise', { target: IP }, `$state.My = @(${fakeIpCertificate('FUTURE', IP, '-DaysOld -5')})`),
  'IP: expires within the renewal window': listenerScript(
    'ipEnterprise',
    { target: IP },
    `$state.My = @(${fakeIpCertificate('SOON', IP, '-DaysLeft 20')})`,
  ),
  'IP: no Server Authentication EKU': listenerScript(
    'ipEnterprise',
    { target: IP },
    `$state.My = @(${fakeIpCertificate('CLIENT-EKU', IP, "-Usages @('1.3.6.1.5.5.7.3.2')")})`,
  ),
  'self-signed: first run': listenerScript('workgroupSelfSigned', { target: 'wg01.example.net' }, ''),
  'self-signed: listener certificate expires in 30 days': listenerScript(
    'workgroupSelfSigned',
    { target: 'wg01.example.net' },
    `$state.My = @(${selfSignedCertificate('OLD', 30)})\n${listener('OLD', 'wg01.example.net')}`,
  ),
  'self-signed: run after the renewal': listenerScript(
    'workgroupSelfSigned',
    { target: 'wg01.example.net' },
    `$state.My = @((${selfSignedCertificate('OLD', 25)}), (${selfSignedCertificate('NEXT', 1090)}))\n${listener('OLD', 'wg01.example.net')}`,
  ),
  'self-signed: listener certificate already expired': listenerScript(
    'workgroupSelfSigned',
    { target: 'wg01.example.net' },
    `$state.My = @(${selfSignedCertificate('OLD', -3)})\n${listener('OLD', 'wg01.example.net')}`,
  ),
};

describePwsh('which certificate the target script uses, enrolls or creates', (pwsh) => {
  const { result, calls } = snippetCases(pwsh, CASES);

  test('Kerberos over HTTPS: a certificate whose CN matches but whose SAN does not is not used (defect 14)', () => {
    expect(calls('Kerberos: CN matches, SAN does not')).toEqual([
      'CALL Get-Certificate -Template WebServer',
      'CHANGE CertificateCreated',
      'CHANGE ListenerCreated',
      'CALL New-WSManInstance HTTPS ENROLLED',
    ]);
    expect(calls('Kerberos: SAN matches')).toEqual(['CHANGE ListenerCreated', 'CALL New-WSManInstance HTTPS SAN']);
  });

  test('a pending request is retrieved, not submitted again (defect 14)', () => {
    expect(calls('Kerberos: pending request from an earlier run')).toEqual([
      'CALL Get-Certificate -Request REQ1',
      'CHANGE CertificateCreated',
      'CHANGE ListenerCreated',
      'CALL New-WSManInstance HTTPS ENROLLED',
    ]);
  });

  test('a request the CA makes pending is recorded, and the script stops before touching the listener', () => {
    const r = result('Kerberos: the CA makes the request pending');
    expect(r.error).toContain('is pending');
    expect(r.error).toContain('it retrieves this request');
    expect(calls('Kerberos: the CA makes the request pending')).toEqual([
      'CALL Get-Certificate -Template WebServer',
      'CHANGE CertificateCreated',
    ]);
  });

  test('a denied request stops the script with what to do', () => {
    expect(result('Kerberos: the CA denies the request').error).toContain('The CA answered Denied');
  });

  test('an IP address must be an IP entry of the SAN', () => {
    expect(calls('IP: the address in the SAN')).toEqual(['CHANGE ListenerCreated', 'CALL New-WSManInstance HTTPS IP-SAN']);
    expect(result('IP: the address only as a DNS name').error).toContain('No valid certificate for 10.20.30.40');
  });

  test.each([
    'IP: no private key',
    'IP: expired',
    'IP: not valid yet',
    'IP: expires within the renewal window',
    'IP: no Server Authentication EKU',
  ])('%s: not used, the script stops before any change', (name) => {
    expect(result(name).error).toContain('No valid certificate for 10.20.30.40');
    expect(calls(name)).toEqual([]);
  });

  test('self-signed: created for three years and exported (defect 12)', () => {
    const log = calls('self-signed: first run');
    expect(log[0]).toMatch(/^CALL New-SelfSignedCertificate days=109[56]$/);
    expect(log.slice(1)).toEqual([
      'CHANGE CertificateCreated',
      'CALL Export-Certificate CREATED',
      'CHANGE ListenerCreated',
      'CALL New-WSManInstance HTTPS CREATED',
    ]);
  });

  test('self-signed renewal: the next certificate is created and exported while the listener keeps the old one', () => {
    const r = result('self-signed: listener certificate expires in 30 days');
    expect(r.error).toBeNull();
    expect(calls('self-signed: listener certificate expires in 30 days').slice(1)).toEqual([
      'CHANGE CertificateCreated',
      'CALL Export-Certificate CREATED',
    ]);
    expect(r.output.join('\n')).toContain('Renewal: the HTTPS listener keeps the current certificate OLD');
  });

  test('self-signed renewal: the run after switches the listener in place', () => {
    expect(calls('self-signed: run after the renewal')).toEqual([
      'CALL Export-Certificate NEXT',
      'CHANGE ListenerUpdated',
      'CALL Set-WSManInstance HTTPS NEXT',
    ]);
  });

  test('self-signed: an expired listener certificate is replaced at once', () => {
    expect(calls('self-signed: listener certificate already expired').slice(1)).toEqual([
      'CHANGE CertificateCreated',
      'CALL Export-Certificate CREATED',
      'CHANGE ListenerUpdated',
      'CALL Set-WSManInstance HTTPS CREATED',
    ]);
  });
});
