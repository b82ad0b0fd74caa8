/** Server certificates (self-signed or from the enterprise CA) and client-certificate mapping. */
import { CERTIFICATE } from '../constants';
import type { PlanCondition, WarningRule } from '../item-table';
import { allOf, answered, authenticationIs, certificateSourceIs, not } from '../plan-conditions';

const enrollsFromTemplate: PlanCondition = (plan) => Boolean(plan.certificate?.template);

export const CERTIFICATE_WARNINGS: readonly WarningRule[] = [
  {
    id: 'self-signed-few-hosts',
    when: certificateSourceIs('self-signed'),
    severity: 'medium',
    message: `A self-signed certificate must be imported into every client's LocalMachine\\Root store and renewed before it expires. The target script makes it valid for ${CERTIFICATE.selfSignedValidityYears} years (instead of the default one year) and prints the expiry date; run it again in the ${CERTIFICATE.renewalDays} days before that date: it creates the next certificate for the clients to import, and the run after that switches the listener. That is manageable for a few servers only. Never use -SkipCACheck or -SkipCNCheck instead: they give up server authentication.`,
    topic: 'https-listeners-and-certificates',
    sources: ['SSC', 'NPSO', 'ANS', 'WSEC'],
  },
  {
    id: 'certificate-template',
    when: allOf(certificateSourceIs('enterprise-ca'), enrollsFromTemplate),
    severity: 'info',
    message: (plan) =>
      `The target script uses an existing valid certificate for the server if there is one; otherwise it requests one with Get-Certificate -Template ${plan.certificate?.template ?? ''}. Your CA's template may have another name, need CA manager approval, or not accept a subject from the request: edit $CertificateTemplate, or install the certificate yourself (subject CN and SAN = the name clients use, Server Authentication EKU).`,
    topic: 'https-listeners-and-certificates',
    sources: ['WSEC', 'ANS', 'QC'],
  },
  {
    id: 'certificate-install-first',
    when: allOf(certificateSourceIs('enterprise-ca'), not(enrollsFromTemplate)),
    severity: 'medium',
    message: (plan) =>
      plan.answers.address === 'ip'
        ? "Install a certificate from your CA for the server before running the target script: subject CN = the IP address, a SAN entry of type IP address for it, Server Authentication EKU, with its private key in LocalMachine\\My (certreq or your CA's web enrollment; Get-Certificate cannot put an IP address in the SAN). The script stops until it finds one."
        : 'Install a certificate from your CA for the server before running the target script: subject CN and SAN = the name clients use, Server Authentication EKU, with its private key in LocalMachine\\My (a computer outside the domain cannot enroll with Get-Certificate). The script stops until it finds one.',
    topic: 'https-listeners-and-certificates',
    sources: ['WSEC', 'ANS', 'QC'],
  },
  {
    id: 'certificate-mapping-admin-token',
    when: allOf(authenticationIs('certificate'), answered('who', 'admins')),
    severity: 'high',
    message:
      'Client certificates map to local accounts only. If the mapped account is a member of Administrators other than the built-in Administrator, UAC remote restrictions give the session a filtered standard-user token unless LocalAccountTokenFilterPolicy is 1, which turns that protection off for every local account and conflicts with the CIS baseline. The scripts leave it unchanged: decide yourself, or give non-administrative work to a JEA endpoint.',
    topic: 'basic-digest-and-certificate-auth',
    sources: ['W32AUTH', 'TRB', 'LATFP', 'CIS'],
  },
  {
    id: 'certificate-mapping-password',
    when: authenticationIs('certificate'),
    severity: 'info',
    message:
      "The certificate mapping stores the local account's password on the server. When that password changes, run the target script again with $RefreshCertificateMapping = $true (it asks for the new password before it replaces the mapping), or the logon fails.",
    topic: 'basic-digest-and-certificate-auth',
    sources: ['W32AUTH', 'ANS'],
  },
  {
    id: 'client-certificate-from-ca',
    when: allOf(authenticationIs('certificate'), certificateSourceIs('enterprise-ca')),
    severity: 'info',
    message: `The client script enrolls a client-authentication certificate from your CA (template $ClientCertificateTemplate, example ${CERTIFICATE.clientTemplate}; a computer outside the domain needs your CA's enrollment web service, or certreq). The target script maps the user principal name in it, by the thumbprint of the CA certificate that issued it, to the local account: this server must already trust your CA in LocalMachine\\Root. The scripts never add a certificate to the server's Root store.`,
    topic: 'basic-digest-and-certificate-auth',
    sources: ['W32AUTH', 'ANS'],
  },
];
