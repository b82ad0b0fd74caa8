/**
 * The decision model: question ids and values (the guide's public vocabulary, used in permalinks
 * and in the JSON export) and the Recommendation the engine produces.
 *
 * Ids and values are stable. Changing them needs a new permalink version and a migration.
 */
import type { AnsiblePlan } from './ansible/types';
import type { GroupPolicyPlan } from './gpo/types';
import type { SourceKey } from './sources';
import type { TopicSlug } from './topics';

/** Every question with its allowed values, in the order the questionnaire asks them. */
export const QUESTION_VALUES = {
  platform: ['windows', 'mixed'],
  domain: ['same', 'untrusted', 'workgroup'],
  address: ['name', 'ip'],
  pki: ['enterprise', 'selfsigned', 'none'],
  assurance: ['standard', 'high'],
  network: ['private', 'public'],
  who: ['admins', 'delegated'],
  hop: ['none', 'files', 'remoting'],
  adcontrol: ['yes', 'no'],
  trust: ['tier0', 'normal'],
  protected: ['yes', 'no'],
} as const;

export type QuestionId = keyof typeof QUESTION_VALUES;

/** Question ids in the order they are asked. */
export const QUESTION_ORDER = Object.keys(QUESTION_VALUES) as QuestionId[];

export type AnswerValue<Q extends QuestionId> = (typeof QUESTION_VALUES)[Q][number];

/** A complete or partial set of answers. Only the questions that apply are ever answered. */
export type Answers = { [Q in QuestionId]?: AnswerValue<Q> };

export function isQuestionId(value: string): value is QuestionId {
  return Object.prototype.hasOwnProperty.call(QUESTION_VALUES, value);
}

export function isAnswerValue<Q extends QuestionId>(question: Q, value: unknown): value is AnswerValue<Q> {
  return typeof value === 'string' && (QUESTION_VALUES[question] as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Hosts

export type HostKind = 'dns' | 'ipv4' | 'ipv6';

/**
 * What the user typed on the recommendation page: the host names (validated by `validateHost`) and
 * the admin-address list (validated by `validateAdminSubnet`; entries separated by commas, spaces
 * or line breaks).
 */
export interface HostInput {
  target?: string;
  resource?: string;
  adminSubnet?: string;
  /** The commands the JEA role shows (validated by `validateJeaCommands`; separated by commas, spaces or line breaks). */
  jeaCommands?: string;
}

/** A host as used by the recommendation: the user's (validated) value or a clearly named example. */
export interface HostInfo {
  /** The value placed in scripts (`$Target = '...'`). */
  value: string;
  kind: HostKind;
  /** true when the user gave no host and the engine uses an example value such as srv01.contoso.com. */
  isExample: boolean;
}

// ---------------------------------------------------------------------------------------------
// Recommendation

export type Authentication = 'kerberos' | 'negotiate-https' | 'certificate' | 'ntlm-trustedhosts' | 'ssh';
export type Transport = 'http' | 'https' | 'ssh';
export type Endpoint = 'default' | 'jea';
export type SecondHop =
  | 'none'
  | 'rbkcd'
  | 'kcd'
  | 'credssp'
  | 'explicit-credentials'
  | 'jea-gmsa'
  | 'runas-endpoint';

/** The decisions that have a rationale entry. */
export type DecisionId =
  | 'authentication'
  | 'transport'
  | 'endpoint'
  | 'secondHop'
  | 'firewall'
  | 'certificate'
  | 'trustedHosts';

/** What a rule says about one decision: the value, why, where that comes from, where to learn more. */
export interface Cited {
  because: string;
  sources: SourceKey[];
  topic: TopicSlug;
}

export interface Rationale extends Cited {
  decision: DecisionId;
  value: string;
  /** The id of the rule that made the decision (see docs/ENGINE.md). */
  rule: string;
}

export type FirewallProfile = 'Domain' | 'Private' | 'Public';

export interface FirewallRule {
  /** Rule name created by the target script. */
  name: string;
  displayName: string;
  port: number;
  protocol: 'TCP';
  profiles: FirewallProfile[];
  /** Remote-address scope: the `$AdminSubnet` script variable (never Any). */
  remoteAddress: '$AdminSubnet';
  purpose: string;
}

export interface FirewallPlan {
  /** The port of the recommended transport. */
  port: number;
  profiles: FirewallProfile[];
  remoteAddress: {
    variable: '$AdminSubnet';
    example: string;
    /** What `$AdminSubnet` holds in the scripts: the user's validated list, or `[example]`. */
    values: string[];
    /** true when the user gave no list: the scripts hold the example and stop until it is edited. */
    isExample: boolean;
    /** Values the scripts refuse (they would open the port to any address). */
    refused: string[];
  };
  /** Rules the target script creates (all scoped to $AdminSubnet). */
  rules: FirewallRule[];
  /** Built-in rules the target script disables (their previous state is saved for the rollback). */
  disablesBuiltInRules: string[];
  /** Set when the target script cannot manage the firewall itself (e.g. a Linux SSH target). */
  manualNote?: string;
}

export type SettingScope = 'service' | 'client' | 'registry' | 'sshd' | 'listener' | 'policy';
export type AppliedBy = 'target' | 'client' | 'resource' | 'recommended';

export interface Setting extends Cited {
  id: string;
  scope: SettingScope;
  /** Where the setting lives, e.g. `WSMan:\localhost\Service\AllowUnencrypted`. */
  name: string;
  value: string;
  /** Which script applies it; `recommended` = documented here, apply it by Group Policy. */
  appliedBy: AppliedBy;
}

export type Severity = 'high' | 'medium' | 'info';

export interface Warning {
  id: string;
  severity: Severity;
  message: string;
  topic: TopicSlug;
  sources: SourceKey[];
}

export type AlternativeKind = 'authentication' | 'transport' | 'endpoint' | 'secondHop' | 'certificate';

export interface Alternative {
  kind: AlternativeKind;
  option: string;
  whyNot: string;
  topic: TopicSlug;
  sources: SourceKey[];
}

/** Something that must exist before the scripts run (a checklist item). */
export interface Prerequisite {
  id: string;
  text: string;
  topic: TopicSlug;
  sources: SourceKey[];
}

export interface Impact {
  id: string;
  message: string;
  topic: TopicSlug;
}

export type ScriptName = 'target' | 'client' | 'rollback' | 'resource';

export interface Scripts {
  target: string;
  client: string;
  rollback: string;
  resource?: string;
}

/** One step of the order in which the scripts are run. */
export interface RunStep {
  script: Exclude<ScriptName, 'rollback'>;
  where: string;
  purpose: string;
}

export type CertificateSource = 'enterprise-ca' | 'self-signed';

export interface CertificatePlan {
  source: CertificateSource;
  /** The name or address the server certificate must carry (subject CN and SAN). */
  subject: string;
  /** Enterprise CA template used by Get-Certificate (may differ in your CA). */
  template?: string;
  /** Client certificate mapping (authentication = certificate). */
  clientCertificate?: { mappedLocalAccount: string; upn: string };
}

export interface Recommendation {
  rulesetVersion: string;
  answers: Answers;
  hosts: { target: HostInfo; resource?: HostInfo };
  authentication: Authentication;
  transport: Transport;
  port: number;
  /** On HTTPS paths: whether the HTTP listener is kept (and scoped) or removed. */
  httpListener: 'kept' | 'removed' | 'not-applicable';
  trustedHosts: string[];
  endpoint: Endpoint;
  secondHop: SecondHop;
  certificate?: CertificatePlan;
  firewall: FirewallPlan;
  settings: Setting[];
  warnings: Warning[];
  alternatives: Alternative[];
  impacts: Impact[];
  rationale: Rationale[];
  runOrder: RunStep[];
  permalink: string;
  scripts: Scripts;
  /** On the JEA path: the commands the user listed for the role; absent = the example role (read services, restart the Print Spooler). */
  jeaCommands?: string[];
  /** The same configuration as a GPO (gpo.ps1 and its settings table): only where the server is domain-joined Windows. */
  groupPolicy?: GroupPolicyPlan;
  /** The same configuration as an Ansible playbook (playbook.yml and an example inventory.yml): every path. */
  ansible: AnsiblePlan;
}

/** The same configuration for many servers: a GPO (domain-joined Windows only) and an Ansible playbook. */
export type FleetOutputs = Pick<Recommendation, 'groupPolicy' | 'ansible'>;

/** A recommendation without its fleet outputs (recommendScripts). */
export type ScriptsRecommendation = Omit<Recommendation, keyof FleetOutputs>;
