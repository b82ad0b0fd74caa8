/**
 * What a topic page's `sources:` entries are, for a reader: each repository path or URL becomes
 * { title, publisher, url }, with Microsoft Learn addresses for Microsoft's documentation
 * (src/core/source-url.ts). Resolved at build time (scripts/vite-plugin-topics.ts), so topic
 * pages ship titles and links, not this table.
 */
import { publicUrl, referencePageTitle } from '../core/source-url.ts';
import { SOURCE_KEYS, sourceOf, type SourceDocument } from '../core/sources.ts';

/** Titles of documents the engine's catalogue does not already name, by the reference the page lists. */
const TITLES: Record<string, { title: string; publisher?: string }> = {
  'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/jea/role-capabilities.md': { title: 'JEA Role Capabilities' },
  'MicrosoftDocs/win32: desktop-src/WEC/setting-up-a-source-initiated-subscription.md': { title: 'Setting up a Source Initiated Subscription' },
  'PowerShell/PowerShell: assets/GroupPolicy/PowerShellCoreExecutionPolicy.admx': {
    title: 'PowerShellCoreExecutionPolicy.admx, the PowerShell 7 Group Policy template',
    publisher: 'GitHub: PowerShell/PowerShell',
  },
  'PowerShell/PowerShell: test/powershell/Modules/Microsoft.WSMan.Management/ConfigProvider.Tests.ps1': {
    title: "ConfigProvider.Tests.ps1, PowerShell's tests of the WSMan provider",
    publisher: 'GitHub: PowerShell/PowerShell',
  },
  'https://admx-offsec-nl.pages.dev/policy/windows/windows-defender-firewall/domain-profile/windows-defender-firewall-allow-local-port-excep/': {
    title: 'Windows Defender Firewall: Allow local port exceptions (domain profile), ADMX reference',
    publisher: 'admx-offsec-nl.pages.dev',
  },
  'https://cardinalsixcyber.com/stig/windows-server-2022/v-254278': { title: 'Windows Server 2022 STIG, V-254278', publisher: 'Cardinal Six Cyber (DISA STIG copy)' },
  'https://cardinalsixcyber.com/stig/windows-server-2022/v-254477': { title: 'Windows Server 2022 STIG, V-254477', publisher: 'Cardinal Six Cyber (DISA STIG copy)' },
  'https://github.com/MicrosoftDocs/PowerShell-Docs/issues/12272': { title: 'MicrosoftDocs/PowerShell-Docs issue #12272' },
  'https://github.com/MicrosoftDocs/PowerShell-Docs/issues/12497': { title: 'MicrosoftDocs/PowerShell-Docs issue #12497' },
  'https://github.com/MicrosoftDocs/PowerShell-Docs/issues/5861': { title: 'MicrosoftDocs/PowerShell-Docs issue #5861' },
  'https://github.com/MicrosoftDocs/PowerShell-Docs/pull/3672': { title: 'MicrosoftDocs/PowerShell-Docs pull request #3672' },
  'https://github.com/MicrosoftDocs/PowerShell-Docs/pull/704': { title: 'MicrosoftDocs/PowerShell-Docs pull request #704' },
  'https://github.com/MicrosoftDocs/azure-docs/issues/45335': { title: 'MicrosoftDocs/azure-docs issue #45335' },
  'https://github.com/PowerShell/PowerShell/pull/25774': { title: 'PowerShell/PowerShell pull request #25774' },
  'https://github.com/SigmaHQ/sigma/blob/master/rules/windows/builtin/ntlm/win_susp_ntlm_auth.yml': { title: 'Sigma rule win_susp_ntlm_auth.yml (NTLM authentication)' },
  'https://github.com/jpboyce/cb_cis_windows_2016/issues/5': { title: 'jpboyce/cb_cis_windows_2016 issue #5' },
  'https://github.com/rundeck-plugins/py-winrm-plugin/issues/33': { title: 'rundeck-plugins/py-winrm-plugin issue #33' },
  'https://learn.microsoft.com/defender-for-identity/security-assessment-unconstrained-kerberos': { title: 'Security assessment: Unsecure Kerberos delegation' },
  'https://learn.microsoft.com/openspecs/windows_protocols/ms-gpfas/2c979624-900a-4b6e-b4ef-09b387cd62ab': {
    title: '[MS-GPFAS]: Group Policy: Firewall and Advanced Security Data Structure',
  },
  'https://learn.microsoft.com/powershell/module/microsoft.powershell.management/restart-computer': { title: 'Restart-Computer' },
  'https://learn.microsoft.com/powershell/module/smbshare/grant-smbshareaccess': { title: 'Grant-SmbShareAccess' },
  'https://learn.microsoft.com/previous-versions/powershell/scripting/windows-powershell/starting-the-windows-powershell-2.0-engine': {
    title: 'Starting the Windows PowerShell 2.0 Engine',
  },
  'https://learn.microsoft.com/previous-versions/windows/desktop/smb/grantaccess-msft-smbshare': { title: 'GrantAccess method of the MSFT_SmbShare class' },
  'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/deny-access-to-this-computer-from-the-network': {
    title: 'Deny access to this computer from the network',
  },
  'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/network-security-lan-manager-authentication-level': {
    title: 'Network security: LAN Manager authentication level',
  },
  'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/network-security-minimum-session-security-for-ntlm-ssp-based-including-secure-rpc-clients':
    { title: 'Network security: Minimum session security for NTLM SSP based (including secure RPC) clients' },
  'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/network-security-restrict-ntlm-audit-incoming-ntlm-traffic': {
    title: 'Network security: Restrict NTLM: Audit incoming NTLM traffic',
  },
  'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/cc732770(v=ws.10)': {
    title: 'Windows Server 2008 R2 and 2008 documentation, archived article cc732770',
  },
  'https://learn.microsoft.com/windows-server/security/credentials-protection-and-management/protected-users-security-group': { title: 'Protected Users security group' },
  'https://learn.microsoft.com/windows-server/security/kerberos/kerberos-constrained-delegation-overview': { title: 'Kerberos Constrained Delegation Overview' },
  'https://learn.microsoft.com/windows/win32/adschema/a-msds-allowedtodelegateto': { title: 'ms-DS-Allowed-To-Delegate-To attribute' },
  'https://stigviewer.cyberprotection.com/stigs/microsoft_windows_10/2025-02-25/finding/V-220799': { title: 'Windows 10 STIG, finding V-220799', publisher: 'STIG Viewer (cyberprotection.com)' },
  'https://support.microsoft.com/topic/overview-of-ntlm-auditing-enhancements-in-windows-11-version-24h2-and-windows-server-2025-b7ead732-6fc5-46a3-a943-27a4571d9e7b': {
    title: 'Overview of NTLM auditing enhancements in Windows 11, version 24H2 and Windows Server 2025',
  },
  'https://support.microsoft.com/topic/powershell-2-0-removal-from-windows-fe6d1edc-2ed2-4c33-b297-afe82a64200a': { title: 'PowerShell 2.0 removal from Windows' },
  'https://tenable.com/audits/items/CIS_MS_Windows_Server_2008_v3.3.1_DC_L1.audit:55ab20d5eb196cc1fb84ff9a4cf01b31': {
    title: 'CIS Microsoft Windows Server 2008 v3.3.1, domain controller level 1: audit item',
  },
  'https://tenable.com/audits/items/CIS_Microsoft_Windows_10_Stand-alone_v3.0.0_L2.audit:47d37d446bf3c5b9ea60b18bfe548eb9': {
    title: 'CIS Microsoft Windows 10 Stand-alone v3.0.0, level 2: audit item',
  },
  'https://www.blackhat.com/docs/us-14/materials/us-14-Kazanciyan-Investigating-Powershell-Attacks-WP.pdf': {
    title: 'Investigating PowerShell Attacks (white paper, Black Hat USA 2014)',
    publisher: 'Black Hat',
  },
  'https://www.leeholmes.com/blog/2017/03/17/detecting-and-preventing-powershell-downgrade-attacks/': {
    title: 'Detecting and Preventing PowerShell Downgrade Attacks',
    publisher: 'Lee Holmes (blog)',
  },
  'https://www.mandiant.com/sites/default/files/2021-09/wp-lazanciyan-investigating-powershell-attacks.pdf': { title: 'Investigating PowerShell Attacks (white paper)', publisher: 'Mandiant' },
  'https://www.stigviewer.com/stigs/active_directory_domain/2024-09-13/finding/V-243478': { title: 'Active Directory Domain STIG, finding V-243478', publisher: 'STIG Viewer' },
  'https://www.tenable.com/audits/items/CIS_MS_Windows_8.1_v2.4.1_Level_1.audit:23cba93258f49e4d4e080152cb849233': { title: 'CIS Microsoft Windows 8.1 v2.4.1, level 1: audit item' },
  'https://www.tenable.com/audits/items/CIS_Microsoft_Windows_11_Enterprise_v3.0.0_L2.audit:d77e2cea5c6ba9eab69b4824ade18e8f': {
    title: 'CIS Microsoft Windows 11 Enterprise v3.0.0, level 2: audit item',
  },
  'https://www.tenable.com/audits/items/DISA_STIG_Microsoft_Windows_Server_2022_v1r4.audit:7643efdb1666055c4921cf096e9ec8ab': {
    title: 'DISA STIG Microsoft Windows Server 2022 v1r4: audit item',
  },
};

/** The publisher a link's host stands for, where the table does not say. */
const PUBLISHER_BY_HOST: Record<string, string> = {
  'learn.microsoft.com': 'Microsoft Learn',
  'support.microsoft.com': 'Microsoft Support',
  'github.com': 'GitHub',
  'tenable.com': 'Tenable (CIS and DISA audit items)',
  'www.tenable.com': 'Tenable (CIS and DISA audit items)',
};

/** The engine's catalogue by address: one title per document, wherever it is cited. */
function catalogueByUrl(): Map<string, SourceDocument> {
  const byUrl = new Map<string, SourceDocument>();
  for (const key of SOURCE_KEYS) {
    const entry = sourceOf(key);
    for (const doc of [entry, ...(entry.also ?? [])]) if (!byUrl.has(doc.url)) byUrl.set(doc.url, { title: doc.title, publisher: doc.publisher, url: doc.url });
  }
  return byUrl;
}

const CATALOGUE = catalogueByUrl();

/** The document a topic page's source entry names, or undefined when the guide does not know its title. */
export function citedDocument(ref: string): SourceDocument | undefined {
  const url = publicUrl(ref);
  if (!url) return undefined;
  const known = TITLES[ref];
  const title = known?.title ?? CATALOGUE.get(url)?.title ?? referencePageTitle(ref);
  const publisher = known?.publisher ?? CATALOGUE.get(url)?.publisher ?? PUBLISHER_BY_HOST[new URL(url).hostname];
  return title && publisher ? { title, publisher, url } : undefined;
}
