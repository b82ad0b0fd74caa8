/**
 * Prerequisites: what must exist before the scripts run, derived from the recommendation's model
 * (not part of it: the page loads this table with the checklist, after its first screen). Every
 * row whose condition holds adds its item, in table order (like the warnings table).
 */
import type { Authentication, Prerequisite, Recommendation, SecondHop } from '../model';
import type { SourceKey } from '../sources';
import type { TopicSlug } from '../topics';
import { CERTIFICATE, JEA } from './constants';

/** What the checklist depends on: the decisions of the model. */
export type PrerequisiteFacts = Pick<Recommendation, 'answers' | 'authentication' | 'transport' | 'endpoint' | 'secondHop' | 'certificate'>;
type Condition = (m: PrerequisiteFacts) => boolean;

export interface PrerequisiteRule {
  id: string;
  when: Condition;
  /** What must exist, as a checklist item. */
  text: string | ((m: PrerequisiteFacts) => string);
  sources: SourceKey[];
  topic: TopicSlug;
}

const onWinRM: Condition = (m) => m.transport !== 'ssh';
const onJeaEndpoint: Condition = (m) => m.endpoint === 'jea';
const authenticationIs = (a: Authentication): Condition => (m) => m.authentication === a;
const secondHopIs = (...hops: SecondHop[]): Condition => (m) => hops.includes(m.secondHop);
const certificateSourceIs = (source: 'enterprise-ca' | 'self-signed'): Condition => (m) => m.certificate?.source === source;
const allOf = (...conditions: Condition[]): Condition => (m) => conditions.every((c) => c(m));

type Plan = PrerequisiteFacts;
const jeaGroupExample = (plan: Plan) =>
  plan.answers.domain === 'workgroup' ? JEA.exampleLocalGroup : plan.answers.domain === 'untrusted' ? JEA.exampleGroupUntrusted : JEA.exampleGroup;

const enrollsFromTemplate = (plan: Plan) => Boolean(plan.certificate?.template);

export const PREREQUISITE_RULES: readonly PrerequisiteRule[] = [
  {
    id: 'winrm-enabled',
    when: onWinRM,
    text: 'On the server: remoting enabled and the WinRM service running (Enable-PSRemoting -Force if it is not); the target script stops otherwise.',
    sources: ['REQ', 'EPSR'],
    topic: 'remoting-basics',
  },
  {
    id: 'jea-group',
    when: onJeaEndpoint,
    text: (plan) =>
      `The group whose members may use the JEA endpoint ($JeaGroup, for example ${jeaGroupExample(plan)}${plan.answers.domain === 'workgroup' ? ', a local group on the server' : ', a domain group'}) exists, with the help desk users as members and no local administrators among them.`,
    sources: ['JEACFG', 'JEASEC'],
    topic: 'jea-and-runas-endpoints',
  },
  {
    id: 'jea-tasks',
    when: onJeaEndpoint,
    text: "The tasks the help desk needs, as commands (Verb-Noun), and the parameters each may use: list them in the field for the role's commands below, or the role keeps the example (read services, restart the Print Spooler).",
    sources: ['JEASEC', 'JEACFG'],
    topic: 'jea-and-runas-endpoints',
  },
  {
    id: 'jea-powershell',
    when: onJeaEndpoint,
    text: 'On the server: Windows PowerShell 5.1 or later (JEA is in-box from Windows Server 2016 and Windows 10 1607).',
    sources: ['JEAPRE'],
    topic: 'jea-and-runas-endpoints',
  },
  {
    id: 'jea-gmsa',
    when: secondHopIs('jea-gmsa'),
    text: `A group managed service account ($JeaGmsa, for example ${JEA.exampleGmsa}) that this server may use (New-ADServiceAccount -PrincipalsAllowedToRetrieveManagedPassword), with only the rights the role needs on the second computer.`,
    sources: ['JEACFG', 'JEASEC'],
    topic: 'jea-and-runas-endpoints',
  },
  {
    id: 'ssh-powershell-7',
    when: authenticationIs('ssh'),
    text: 'PowerShell 7 (pwsh) on the server and on every computer you connect from: Windows PowerShell 5.1 has no SSH remoting.',
    sources: ['SSH'],
    topic: 'ssh-remoting',
  },
  {
    id: 'ssh-openssh-server',
    when: authenticationIs('ssh'),
    text: "On the server: OpenSSH Server (an in-box optional feature since Windows Server 2019 and installed by default on Server 2025; the distribution's openssh-server on Linux), and the ssh client where you connect from.",
    sources: ['OSSH', 'SSH'],
    topic: 'ssh-remoting',
  },
  {
    id: 'ssh-allow-group',
    when: authenticationIs('ssh'),
    text: 'The group sshd admits ($SshAllowGroups), with everyone who connects as a member, you included.',
    sources: ['OSSH', 'SSHDCFG'],
    topic: 'ssh-remoting',
  },
  {
    id: 'certificate-template',
    when: allOf(certificateSourceIs('enterprise-ca'), enrollsFromTemplate),
    text: (plan) =>
      `A certificate template on your enterprise CA that the server may enroll from ($CertificateTemplate, ${plan.certificate?.template ?? CERTIFICATE.enterpriseTemplate} here), with Server Authentication and the subject taken from the request; or a certificate already installed for the name clients use.`,
    sources: ['ANS', 'WSEC', 'QC'],
    topic: 'https-listeners-and-certificates',
  },
  {
    id: 'certificate-installed',
    when: allOf(certificateSourceIs('enterprise-ca'), (plan) => !enrollsFromTemplate(plan)),
    text: 'A certificate from your CA installed on the server (LocalMachine\\My, with its private key): subject and SAN = the name or address clients use, Server Authentication.',
    sources: ['ANS', 'WSEC', 'QC'],
    topic: 'https-listeners-and-certificates',
  },
  {
    id: 'certificate-self-signed-transfer',
    when: certificateSourceIs('self-signed'),
    text: "A trusted way to carry the server's certificate file (.cer) and the thumbprint the target script prints to each client; the target script creates the certificate.",
    sources: ['SSC', 'NPSO'],
    topic: 'https-listeners-and-certificates',
  },
  {
    id: 'certificate-mapped-account',
    when: authenticationIs('certificate'),
    text: (plan) =>
      `On the server: the local account the client certificate maps to ($MappedUser, for example ${plan.certificate?.clientCertificate?.mappedLocalAccount ?? CERTIFICATE.mappedAccountAdmins}); the target script stops until it exists.`,
    sources: ['PSWSM', 'ANS'],
    topic: 'basic-digest-and-certificate-auth',
  },
  {
    id: 'rbkcd-ad-rights',
    when: secondHopIs('rbkcd'),
    text: "An admin workstation with the ActiveDirectory module (RSAT), and an account that may change the second computer's AD object (PrincipalsAllowedToDelegateToAccount); no Domain Admin rights needed.",
    sources: ['HOP'],
    topic: 'resource-based-constrained-delegation',
  },
  {
    id: 'second-computer-name',
    when: secondHopIs('rbkcd', 'credssp'),
    text: "The second computer's DNS name: Kerberos delegation does not work by IP address.",
    sources: ['HOP', 'WSEC'],
    topic: 'second-hop',
  },
];

export function buildPrerequisites(m: PrerequisiteFacts): Prerequisite[] {
  return PREREQUISITE_RULES.filter((rule) => rule.when(m)).map((rule) => ({
    id: rule.id,
    text: typeof rule.text === 'function' ? rule.text(m) : rule.text,
    topic: rule.topic,
    sources: [...rule.sources],
  }));
}
