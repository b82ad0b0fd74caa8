/**
 * Source keys of the fact sheet (shared/domain/FACTS.md, "Source keys") and the few this project
 * added (ADDED_SOURCE_KEYS). Every rule, setting,
 * warning and alternative cites at least one of these keys.
 */
export const SOURCES = {
  WSEC: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/WinRM-Security.md',
  HOP: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/PS-remoting-second-hop.md',
  SSH: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/SSH-Remoting-in-PowerShell.md',
  WSMANPS: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/WSMan-Remoting-in-PowerShell.md',
  FAQ: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/powershell-remoting-faq.yml',
  SECFEAT: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/security-features.md',
  JEASEC: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/jea/security-considerations.md',
  JEACFG: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/jea/session-configurations.md',
  JEAAUD: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/jea/audit-and-report.md',
  JEAPRE: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/jea/prerequisites.md',
  REQ: 'MicrosoftDocs/PowerShell-Docs: reference/7.5/Microsoft.PowerShell.Core/About/about_Remote_Requirements.md',
  TRB: 'MicrosoftDocs/PowerShell-Docs: reference/7.5/Microsoft.PowerShell.Core/About/about_Remote_Troubleshooting.md',
  EPSR: 'MicrosoftDocs/PowerShell-Docs: reference/7.5/Microsoft.PowerShell.Core/Enable-PSRemoting.md',
  DPSR: 'MicrosoftDocs/PowerShell-Docs: reference/5.1/Microsoft.PowerShell.Core/Disable-PSRemoting.md',
  NPSS: 'MicrosoftDocs/PowerShell-Docs: reference/7.5/Microsoft.PowerShell.Core/New-PSSession.md',
  NPSO: 'MicrosoftDocs/PowerShell-Docs: reference/5.1/Microsoft.PowerShell.Core/New-PSSessionOption.md',
  RPSC: 'MicrosoftDocs/PowerShell-Docs: reference/5.1/Microsoft.PowerShell.Core/Register-PSSessionConfiguration.md',
  QC: 'MicrosoftDocs/PowerShell-Docs: reference/5.1/Microsoft.WSMan.Management/Set-WSManQuickConfig.md',
  CSSP: 'MicrosoftDocs/PowerShell-Docs: reference/5.1/Microsoft.WSMan.Management/Enable-WSManCredSSP.md',
  NWI: 'MicrosoftDocs/PowerShell-Docs: reference/5.1/Microsoft.WSMan.Management/New-WSManInstance.md',
  WSPROV: 'MicrosoftDocs/PowerShell-Docs: reference/5.1/Microsoft.WSMan.Management/About/about_WSMan_Provider.md',
  LOG51: 'MicrosoftDocs/PowerShell-Docs: reference/5.1/Microsoft.PowerShell.Core/About/about_Logging.md',
  LOG7: 'MicrosoftDocs/PowerShell-Docs: reference/7.5/Microsoft.PowerShell.Core/About/about_Logging_Windows.md',
  LOGNX: 'MicrosoftDocs/PowerShell-Docs: reference/7.5/Microsoft.PowerShell.Core/About/about_Logging_Non-Windows.md, about_PowerShell_Config.md',
  SSHDCFG: 'sshd_config(5) (https://man.openbsd.org/sshd_config) and openssh/openssh-portable servconf.c',
  DIFF: 'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/whats-new/differences-from-windows-powershell.md',
  W32CFG: 'MicrosoftDocs/win32: desktop-src/WinRM/installation-and-configuration-for-windows-remote-management.md',
  W32AUTH: 'MicrosoftDocs/win32: desktop-src/WinRM/authentication-for-remote-connections.md',
  W32HOP: 'MicrosoftDocs/win32: desktop-src/WinRM/multi-hop-support.md',
  CSP: 'https://learn.microsoft.com/windows/client-management/mdm/policy-csp-remotemanagement',
  SSC: 'MicrosoftDocs/windows-powershell-docs: docset/winserver2022-ps/pki/New-SelfSignedCertificate.md',
  ADAC: 'MicrosoftDocs/windows-powershell-docs: docset/winserver2022-ps/activedirectory/Set-ADAccountControl.md',
  OSSH: 'MicrosoftDocs/windowsserverdocs: WindowsServerDocs/administration/OpenSSH/OpenSSH_Install_FirstUse.md',
  PSWSM: 'jborean93/PSWSMan: docs/en-US/about_PSWSManAuthentication.md',
  ANS: 'ansible/ansible-documentation: docs/docsite/rst/os_guide/windows_winrm.rst',
  CREDSSPDOC: 'https://learn.microsoft.com/windows/win32/secauthn/credential-security-support-provider',
  NTLMDEP: 'https://learn.microsoft.com/windows/whats-new/deprecated-features',
  NTLMBLOG: 'https://techcommunity.microsoft.com/blog/windows-itpro-blog/advancing-windows-security-disabling-ntlm-by-default/4489526',
  STIG: 'https://stigaview.com/products/winserv2022/v1r5/onepage',
  CIS: 'CIS Windows benchmarks, "Windows Remote Management" section',
  FWISS: 'GitHub issues MicrosoftDocs/PowerShell-Docs#7849, #6132, #4616',
  LATFP: 'GitHub issues PowerShell/PowerShell#4033, ansible/ansible#42978',
  EVT: 'https://car.mitre.org/analytics/CAR-2014-11-004/',
  SECGUIDE: 'https://learn.microsoft.com/windows/client-management/mdm/policy-csp-mssecurityguide',
  GPMOD: 'MicrosoftDocs/windows-powershell-docs: docset/winserver2022-ps/grouppolicy/ (New-GPO, Set-GPRegistryValue, Backup-GPO, Restore-GPO, New-GPLink)',
  NETGPO: 'MicrosoftDocs/windows-powershell-docs: docset/winserver2022-ps/netsecurity/New-NetFirewallRule.md, Open-NetGPO.md (-PolicyStore <domain>\\<GPO name>)',
  ASD: 'https://www.cyber.gov.au/resources-business-and-government/maintaining-devices-and-systems/system-hardening-and-administration/system-administration/securing-powershell-enterprise',
} as const;

export type SourceKey = keyof typeof SOURCES;

export const SOURCE_KEYS = Object.keys(SOURCES) as SourceKey[];

/**
 * Sources this project added to the fact sheet's, for what the scripts do beyond it: PowerShell 7
 * logging on Linux and macOS (powershell.config.json), the sshd_config keywords the SSH scripts
 * write, and the Group Policy output (the MS Security Guide ADMX mapping, the GroupPolicy module,
 * firewall rules written into a GPO). Each names its document above, like the fact sheet's keys.
 */
export const ADDED_SOURCE_KEYS: readonly SourceKey[] = ['LOGNX', 'SSHDCFG', 'SECGUIDE', 'GPMOD', 'NETGPO'];
