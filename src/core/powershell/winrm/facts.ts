/** What the WinRM target script has to do, derived once from the recommendation. */
import type { ScriptModel } from '../common';

export interface TargetFacts {
  https: boolean;
  selfSigned: boolean;
  certAuth: boolean;
  jea: boolean;
  gmsa: boolean;
  credssp: boolean;
  /** The HTTP listener is removed (Kerberos over HTTPS). */
  removesHttpListener: boolean;
  /** HTTPS paths whose firewall keeps no rule for 5985 while the built-in HTTP rules are disabled. */
  closesHttpPort: boolean;
  /** Get-Certificate can only enroll a DNS name on a domain-joined computer. */
  canEnroll: boolean;
  /** Client certificates come from the enterprise CA (mapped by the CA's thumbprint), not self-signed. */
  caClientCertificate: boolean;
  /** The script cuts every remote session (it restarts WinRM or removes the HTTP listener). */
  needsLocalSession: boolean;
}

export function targetFacts(m: ScriptModel): TargetFacts {
  const https = m.transport === 'https';
  const selfSigned = m.certificate?.source === 'self-signed';
  const certAuth = m.authentication === 'certificate';
  const jea = m.endpoint === 'jea';
  const removesHttpListener = m.httpListener === 'removed';
  return {
    https,
    selfSigned,
    certAuth,
    jea,
    gmsa: m.secondHop === 'jea-gmsa',
    credssp: m.secondHop === 'credssp',
    removesHttpListener,
    closesHttpPort: https && !m.firewall.rules.some((r) => r.port === 5985) && m.firewall.disablesBuiltInRules.length > 0,
    canEnroll: https && !selfSigned && m.answers.domain !== 'workgroup' && m.answers.address !== 'ip',
    caClientCertificate: certAuth && !selfSigned,
    needsLocalSession: removesHttpListener || jea,
  };
}
