/**
 * The audit of a server as it is (issue 11): the configuration read from what the user pastes
 * (`winrm get winrm/config` text or XML, or the JSON of Get-RemotingAudit.ps1), normalised into one
 * shape, and what the audit says about it. Everything here is plain data: values found on the
 * server are strings, never markup, and a consumer must show them as text.
 */
import type { Answers, QuestionId } from '../model';
import type { SourceKey } from '../sources';
import type { TopicSlug } from '../topics';

export type AuditFormat = 'text' | 'xml' | 'json';

/** One WinRM configuration value and whether Group Policy set it (`[Source="GPO"]`). */
export interface ConfigValue {
  value: string;
  gpo: boolean;
}

/** A listener's certificate (only the collection script reads it). */
export interface AuditCertificate {
  thumbprint: string;
  /** false when no certificate with that thumbprint is in LocalMachine\My. */
  found: boolean;
  subject: string;
  issuer: string;
  /** DNS names and IP addresses of the subject alternative name extension. */
  dnsNames: string[];
  /** ISO 8601, or '' when unknown. */
  notAfter: string;
}

export interface AuditListener {
  address: string;
  transport: string;
  port: string;
  hostname: string;
  enabled: boolean;
  urlPrefix: string;
  certificateThumbprint: string;
  listeningOn: string[];
  /** Created by the "Allow remote server management through WinRM" policy (`Listener [Source="GPO"]`). */
  gpo: boolean;
  certificate?: AuditCertificate;
}

export interface AuditSessionConfiguration {
  name: string;
  /** As Get-PSSessionConfiguration shows it: `BUILTIN\Administrators AccessAllowed, ...`. */
  permission: string;
  runAsUser: string;
  sddl: string;
  runAsVirtualAccount: boolean;
  groupManagedServiceAccount: string;
  sessionType: string;
}

export interface AuditFirewallRule {
  name: string;
  displayName: string;
  enabled: boolean;
  direction: string;
  action: string;
  /** Domain, Private, Public, or Any. */
  profiles: string[];
  protocol: string;
  localPorts: string[];
  remoteAddresses: string[];
  /** true when the rule comes from Group Policy (its PolicyStoreSourceType). */
  gpo: boolean;
}

export interface AuditNetworkProfile {
  name: string;
  interfaceAlias: string;
  category: string;
}

/** A DWORD policy value, or null when not set. */
export type PolicyDword = number | null;

export interface AuditLoggingPolicies {
  scriptBlockLogging: PolicyDword;
  moduleLogging: PolicyDword;
  transcription: PolicyDword;
}

export interface AuditConfig {
  format: AuditFormat;
  /** ISO 8601 time the collection script ran (JSON only). */
  collectedAt?: string;
  computer?: { name: string; dnsDomain: string; partOfDomain: boolean | null; domainRole: number | null };
  /**
   * The WinRM configuration by path, as `winrm get winrm/config` nests it: `Service/Auth/Basic`,
   * `Client/TrustedHosts`, `Winrs/AllowRemoteShellAccess`. Absent paths were not in the input.
   */
  winrm: Record<string, ConfigValue>;
  /** undefined: the input had no listener list. */
  listeners?: AuditListener[];
  credSSP?: { allowFreshCredentials: string[]; allowFreshCredentialsWhenNTLMOnly: string[] };
  sessionConfigurations?: AuditSessionConfiguration[];
  firewallRules?: AuditFirewallRule[];
  networkProfiles?: AuditNetworkProfile[];
  registry?: {
    localAccountTokenFilterPolicy: PolicyDword;
    disableRunAs: PolicyDword;
    windowsPowerShell: AuditLoggingPolicies;
    powerShell7: AuditLoggingPolicies;
    powerShell7Installed: boolean | null;
  };
  /** The Windows PowerShell 2.0 engine: its feature name and state as Windows reports it. */
  powerShellV2?: { feature: string; state: string };
  /** `sshd -T`: keyword (lower case) -> values; undefined when sshd is not installed or not read. */
  sshd?: Record<string, string[]>;
  delegation?: { trustedForDelegation: boolean; trustedToAuthForDelegation: boolean; allowedToDelegateTo: string[] };
  /** Probes of the collection script that failed, with their error text. */
  probeErrors: { probe: string; error: string }[];
}

export interface InputProblem {
  /** 1-based line of the input (1 when the problem concerns the whole input). */
  line: number;
  message: string;
}

export type ParseResult = { ok: true; config: AuditConfig } | { ok: false; problems: InputProblem[] };

export type AuditSeverity = 'high' | 'medium' | 'low';

/** How to fix a finding: a command, or the Group Policy setting when the value came from a policy. */
export type AuditFix =
  { kind: 'command'; command: string; note?: string } | { kind: 'group-policy'; path: string; state: string; note?: string };

export interface Finding {
  ruleId: string;
  severity: AuditSeverity;
  title: string;
  /** What the server has, as plain text (the value found). */
  found: string;
  /** What the finding is about when a rule can fire more than once (a listener, a rule, an endpoint). */
  subject?: string;
  /** Where the value came from. */
  source: 'group-policy' | 'local';
  message: string;
  topic: TopicSlug;
  sources: SourceKey[];
  fix: AuditFix;
}

/** A checked rule that found nothing wrong. */
export interface FineItem {
  ruleId: string;
  title: string;
  found: string;
}

export interface InferredAnswers {
  answers: Answers;
  /** Why each inferred answer was inferred. */
  reasons: Partial<Record<QuestionId, string>>;
}

export interface AuditOptions {
  /** The time to judge certificate expiry against (ms since 1970); default: the collection time, if any. */
  now?: number;
}

export type AuditResult =
  | {
      ok: true;
      format: AuditFormat;
      config: AuditConfig;
      findings: Finding[];
      fine: FineItem[];
      /** Rules the input had no data for (for example firewall rules in `winrm get` text). */
      notChecked: { ruleId: string; title: string }[];
      inferredAnswers: InferredAnswers;
    }
  | { ok: false; problems: InputProblem[] };
