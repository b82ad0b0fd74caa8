/** The WinRM service on the target: encryption, authentication methods and listeners. */
import type { CertificatePlan } from '../../model';
import { CERTIFICATE, WSMAN } from '../constants';
import type { SettingRule } from '../item-table';
import { allOf, authenticationIs, certificateSourceIs, not, onWinRM, secondHopIs, transportIs } from '../plan-conditions';

const mapsClientCertificate = allOf(onWinRM, authenticationIs('certificate'));

function serverCertificateLifecycle(cert: CertificatePlan | undefined): string {
  if (cert?.source === 'self-signed') {
    return `self-signed (imported on the client), valid ${CERTIFICATE.selfSignedValidityYears} years from the day the target script creates it; the script prints the expiry date, and a run in the ${CERTIFICATE.renewalDays} days before it renews the certificate`;
  }
  if (cert?.template) {
    return `from your enterprise CA (template ${cert.template}); a run in the ${CERTIFICATE.renewalDays} days before it expires enrolls the next one`;
  }
  return `from your enterprise CA (installed beforehand); the script prints its expiry date`;
}

export const WINRM_SERVICE_SETTINGS: readonly SettingRule[] = [
  {
    id: 'service-allow-unencrypted',
    when: onWinRM,
    scope: 'service',
    name: WSMAN.serviceAllowUnencrypted,
    value: 'false',
    appliedBy: 'target',
    because:
      'Never accept unencrypted traffic. It is false by default; the script makes sure, because setting it to true sends everything in clear.',
    sources: ['W32CFG', 'STIG', 'CIS'],
    topic: 'encryption-in-transport',
  },
  {
    id: 'service-basic',
    when: onWinRM,
    scope: 'service',
    name: WSMAN.serviceBasic,
    value: 'false',
    appliedBy: 'target',
    because: 'Basic authentication sends the password base64-encoded in every request. STIG rates an enabled WinRM service Basic as CAT I.',
    sources: ['STIG', 'CIS', 'PSWSM'],
    topic: 'basic-digest-and-certificate-auth',
  },
  {
    id: 'service-credssp-on',
    settingId: 'service-credssp',
    when: allOf(onWinRM, secondHopIs('credssp')),
    scope: 'service',
    name: WSMAN.serviceCredSSP,
    value: 'true',
    appliedBy: 'target',
    because:
      'Enable-WSManCredSSP -Role Server lets this tier-0 server accept delegated credentials for the second hop. The rollback script disables it again.',
    sources: ['CSSP', 'HOP'],
    topic: 'credssp',
  },
  {
    id: 'service-credssp-off',
    settingId: 'service-credssp',
    when: allOf(onWinRM, not(secondHopIs('credssp'))),
    scope: 'service',
    name: WSMAN.serviceCredSSP,
    value: 'false',
    appliedBy: 'target',
    because:
      'CredSSP hands full credentials to this server and is not needed here. It is off by default; the script turns it off if it was enabled.',
    sources: ['HOP', 'CSSP', 'CSP'],
    topic: 'credssp',
  },
  {
    id: 'service-certificate',
    when: mapsClientCertificate,
    scope: 'service',
    name: WSMAN.serviceCertificate,
    value: 'true',
    appliedBy: 'target',
    because:
      'Client-certificate authentication is off by default and must be enabled on the service; the certificate is then mapped to one local account.',
    sources: ['W32AUTH', 'ANS', 'PSWSM'],
    topic: 'basic-digest-and-certificate-auth',
  },
  {
    id: 'client-certificate-mapping-ca',
    settingId: 'client-certificate-mapping',
    when: allOf(mapsClientCertificate, certificateSourceIs('enterprise-ca')),
    scope: 'service',
    name: 'WSMan:\\localhost\\ClientCertificate',
    value: (plan) =>
      `Subject = the user principal name in the client certificate from your CA, URI *, Issuer = the thumbprint of the CA certificate that issued it; logs on as $MappedUser (example ${plan.certificate?.clientCertificate?.mappedLocalAccount ?? ''})`,
    appliedBy: 'target',
    because:
      "The mapping ties certificates your CA issues for that user name to one local account, so the server trusts your CA rather than a self-signed certificate added as a root. It stores the account's password: after a password change, run the target script with $RefreshCertificateMapping = $true.",
    sources: ['W32AUTH', 'ANS', 'NPSS'],
    topic: 'basic-digest-and-certificate-auth',
  },
  {
    id: 'client-certificate-mapping-self-signed',
    settingId: 'client-certificate-mapping',
    when: allOf(mapsClientCertificate, not(certificateSourceIs('enterprise-ca'))),
    scope: 'service',
    name: 'WSMan:\\localhost\\ClientCertificate',
    value: (plan) =>
      `Subject ${plan.certificate?.clientCertificate?.upn ?? ''}, URI *, Issuer = the self-signed client certificate's own thumbprint`,
    appliedBy: 'target',
    because:
      "The mapping ties the client certificate to a local account. It stores that account's password: after a password change, run the target script with $RefreshCertificateMapping = $true.",
    sources: ['W32AUTH', 'ANS', 'NPSS'],
    topic: 'basic-digest-and-certificate-auth',
  },
  {
    id: 'listener-https',
    when: allOf(onWinRM, transportIs('https')),
    scope: 'listener',
    name: 'winrm/config/Listener?Address=*+Transport=HTTPS',
    value: (plan) =>
      `Hostname = the target name; certificate: ${serverCertificateLifecycle(plan.certificate)}. An existing listener is changed in place`,
    appliedBy: 'target',
    because:
      'The HTTPS listener on port 5986 uses a certificate whose subject is the name or address clients use, so the client can verify the server.',
    sources: ['W32CFG', 'QC', 'ANS', 'NWI'],
    topic: 'https-listeners-and-certificates',
  },
  {
    id: 'service-cbt',
    when: allOf(onWinRM, transportIs('https')),
    scope: 'service',
    name: WSMAN.serviceCbt,
    value: 'Strict',
    appliedBy: 'target',
    because:
      'Channel binding ties Negotiate (NTLM) and Kerberos authentication to the TLS channel, which defeats relaying the logon to this server through another TLS connection; Strict rejects requests without a valid channel binding token, while the default Relaxed accepts them. Only sensible with HTTPS listeners.',
    sources: ['CSP', 'W32CFG', 'ANS', 'WSEC'],
    topic: 'encryption-in-transport',
  },
  {
    id: 'listener-http',
    when: allOf(onWinRM, (plan) => plan.httpListener === 'removed'),
    scope: 'listener',
    name: 'winrm/config/Listener?Address=*+Transport=HTTP',
    value: 'removed',
    appliedBy: 'target',
    because:
      'With the HTTP listener gone nothing can fall back to port 5985. Enable-PSRemoting and the AllowAutoConfig policy re-create it, so keep them away from this server.',
    sources: ['ANS', 'EPSR', 'CSP'],
    topic: 'https-listeners-and-certificates',
  },
];
