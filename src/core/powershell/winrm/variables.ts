/** The "edit these values" block of the WinRM target script. */
import { CERTIFICATE, JEA } from '../../rules/constants';
import { writeVariables, type EditableVariable, type ScriptModel } from '../common';
import { adminSubnetValue } from '../admin-subnet-value';
import { bool, q } from '../quote';
import { mappedAccount } from '../render-winrm-client';
import type { PsWriter } from '../writer';
import { targetFacts } from './facts';

function jeaGroupExample(m: ScriptModel): string {
  if (m.answers.domain === 'workgroup') return JEA.exampleLocalGroup;
  if (m.answers.domain === 'untrusted') return JEA.exampleGroupUntrusted;
  return JEA.exampleGroup;
}

function certificateVariables(m: ScriptModel): EditableVariable[] {
  const f = targetFacts(m);
  return [
    {
      name: 'MappedUser',
      value: q(mappedAccount(m)),
      comment: f.jea
        ? 'The local account the client certificate logs on as (it must exist, be a member of $JeaGroup and not an administrator).'
        : 'The local account the client certificate logs on as (it must exist).',
    },
    {
      name: 'ClientCertificateFile',
      value: q(`C:\\PSRemotingGuide\\${CERTIFICATE.clientCertificateFile}`),
      comment: f.caClientCertificate
        ? 'The client certificate (issued by your CA) that the client script exported (copy it here).'
        : 'The client certificate exported by the client script (copy it here).',
    },
    {
      name: 'ClientCertificateThumbprint',
      value: q(CERTIFICATE.thumbprintPlaceholder),
      comment: 'The thumbprint the client script printed, to check that the file is the right one.',
    },
    {
      name: 'RefreshCertificateMapping',
      value: bool(false),
      comment: 'Set to $true after the password of $MappedUser changes: the mapping stores it, and the script then asks for it again.',
    },
  ];
}

export function targetVariables(m: ScriptModel): EditableVariable[] {
  const f = targetFacts(m);
  const vars: EditableVariable[] = [
    {
      name: 'Target',
      value: q(m.hosts.target.value),
      comment: f.https
        ? 'The name or address clients use to reach this server (the certificate is issued for it).'
        : 'The name or address clients use to reach this server.',
    },
    {
      name: 'AdminSubnet',
      value: adminSubnetValue(m),
      comment:
        "The addresses you administer from: a CIDR subnet, a range, or 'LocalSubnet'; several as @('10.0.50.0/24', '10.0.51.0/24'). Never Any.",
    },
  ];
  if (f.jea) {
    vars.push({
      name: 'JeaGroup',
      value: q(jeaGroupExample(m)),
      comment:
        m.answers.domain === 'workgroup'
          ? 'The local group whose members may use the JEA endpoint.'
          : 'The group whose members may use the JEA endpoint.',
    });
  }
  if (f.gmsa)
    vars.push({
      name: 'JeaGmsa',
      value: q(JEA.exampleGmsa),
      comment: 'The group managed service account the JEA endpoint runs as (it must already exist).',
    });
  if (f.canEnroll) {
    vars.push({
      name: 'CertificateTemplate',
      value: q(m.certificate?.template ?? CERTIFICATE.enterpriseTemplate),
      comment:
        "Your enterprise CA's template for server certificates (the name may differ in your CA); only used if no valid certificate is installed.",
    });
  }
  if (f.certAuth) vars.push(...certificateVariables(m));
  vars.push({
    name: 'EnableScriptBlockLogging',
    value: bool(true),
    comment: 'Set to $false if Group Policy already manages PowerShell logging.',
  });
  return vars;
}

export function writeTargetVariables(w: PsWriter, m: ScriptModel): void {
  writeVariables(w, targetVariables(m));
}
