/**
 * The audit rules' table row and the helpers the rows share. Like the recommendation's item tables
 * (src/core/rules/item-table.ts): each row has an id, a condition over the audited configuration,
 * a severity, a message, the topic that explains why, the sources it rests on (STIG and CIS ids in
 * its text) and a fix: a PowerShell command (every value from the input quoted by psQuote) or, when
 * Group Policy set the value, the policy to change (the path from the GPO output's POLICY_TABLE).
 */
import { POLICY_TABLE } from '../gpo/policy-table';
import { psQuote } from '../powershell/quote';
import type { SourceKey } from '../sources';
import type { TopicSlug } from '../topics';
import type { AuditConfig, AuditFix, AuditSeverity, ConfigValue } from './types';

export interface AuditContext {
  /** ms since 1970, for certificate expiry; undefined when unknown. */
  now?: number;
}

/** One thing a rule found wrong. */
export interface AuditHit {
  found: string;
  subject?: string;
  /** The value came from Group Policy. */
  gpo: boolean;
  /** Overrides the row's severity (e.g. a wildcard is worse than a wide pattern). */
  severity?: AuditSeverity;
  /** Replaces the row's message (worded from this hit). */
  message?: string;
  /** Replaces the row's fix for this hit. */
  fix?: AuditFix;
}

export type Evaluation = { status: 'not-in-input' } | { status: 'fine'; found: string } | { status: 'findings'; hits: AuditHit[] };

export interface PolicyFix {
  /** A POLICY_TABLE key; its path is used when it is a plain string. */
  settingId?: string;
  /** The path when the table has none to offer (or no entry). */
  path?: string;
  state: string;
}

export interface AuditRule {
  /** Unique within the table. */
  id: string;
  title: string;
  severity: AuditSeverity;
  evaluate: (config: AuditConfig, ctx: AuditContext) => Evaluation;
  message: string;
  /** The local fix (a command). */
  fix: (hit: AuditHit, config: AuditConfig) => AuditFix;
  /** The policy to change when the value came from Group Policy. */
  policy?: PolicyFix;
  topic: TopicSlug;
  sources: SourceKey[];
}

export const NOT_IN_INPUT: Evaluation = { status: 'not-in-input' };

export function fine(found: string): Evaluation {
  return { status: 'fine', found };
}

export function findings(hits: AuditHit[], fineFound: string): Evaluation {
  return hits.length ? { status: 'findings', hits } : fine(fineFound);
}

/** The Group Policy path for a fix: the table's when it is a plain string, else the row's own. */
export function policyPath(policy: PolicyFix): string {
  const entry = policy.settingId ? POLICY_TABLE[policy.settingId] : undefined;
  if (entry && typeof entry.path === 'string') return entry.path;
  return policy.path ?? '';
}

export const GPO_NOTE =
  'Group Policy sets this value ([Source="GPO"]): a local change fails or is undone at the next policy refresh. Change it in the GPO that sets it (gpresult /h report.html shows which), then run gpupdate /force.';

/** `Set-Item -Path 'WSMan:\localhost\...' -Value <value>`: the path quoted, the value a literal. */
export function setWsman(path: string, value: '$true' | '$false' | string): string {
  const literal = value === '$true' || value === '$false' ? value : psQuote(value);
  return `Set-Item -Path ${psQuote(`WSMan:\\localhost\\${path.replace(/\//g, '\\')}`)} -Value ${literal} -Force`;
}

export function cmd(command: string, note?: string): AuditFix {
  return note ? { kind: 'command', command, note } : { kind: 'command', command };
}

export function winrmValue(config: AuditConfig, path: string): ConfigValue | undefined {
  return config.winrm[path];
}

/** A WinRM true/false value that must not be `bad`. */
export function winrmFlag(path: string, bad: 'true' | 'false'): (config: AuditConfig) => Evaluation {
  return (config) => {
    const v = winrmValue(config, path);
    if (!v) return NOT_IN_INPUT;
    return v.value.toLowerCase() === bad ? { status: 'findings', hits: [{ found: v.value, gpo: v.gpo }] } : fine(v.value);
  };
}

export const ADMIN_SUBNET_LINE = "$AdminSubnet = '192.0.2.0/24'   # edit: the addresses you administer from";
