/** Helpers the three parsers share to build an AuditConfig. */
import type { AuditConfig, AuditFormat, AuditListener, ConfigValue } from './types';

export function emptyConfig(format: AuditFormat): AuditConfig {
  return { format, winrm: {}, probeErrors: [] };
}

export function listenerFromValues(values: Record<string, ConfigValue>, listeningOn: string[], gpo: boolean): AuditListener {
  const get = (name: string) => values[name]?.value ?? '';
  return {
    address: get('Address'),
    transport: get('Transport').toUpperCase(),
    port: get('Port'),
    hostname: get('Hostname'),
    enabled: get('Enabled').toLowerCase() !== 'false',
    urlPrefix: get('URLPrefix'),
    certificateThumbprint: get('CertificateThumbprint'),
    listeningOn,
    gpo,
  };
}
