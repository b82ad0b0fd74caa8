/**
 * The sources the guide cites. Every rule, setting, warning and alternative names at least one
 * of these keys; this catalogue says what each key is, for a reader: the document's title, its
 * publisher and a link, plus where the fact sheet read it (`provenance`, a repository path or
 * URL, shared/domain/FACTS.md "Source keys"). A key the fact sheet gives several documents for
 * names the primary one and lists the others in `also`.
 */
import { publicUrl, referencePageTitle } from './source-url';

export interface SourceDocument {
  title: string;
  publisher: string;
  /** https; for Microsoft's documentation repositories, the published Microsoft Learn page. */
  url: string;
}

export interface SourceEntry extends SourceDocument {
  /** Where the fact sheet read it: `owner/repo: path` or a URL. */
  provenance: string;
  also?: SourceDocument[];
  /** Said to the reader when the link is not the document itself (e.g. a benchmark behind a form). */
  note?: string;
}

const PSD = 'MicrosoftDocs/PowerShell-Docs: reference';
const REMOTING = `${PSD}/docs-conceptual/security/remoting`;
const WSPS = 'MicrosoftDocs/windows-powershell-docs: docset/winserver2022-ps';
const LEARN = 'Microsoft Learn';

const urlOf = (ref: string) => publicUrl(ref) ?? ref;

/** A document published on Microsoft Learn, cited by its repository path. */
const learnDoc = (title: string, ref: string): SourceDocument => ({ title, publisher: LEARN, url: urlOf(ref) });

function learn(title: string, ref: string, also?: SourceDocument[]): SourceEntry {
  return { ...learnDoc(title, ref), provenance: ref, ...(also && { also }) };
}

/** A PowerShell reference page, titled by its name and version (see referencePageTitle). */
const learnPageDoc = (ref: string) => learnDoc(referencePageTitle(ref) ?? ref, ref);
const learnPage = (ref: string, also?: SourceDocument[]) => learn(referencePageTitle(ref) ?? ref, ref, also);

function web(title: string, publisher: string, url: string, also?: SourceDocument[]): SourceEntry {
  return { title, publisher, url, provenance: url, ...(also && { also }) };
}

const githubThread = (repository: string, kind: 'issue' | 'pull request', n: number): SourceDocument => ({
  title: `${repository} ${kind} #${n}`,
  publisher: 'GitHub',
  url: `https://github.com/${repository}/${kind === 'issue' ? 'issues' : 'pull'}/${n}`,
});

export const SOURCES = {
  WSEC: learn('Security considerations for PowerShell Remoting using WinRM', `${REMOTING}/WinRM-Security.md`),
  HOP: learn('Making the second hop in PowerShell Remoting', `${REMOTING}/PS-remoting-second-hop.md`),
  SSH: learn('PowerShell remoting over SSH', `${REMOTING}/SSH-Remoting-in-PowerShell.md`),
  WSMANPS: learn('WS-Management (WSMan) Remoting in PowerShell', `${REMOTING}/WSMan-Remoting-in-PowerShell.md`),
  FAQ: learn('PowerShell Remoting FAQ', `${REMOTING}/powershell-remoting-faq.yml`),
  SECFEAT: learn('PowerShell security features', `${PSD}/docs-conceptual/security/security-features.md`),
  JEASEC: learn('JEA Security Considerations', `${REMOTING}/jea/security-considerations.md`),
  JEACFG: learn('JEA Session Configurations', `${REMOTING}/jea/session-configurations.md`),
  JEAAUD: learn('Auditing and Reporting on JEA', `${REMOTING}/jea/audit-and-report.md`),
  JEAPRE: learn('JEA Prerequisites', `${REMOTING}/jea/prerequisites.md`, [
    learnDoc('Registering JEA Configurations', `${REMOTING}/jea/register-jea.md`),
    learnDoc('Using JEA', `${REMOTING}/jea/using-jea.md`),
  ]),
  REQ: learnPage(`${PSD}/7.5/Microsoft.PowerShell.Core/About/about_Remote_Requirements.md`),
  TRB: learnPage(`${PSD}/7.5/Microsoft.PowerShell.Core/About/about_Remote_Troubleshooting.md`),
  EPSR: learnPage(`${PSD}/7.5/Microsoft.PowerShell.Core/Enable-PSRemoting.md`, [
    learnPageDoc(`${PSD}/5.1/Microsoft.PowerShell.Core/Enable-PSRemoting.md`),
  ]),
  DPSR: learnPage(`${PSD}/5.1/Microsoft.PowerShell.Core/Disable-PSRemoting.md`),
  NPSS: learnPage(`${PSD}/7.5/Microsoft.PowerShell.Core/New-PSSession.md`),
  NPSO: learnPage(`${PSD}/5.1/Microsoft.PowerShell.Core/New-PSSessionOption.md`),
  RPSC: learnPage(`${PSD}/5.1/Microsoft.PowerShell.Core/Register-PSSessionConfiguration.md`, [
    learnPageDoc(`${PSD}/5.1/Microsoft.PowerShell.Core/New-PSSessionConfigurationFile.md`),
  ]),
  QC: learnPage(`${PSD}/5.1/Microsoft.WSMan.Management/Set-WSManQuickConfig.md`),
  CSSP: learnPage(`${PSD}/5.1/Microsoft.WSMan.Management/Enable-WSManCredSSP.md`),
  NWI: learnPage(`${PSD}/5.1/Microsoft.WSMan.Management/New-WSManInstance.md`),
  WSPROV: learnPage(`${PSD}/5.1/Microsoft.WSMan.Management/About/about_WSMan_Provider.md`),
  LOG51: learnPage(`${PSD}/5.1/Microsoft.PowerShell.Core/About/about_Logging.md`),
  LOG7: learnPage(`${PSD}/7.5/Microsoft.PowerShell.Core/About/about_Logging_Windows.md`, [
    learnPageDoc(`${PSD}/7.5/Microsoft.PowerShell.Core/About/about_Group_Policy_Settings.md`),
  ]),
  LOGNX: learnPage(`${PSD}/7.5/Microsoft.PowerShell.Core/About/about_Logging_Non-Windows.md`, [
    learnPageDoc(`${PSD}/7.5/Microsoft.PowerShell.Core/About/about_PowerShell_Config.md`),
  ]),
  SSHDCFG: web('sshd_config(5): OpenSSH daemon configuration file', 'OpenBSD manual pages', 'https://man.openbsd.org/sshd_config', [
    {
      title: 'servconf.c (OpenSSH Portable source)',
      publisher: 'GitHub',
      url: 'https://github.com/openssh/openssh-portable/blob/master/servconf.c',
    },
  ]),
  DIFF: learn(
    'Differences between Windows PowerShell 5.1 and PowerShell 7.x',
    `${PSD}/docs-conceptual/whats-new/differences-from-windows-powershell.md`,
  ),
  W32CFG: learn(
    'Installation and configuration for Windows Remote Management',
    'MicrosoftDocs/win32: desktop-src/WinRM/installation-and-configuration-for-windows-remote-management.md',
  ),
  W32AUTH: learn(
    'Authentication for Remote Connections',
    'MicrosoftDocs/win32: desktop-src/WinRM/authentication-for-remote-connections.md',
  ),
  W32HOP: learn('Multi-Hop Support in WinRM', 'MicrosoftDocs/win32: desktop-src/WinRM/multi-hop-support.md'),
  CSP: learn(
    'RemoteManagement Policy CSP',
    'MicrosoftDocs/windows-itpro-docs: windows/client-management/mdm/policy-csp-remotemanagement.md',
  ),
  SSC: learn('New-SelfSignedCertificate', `${WSPS}/pki/New-SelfSignedCertificate.md`),
  ADAC: learn('Set-ADAccountControl', `${WSPS}/activedirectory/Set-ADAccountControl.md`),
  OSSH: learn(
    'Get started with OpenSSH for Windows',
    'MicrosoftDocs/windowsserverdocs: WindowsServerDocs/administration/OpenSSH/OpenSSH_Install_FirstUse.md',
    [
      learnDoc(
        'Key-based authentication in OpenSSH for Windows',
        'MicrosoftDocs/windowsserverdocs: WindowsServerDocs/administration/OpenSSH/OpenSSH_KeyManagement.md',
      ),
    ],
  ),
  PSWSM: {
    title: 'about_PSWSManAuthentication (PSWSMan module)',
    publisher: 'GitHub: jborean93/PSWSMan',
    url: urlOf('jborean93/PSWSMan: docs/en-US/about_PSWSManAuthentication.md'),
    provenance: 'jborean93/PSWSMan: docs/en-US/about_PSWSManAuthentication.md',
  },
  ANS: {
    title: 'Windows Remote Management (Ansible documentation)',
    publisher: 'Ansible project',
    url: urlOf('ansible/ansible-documentation: docs/docsite/rst/os_guide/windows_winrm.rst'),
    provenance: 'ansible/ansible-documentation: docs/docsite/rst/os_guide/windows_winrm.rst',
    also: [
      {
        title: 'Setting up a Windows Host',
        publisher: 'Ansible project',
        url: urlOf('ansible/ansible-documentation: docs/docsite/rst/os_guide/windows_setup.rst'),
      },
    ],
  },
  CREDSSPDOC: web(
    'Credential Security Support Provider',
    LEARN,
    'https://learn.microsoft.com/windows/win32/secauthn/credential-security-support-provider',
  ),
  NTLMDEP: web('Deprecated features in the Windows client', LEARN, 'https://learn.microsoft.com/windows/whats-new/deprecated-features', [
    {
      title: 'Features and functionality removed in Windows client',
      publisher: LEARN,
      url: 'https://learn.microsoft.com/windows/whats-new/removed-features',
    },
    {
      title: 'Features removed or no longer developed in Windows Server 2025',
      publisher: LEARN,
      url: 'https://learn.microsoft.com/windows-server/get-started/removed-deprecated-features-windows-server-2025',
    },
  ]),
  NTLMBLOG: web(
    'Advancing Windows security: Disabling NTLM by default',
    'Microsoft Tech Community (Windows IT Pro Blog)',
    'https://techcommunity.microsoft.com/blog/windows-itpro-blog/advancing-windows-security-disabling-ntlm-by-default/4489526',
  ),
  STIG: {
    ...web(
      'Microsoft Windows Server 2022 STIG V1R5 (every rule, one page)',
      'DISA (as published by stigaview.com)',
      'https://stigaview.com/products/winserv2022/v1r5/onepage',
    ),
    note: 'DISA publishes STIGs as downloads; this is a public one-page copy.',
  },
  CIS: {
    title: 'CIS Microsoft Windows benchmarks, "Windows Remote Management" section',
    publisher: 'Center for Internet Security (CIS)',
    url: 'https://www.cisecurity.org/benchmark/microsoft_windows_server',
    provenance: 'CIS Windows benchmarks, "Windows Remote Management" section (as reproduced in tenable.com CIS audit items)',
    note: 'The benchmark is a download behind a registration form: the link is its page at CIS, not the section.',
  },
  FWISS: {
    ...githubThread('MicrosoftDocs/PowerShell-Docs', 'issue', 7849),
    provenance: 'GitHub issues MicrosoftDocs/PowerShell-Docs#7849, #6132, #4616; MicrosoftDocs/azure-docs PR #76433',
    also: [
      githubThread('MicrosoftDocs/PowerShell-Docs', 'issue', 6132),
      githubThread('MicrosoftDocs/PowerShell-Docs', 'issue', 4616),
      githubThread('MicrosoftDocs/azure-docs', 'pull request', 76433),
    ],
  },
  LATFP: {
    ...githubThread('PowerShell/PowerShell', 'issue', 4033),
    provenance: 'GitHub issues PowerShell/PowerShell#4033, ansible/ansible#42978',
    also: [githubThread('ansible/ansible', 'issue', 42978)],
  },
  EVT: web(
    'CAR-2014-11-004: Remote PowerShell Sessions',
    'MITRE Cyber Analytics Repository',
    'https://car.mitre.org/analytics/CAR-2014-11-004/',
    [
      {
        title: 'Windows ETW: PowerShell remoting, destination host',
        publisher: 'artefacts.help',
        url: 'https://artefacts.help/windows_etw_powershell_remoting_dst_host.html',
      },
      {
        title: 'Detecting lateral movement: SMB and WinRM telemetry',
        publisher: 'nathanberg.io',
        url: 'https://nathanberg.io/posts/detecting-lateral-movement-smb-winrm-telemetry',
      },
    ],
  ),
  SECGUIDE: web(
    'MSSecurityGuide Policy CSP',
    LEARN,
    'https://learn.microsoft.com/windows/client-management/mdm/policy-csp-mssecurityguide',
  ),
  GPMOD: {
    ...learnDoc('GroupPolicy module (New-GPO, Set-GPRegistryValue, Backup-GPO, Restore-GPO, New-GPLink)', `${WSPS}/grouppolicy/`),
    provenance: `${WSPS}/grouppolicy/ (New-GPO, Set-GPRegistryValue, Backup-GPO, Restore-GPO, New-GPLink)`,
    also: ['New-GPO', 'Set-GPRegistryValue', 'Backup-GPO', 'Restore-GPO', 'New-GPLink'].map((c) =>
      learnDoc(c, `${WSPS}/grouppolicy/${c}.md`),
    ),
  },
  NETGPO: learn('New-NetFirewallRule', `${WSPS}/netsecurity/New-NetFirewallRule.md`, [
    learnDoc('Open-NetGPO', `${WSPS}/netsecurity/Open-NetGPO.md`),
  ]),
  ASD: web(
    'Securing PowerShell in the enterprise',
    'Australian Signals Directorate (cyber.gov.au)',
    'https://www.cyber.gov.au/resources-business-and-government/maintaining-devices-and-systems/system-hardening-and-administration/system-administration/securing-powershell-enterprise',
  ),
} as const satisfies Record<string, SourceEntry>;

export type SourceKey = keyof typeof SOURCES;

export const SOURCE_KEYS = Object.keys(SOURCES) as SourceKey[];

/** The catalogue entry of a key, typed as the general shape (the literal types are for SourceKey only). */
export const sourceOf = (key: SourceKey): SourceEntry => SOURCES[key];

/**
 * Sources this project added to the fact sheet's, for what the scripts do beyond it: PowerShell 7
 * logging on Linux and macOS (powershell.config.json), the sshd_config keywords the SSH scripts
 * write, and the Group Policy output (the MS Security Guide ADMX mapping, the GroupPolicy module,
 * firewall rules written into a GPO). Each names its document above, like the fact sheet's keys.
 */
export const ADDED_SOURCE_KEYS: readonly SourceKey[] = ['LOGNX', 'SSHDCFG', 'SECGUIDE', 'GPMOD', 'NETGPO'];
