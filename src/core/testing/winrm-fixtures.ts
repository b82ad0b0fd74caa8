/**
 * Test helpers for the WinRM target script's section renderers: answer sets by kind of path, the
 * rendered script of each, one section alone, and PowerShell stubs for running sections in pwsh.
 */
import type { Answers, HostInput, Recommendation } from '../model';
import { psQuote } from '../powershell/quote';
import { writeCertificatePreflight, writeServerCertificate } from '../powershell/winrm/certificate';
import { writeHttpListenerRemoval, writeHttpsListener, writeListenerPreflight } from '../powershell/winrm/listener';
import { PsWriter } from '../powershell/writer';
import { recommend } from '../recommend';
import { allCompleteAnswers } from './answers';

/** The first complete answer set that matches (the question rules decide which questions apply). */
export function answersWhere(match: Partial<Record<keyof Answers, string>>): Answers {
  const found = allCompleteAnswers().find((a) => Object.entries(match).every(([k, v]) => (a as Record<string, string>)[k] === v));
  if (!found) throw new Error(`No answer set with ${JSON.stringify(match)}`);
  return found;
}

export const PATHS_UNDER_TEST = {
  kerberosHttp: { domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'admins', hop: 'none' },
  kerberosHttps: { domain: 'same', address: 'name', assurance: 'high', network: 'private', who: 'admins', hop: 'none' },
  ipEnterprise: { domain: 'same', address: 'ip', pki: 'enterprise', network: 'private', who: 'admins', hop: 'none' },
  ipSelfSigned: { domain: 'same', address: 'ip', pki: 'selfsigned', network: 'private', who: 'admins', hop: 'none' },
  untrustedEnterprise: { domain: 'untrusted', pki: 'enterprise', network: 'private', who: 'admins', hop: 'none' },
  untrustedSelfSigned: { domain: 'untrusted', pki: 'selfsigned', network: 'private', who: 'admins', hop: 'none' },
  workgroupSelfSigned: { domain: 'workgroup', pki: 'selfsigned', network: 'private', who: 'admins', hop: 'none' },
  workgroupEnterprise: { domain: 'workgroup', pki: 'enterprise', network: 'private', who: 'admins', hop: 'none' },
  workgroupEnterpriseJea: { domain: 'workgroup', pki: 'enterprise', network: 'private', who: 'delegated', hop: 'none' },
  kerberosJea: { domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'delegated', hop: 'none' },
  kerberosPublic: { domain: 'same', address: 'name', assurance: 'standard', network: 'public', who: 'admins', hop: 'none' },
} as const;

export type PathUnderTest = keyof typeof PATHS_UNDER_TEST;

export function recommendation(path: PathUnderTest, hosts: HostInput = {}): Recommendation {
  return recommend(answersWhere({ platform: 'windows', ...PATHS_UNDER_TEST[path] }), hosts);
}

/** Every WinRM recommendation of every answer set, with DNS, IPv4 and IPv6 targets and without. */
export function allWinRMRecommendations(): Recommendation[] {
  const hostVariants: HostInput[] = [{}, { target: 'app01.corp.example.com' }, { target: '10.20.30.40' }, { target: '2001:db8:20::40' }];
  const out: Recommendation[] = [];
  for (const answers of allCompleteAnswers()) {
    for (const hosts of hostVariants) {
      const rec = recommend(answers, hosts);
      if (rec.transport !== 'ssh') out.push(rec);
    }
  }
  return out;
}

/** The text one or more section renderers write. */
export function sectionText(...render: Array<(w: PsWriter) => void>): string {
  const w = new PsWriter();
  for (const r of render) r(w);
  return w.toString();
}

/** `$Name = 'value'` lines (values quoted by psQuote). */
export function assign(values: Record<string, string | boolean | string[]>): string {
  return Object.entries(values)
    .map(([name, value]) => {
      if (typeof value === 'boolean') return `$${name} = $${value}`;
      if (Array.isArray(value)) return `$${name} = @(${value.map(psQuote).join(', ')})`;
      return `$${name} = ${psQuote(value)}`;
    })
    .join('\n');
}

/**
 * PowerShell stubs shared by the section tests. Every change a section would make prints a line
 * starting with CALL or CHANGE (Write-Host, so that assignments like $null = ... do not hide it),
 * so a test can see what ran, and in which order.
 */
export const COMMON_STUBS = String.raw`
function Save-GuideChange { param([hashtable]$Change) Write-Host ('CHANGE ' + $Change.Kind) }
function New-FakeCertificate {
    param([string]$Thumbprint, [string]$Subject, [string]$Issuer, [string[]]$DnsNames = @(), [int]$DaysLeft = 365, [int]$DaysOld = 10,
        [bool]$PrivateKey = $true, [string[]]$Usages = @('1.3.6.1.5.5.7.3.1'), [object[]]$Extensions = @())
    if (-not $Issuer) { $Issuer = $Subject }
    [pscustomobject]@{
        Thumbprint = $Thumbprint; Subject = $Subject; Issuer = $Issuer; HasPrivateKey = $PrivateKey
        NotBefore = (Get-Date).AddDays(-$DaysOld); NotAfter = (Get-Date).AddDays($DaysLeft)
        EnhancedKeyUsageList = @($Usages | ForEach-Object { [pscustomobject]@{ ObjectId = $_ } })
        DnsNameList = @($DnsNames | ForEach-Object { [pscustomobject]@{ Unicode = $_ } })
        Extensions = $Extensions
    }
}
function New-SanExtension {
    param([byte[]]$Address)
    $value = [byte[]](@(0x87, $Address.Length) + $Address)
    [System.Security.Cryptography.X509Certificates.X509Extension]::new('2.5.29.17', [byte[]](@(0x30, $value.Length) + $value), $false)
}
function New-WSManInstance { param($ResourceURI, $SelectorSet, $ValueSet) Write-Host ('CALL New-WSManInstance ' + $SelectorSet.Transport + ' ' + $ValueSet.CertificateThumbprint) }
function Set-WSManInstance { param($ResourceURI, $SelectorSet, $ValueSet) Write-Host ('CALL Set-WSManInstance ' + $SelectorSet.Transport + ' ' + $ValueSet.CertificateThumbprint) }
function Remove-WSManInstance { param($ResourceURI, $SelectorSet) Write-Host ('CALL Remove-WSManInstance ' + $SelectorSet.Transport) }
function Export-Certificate { param($Cert, $FilePath, $Type, [switch]$Force) Write-Host ('CALL Export-Certificate ' + $Cert.Thumbprint) }
`;

/** The listener-related parts of a target script, with a certificate store and listeners as stubs. */
export function listenerScript(path: PathUnderTest, hosts: HostInput, state: string): string {
  const rec = recommendation(path, hosts);
  const sections = sectionText(
    (w) => writeCertificatePreflight(w, rec),
    (w) => writeListenerPreflight(w, rec),
    (w) => writeServerCertificate(w, rec),
    (w) => writeHttpsListener(w, rec),
    (w) => writeHttpListenerRemoval(w, rec),
  );
  const vars = assign({
    Target: rec.hosts.target.value,
    CertificateTemplate: 'WebServer',
    GuideBackupRoot: '/tmp/PSRemotingGuide',
    GuideBackupFolder: '/tmp/PSRemotingGuide/target-1',
  });
  return `${COMMON_STUBS}\n${LISTENER_STUBS}\n${vars}\n${state}\n${sections}\n'DONE'`;
}

/** $state.My / $state.Request: certificate stores; $state.Listeners: what Get-WSManInstance lists. */
export const LISTENER_STUBS = String.raw`
$state = @{ My = @(); Request = @(); Listeners = @(); Enrollment = 'Issued' }
function Get-ChildItem { param($Path) if ($Path -eq 'Cert:\LocalMachine\My') { $state.My } elseif ($Path -eq 'Cert:\LocalMachine\Request') { $state.Request } }
function Get-WSManInstance { param($ResourceURI, [switch]$Enumerate) $state.Listeners }
function Get-CimInstance { param($ClassName) [pscustomobject]@{ PartOfDomain = $true } }
function Get-ItemProperty { param($Path, $Name) }
function New-SelfSignedCertificate {
    param($Subject, $DnsName, $TextExtension, $CertStoreLocation, $KeyExportPolicy, [datetime]$NotAfter)
    Write-Host ('CALL New-SelfSignedCertificate days=' + [int][math]::Round(($NotAfter - (Get-Date)).TotalDays))
    New-FakeCertificate -Thumbprint 'CREATED' -Subject ('CN=' + $Target) -DnsNames @($Target) -DaysLeft ([int]($NotAfter - (Get-Date)).TotalDays)
}
function Get-Certificate {
    param($Template, $DnsName, $SubjectName, $CertStoreLocation, $Request)
    if ($Request) { Write-Host ('CALL Get-Certificate -Request ' + $Request.Thumbprint) } else { Write-Host ('CALL Get-Certificate -Template ' + $Template) }
    if ($state.Enrollment -eq 'Pending' -and -not $Request) { $state.Request += New-FakeCertificate -Thumbprint 'REQUESTED' -Subject ('CN=' + $Target) }
    [pscustomobject]@{ Status = $state.Enrollment; Certificate = (New-FakeCertificate -Thumbprint 'ENROLLED' -Subject ('CN=' + $Target) -Issuer 'CN=Contoso CA' -DnsNames @($Target)) }
}
`;

/** A CA-issued server certificate for an IP address (an iPAddress entry in its SAN). */
export const fakeIpCertificate = (thumbprint: string, ip: string, options = '') =>
  `New-FakeCertificate -Thumbprint '${thumbprint}' -Subject 'CN=${ip}' -Issuer 'CN=Contoso CA' -Extensions @(New-SanExtension -Address ([System.Net.IPAddress]::Parse('${ip}').GetAddressBytes())) ${options}`;
/** An HTTPS listener on every address. */
export const listener = (thumbprint: string, hostname: string) =>
  `$state.Listeners = @([pscustomobject]@{ Transport = 'HTTPS'; Address = '*'; CertificateThumbprint = '${thumbprint}'; Hostname = '${hostname}'; Port = '5986' })`;
/** The script runs in a remote session that came in over http or https. */
export const remote = (scheme: 'http' | 'https') =>
  `$PSSenderInfo = [pscustomobject]@{ ConnectionString = '${scheme}://srv:5986/wsman?PSVersion=5.1' }`;
