/**
 * Names and example values shared by the rules (settings, warnings) and the script renderer, so
 * that what the recommendation says and what the scripts do cannot drift apart.
 */
export const GUIDE_NAME = 'PowerShell Remoting Security Guide';

export const EXAMPLE_HOSTS = {
  target: 'srv01.contoso.com',
  targetUntrusted: 'srv01.fabrikam.com',
  targetIp: '192.0.2.10',
  resource: 'srv02.contoso.com',
} as const;

/** Example admin subnet (TEST-NET-1). Scripts stop until it is edited. */
export const EXAMPLE_ADMIN_SUBNET = '192.0.2.0/24';

/** Remote-address values the scripts refuse: they would open the port to any address. */
export const REFUSED_REMOTE_ADDRESSES = ['Any', '*', '0.0.0.0/0', '::/0', '0.0.0.0-255.255.255.255', 'Internet'];

/**
 * What the admin-address list ($AdminSubnet, and the page's admin-subnet field) may hold, shared by
 * the page's validation and the scripts' pre-flight so that both refuse the same values: IPv4 and
 * IPv6 addresses, CIDR prefixes and a-b ranges no larger than the shortest prefix below, and the
 * LocalSubnet keyword. Every other firewall keyword (Any, Internet, Intranet, ...) is refused: each
 * admits far more than the computers you administer from. /8 is the largest private IPv4 block;
 * /48 is a whole IPv6 site.
 */
export const ADMIN_SUBNET_POLICY = {
  minPrefixLength: { ipv4: 8, ipv6: 48 },
  allowedKeywords: ['LocalSubnet'],
} as const;

export const PORTS = { http: 5985, https: 5986, ssh: 22 } as const;

export const FIREWALL_RULES = {
  http: { name: 'PSRemotingGuide-WinRM-HTTP-In-TCP', displayName: 'PowerShell Remoting Guide: WinRM HTTP (5985) from admin hosts' },
  https: { name: 'PSRemotingGuide-WinRM-HTTPS-In-TCP', displayName: 'PowerShell Remoting Guide: WinRM HTTPS (5986) from admin hosts' },
  ssh: { name: 'PSRemotingGuide-SSH-In-TCP', displayName: 'PowerShell Remoting Guide: SSH from admin hosts' },
} as const;

/** Built-in rules replaced by the guide's scoped rules (names vary by OS, hence the wildcard). */
export const BUILTIN_WINRM_HTTP_RULES = 'WINRM-HTTP-In-TCP*';
export const BUILTIN_OPENSSH_RULE = 'OpenSSH-Server-In-TCP';

export const WSMAN = {
  serviceAllowUnencrypted: 'WSMan:\\localhost\\Service\\AllowUnencrypted',
  serviceBasic: 'WSMan:\\localhost\\Service\\Auth\\Basic',
  serviceCredSSP: 'WSMan:\\localhost\\Service\\Auth\\CredSSP',
  serviceCertificate: 'WSMan:\\localhost\\Service\\Auth\\Certificate',
  serviceCbt: 'WSMan:\\localhost\\Service\\Auth\\CbtHardeningLevel',
  clientAllowUnencrypted: 'WSMan:\\localhost\\Client\\AllowUnencrypted',
  clientBasic: 'WSMan:\\localhost\\Client\\Auth\\Basic',
  clientDigest: 'WSMan:\\localhost\\Client\\Auth\\Digest',
  clientCredSSP: 'WSMan:\\localhost\\Client\\Auth\\CredSSP',
  clientTrustedHosts: 'WSMan:\\localhost\\Client\\TrustedHosts',
} as const;

export const JEA = {
  endpointName: 'JEAMaintenance',
  moduleName: 'PSRemotingGuideJEA',
  roleName: 'RemotingGuideMaintenance',
  exampleGroup: 'CONTOSO\\JEA_Operators',
  exampleGroupUntrusted: 'FABRIKAM\\JEA_Operators',
  exampleLocalGroup: 'JEA_Operators',
  exampleGmsa: 'CONTOSO\\JEA_gMSA',
  transcriptDirectory: 'C:\\ProgramData\\JEAConfiguration\\Transcripts',
  /** The example command set: read services, restart only the Print Spooler. */
  visibleCmdlets: [
    'Microsoft.PowerShell.Management\\Get-Service (parameters Name and DisplayName only)',
    'Microsoft.PowerShell.Management\\Restart-Service (Name: Spooler only)',
  ],
  /** Folder under %ProgramData% for the session configuration file: SYSTEM and Administrators only. */
  privateFolder: 'PSRemotingGuideJEA',
} as const;

export const CERTIFICATE = {
  enterpriseTemplate: 'WebServer',
  serverCertificateFile: 'PSRemotingGuide-server.cer',
  clientCertificateFile: 'PSRemotingGuide-client.cer',
  mappedAccountAdmins: 'psremote-admin',
  mappedAccountDelegated: 'psremote-ops',
  thumbprintPlaceholder: 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT',
  /**
   * Validity of the self-signed server certificate. New-SelfSignedCertificate's default is one year;
   * with HTTP firewalled a missed renewal cuts remote access, while a self-signed certificate cannot
   * be revoked, so it should not live forever: three years, the validity Ansible's WinRM setup
   * script (ConfigureRemotingForAnsible.ps1, CertValidityDays 1095) uses.
   */
  selfSignedValidityYears: 3,
  /** A server certificate expiring within this many days is renewed when the target script runs. */
  renewalDays: 60,
  /** Example enterprise CA template for client certificates (Client Authentication EKU, UPN from AD). */
  clientTemplate: 'User',
} as const;

export const SSH = {
  /** What the Windows subsystem line usually becomes: the 8.3 short path the target script resolves and checks. */
  windowsSubsystem: 'c:/progra~1/powershell/7/pwsh.exe -sshs',
  windowsAllowGroup: 'openssh users',
  linuxAllowGroup: 'psremoting',
  exampleUser: 'admin',
  /** sshd's own defaults, the values of the target script's $SshdConfigPath and $SshPort. */
  linuxConfigPath: '/etc/ssh/sshd_config',
  windowsConfigInProgramData: 'ssh\\sshd_config',
  linuxSshd: '/usr/sbin/sshd',
  windowsSshd: 'System32\\OpenSSH\\sshd.exe',
  /** Marks the block the target script adds at the top of sshd_config. */
  blockStart: `# BEGIN ${GUIDE_NAME}`,
  blockEnd: `# END ${GUIDE_NAME}`,
} as const;

export const PATHS = {
  backupRootWindows: '$env:ProgramData\\PSRemotingGuide',
  backupRootLinux: '/var/lib/psremoting-guide',
  scriptBlockLoggingKey: 'HKLM:\\Software\\Policies\\Microsoft\\Windows\\PowerShell\\ScriptBlockLogging',
  /** PowerShell 7's own policy key (about_Logging_Windows); Windows PowerShell 5.1 ignores it. */
  pwshScriptBlockLoggingKey: 'HKLM:\\Software\\Policies\\Microsoft\\PowerShellCore\\ScriptBlockLogging',
  latfpKey: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System',
  /** Where the WinRM Group Policy settings live (subkeys Service and Client). */
  winrmPolicyKey: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM',
} as const;

/** Every example value a script refuses to run with (the user must edit the line). */
export const EXAMPLE_VALUES: readonly string[] = [
  EXAMPLE_HOSTS.target,
  EXAMPLE_HOSTS.targetUntrusted,
  EXAMPLE_HOSTS.targetIp,
  EXAMPLE_HOSTS.resource,
  EXAMPLE_ADMIN_SUBNET,
  CERTIFICATE.thumbprintPlaceholder,
];
