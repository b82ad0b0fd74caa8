/**
 * The shape of `winrm get winrm/config` and `winrm enumerate winrm/config/listener` (Windows
 * Server 2019, 2022, 2025; MicrosoftDocs/win32 installation-and-configuration-for-windows-remote-
 * management.md): the blocks and the names each holds. Both the text and the XML parser check
 * against it; names are never translated in the XML form.
 */

/** Containers by path, with the names they hold (values and sub-containers). */
export const WINRM_CONTAINERS: Readonly<Record<string, readonly string[]>> = {
  Config: ['MaxEnvelopeSizekb', 'MaxTimeoutms', 'MaxBatchItems', 'MaxProviderRequests', 'Client', 'Service', 'Winrs'],
  Client: ['NetworkDelayms', 'URLPrefix', 'AllowUnencrypted', 'Auth', 'DefaultPorts', 'TrustedHosts'],
  'Client/Auth': ['Basic', 'Digest', 'Kerberos', 'Negotiate', 'Certificate', 'CredSSP'],
  'Client/DefaultPorts': ['HTTP', 'HTTPS'],
  Service: [
    'RootSDDL',
    'MaxConcurrentOperations',
    'MaxConcurrentOperationsPerUser',
    'EnumerationTimeoutms',
    'MaxConnections',
    'MaxPacketRetrievalTimeSeconds',
    'AllowUnencrypted',
    'Auth',
    'DefaultPorts',
    'IPv4Filter',
    'IPv6Filter',
    'EnableCompatibilityHttpListener',
    'EnableCompatibilityHttpsListener',
    'CertificateThumbprint',
    'AllowRemoteAccess',
  ],
  'Service/Auth': ['Basic', 'Kerberos', 'Negotiate', 'Certificate', 'CredSSP', 'CbtHardeningLevel'],
  'Service/DefaultPorts': ['HTTP', 'HTTPS'],
  Winrs: [
    'AllowRemoteShellAccess',
    'IdleTimeout',
    'MaxConcurrentUsers',
    'MaxShellRunTime',
    'MaxProcessesPerShell',
    'MaxMemoryPerShellMB',
    'MaxShellsPerUser',
  ],
  Listener: ['Address', 'Transport', 'Port', 'Hostname', 'Enabled', 'URLPrefix', 'CertificateThumbprint', 'ListeningOn'],
};

/** Values every complete output has: one missing means the text was cut or edited. */
export const REQUIRED_VALUES: readonly string[] = [
  'Client/AllowUnencrypted',
  'Client/Auth/Basic',
  'Client/Auth/CredSSP',
  'Service/AllowUnencrypted',
  'Service/Auth/Basic',
  'Service/Auth/CredSSP',
  'Service/Auth/CbtHardeningLevel',
];

export const REQUIRED_LISTENER_VALUES: readonly string[] = ['Address', 'Transport', 'Port', 'Enabled'];

/** Blocks a paste may start with: the whole configuration, one of its parts, or a listener. */
export const TOP_BLOCKS = ['Config', 'Client', 'Service', 'Winrs', 'Listener'] as const;

/** ASCII words of German and French `winrm` output and error messages: the sign of localized text. */
export const LOCALIZED_WORDS =
  /^(Konfiguration|Dienst|Fehler|Fehlernummer|Authentifizierung|Erreur|Authentification|Serveur|Vrai|Faux|Falsch|Wahr|Ja|Nein|Oui|Non)$/i;

/** true and false as `winrm` prints them. */
export function isBooleanText(value: string): value is 'true' | 'false' {
  return value === 'true' || value === 'false';
}

/** Names whose value is true or false. */
export const BOOLEAN_NAMES: ReadonlySet<string> = new Set([
  'AllowUnencrypted',
  'Basic',
  'Digest',
  'Kerberos',
  'Negotiate',
  'Certificate',
  'CredSSP',
  'EnableCompatibilityHttpListener',
  'EnableCompatibilityHttpsListener',
  'AllowRemoteAccess',
  'AllowRemoteShellAccess',
  'Enabled',
]);
