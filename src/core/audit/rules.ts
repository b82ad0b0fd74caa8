/**
 * The audit rules as one table (WinRM configuration first, then the rest of the server) and their
 * evaluation: findings by severity, what is fine, and what the input did not allow to check.
 */
import { HOST_AUDIT_RULES } from './rules-host';
import { WINRM_AUDIT_RULES } from './rules-winrm';
import { GPO_NOTE, policyPath, type AuditContext, type AuditHit, type AuditRule } from './rule-types';
import type { AuditConfig, AuditFix, AuditSeverity, Finding, FineItem } from './types';

export const AUDIT_RULES: readonly AuditRule[] = [...WINRM_AUDIT_RULES, ...HOST_AUDIT_RULES];

export const SEVERITY_ORDER: Record<AuditSeverity, number> = { high: 0, medium: 1, low: 2 };

function fixFor(rule: AuditRule, hit: AuditHit, config: AuditConfig): AuditFix {
  if (hit.gpo && rule.policy) {
    const path = policyPath(rule.policy);
    if (path) return { kind: 'group-policy', path, state: rule.policy.state, note: GPO_NOTE };
  }
  return hit.fix ?? rule.fix(hit, config);
}

export interface Evaluated {
  findings: Finding[];
  fine: FineItem[];
  notChecked: { ruleId: string; title: string }[];
}

export function evaluateRules(config: AuditConfig, ctx: AuditContext = {}, rules: readonly AuditRule[] = AUDIT_RULES): Evaluated {
  const out: Evaluated = { findings: [], fine: [], notChecked: [] };
  for (const rule of rules) {
    const result = rule.evaluate(config, ctx);
    if (result.status === 'not-in-input') out.notChecked.push({ ruleId: rule.id, title: rule.title });
    else if (result.status === 'fine') out.fine.push({ ruleId: rule.id, title: rule.title, found: result.found });
    else {
      for (const hit of result.hits) {
        out.findings.push({
          ruleId: rule.id,
          severity: hit.severity ?? rule.severity,
          title: rule.title,
          found: hit.found,
          ...(hit.subject !== undefined ? { subject: hit.subject } : {}),
          source: hit.gpo ? 'group-policy' : 'local',
          message: hit.message ?? rule.message,
          topic: rule.topic,
          sources: [...rule.sources],
          fix: fixFor(rule, hit, config),
        });
      }
    }
  }
  // Stable: table order within a severity.
  out.findings = out.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
  return out;
}
