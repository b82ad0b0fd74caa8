/**
 * firstSteps(answers, hosts): the rows of FIRST_STEP_RULES whose variant is clearly safer, each
 * with what it removes, measured by running the engine on the variant and comparing warnings.
 */
import type { Answers, Authentication, HostInput, Severity, Warning } from './model';
import { encodeAnswers } from './permalink';
import { isComplete, pruneAnswers } from './questions';
import { recommendModel } from './recommend-model';
import { FIRST_STEP_RULES, type FirstStepRule } from './rules/first-steps';
import { validateHost } from './hosts';

/** Lower is safer: the order in which the authentication table prefers them (decisions.ts). */
const AUTHENTICATION_RANK: Record<Authentication, number> = {
  kerberos: 0,
  certificate: 1,
  ssh: 1,
  'negotiate-https': 2,
  'ntlm-trustedhosts': 3,
};

export interface WarningCount {
  removed: number;
  /** How many of this severity the current configuration has. */
  of: number;
  /** How many of this severity only the variant has. */
  added: number;
}

export interface FirstStep extends Omit<FirstStepRule, 'when' | 'change' | 'needsTargetName'> {
  /** The variant's answers (complete) and the host fields carried into its link. */
  answers: Answers;
  hosts: HostInput;
  /** The variant's permalink query (v=1&...), with the host names when `includeHosts` was asked. */
  query: string;
  authentication: { from: Authentication; to: Authentication };
  warnings: Record<Severity, WarningCount>;
}

function countBySeverity(current: Warning[], variant: Warning[]): Record<Severity, WarningCount> {
  const ids = (list: Warning[], s: Severity) => new Set(list.filter((w) => w.severity === s).map((w) => w.id));
  const out = {} as Record<Severity, WarningCount>;
  for (const s of ['high', 'medium', 'info'] as const) {
    const before = ids(current, s);
    const after = ids(variant, s);
    out[s] = { removed: [...before].filter((id) => !after.has(id)).length, of: before.size, added: [...after].filter((id) => !before.has(id)).length };
  }
  return out;
}

/** Clearly safer: no new high warning, an authentication at least as good, and fewer high warnings or a better authentication. */
function isClearlySafer(step: Pick<FirstStep, 'authentication' | 'warnings'>): boolean {
  const high = step.warnings.high;
  const rankFrom = AUTHENTICATION_RANK[step.authentication.from];
  const rankTo = AUTHENTICATION_RANK[step.authentication.to];
  if (high.added > 0 || rankTo > rankFrom) return false;
  return high.removed > 0 || rankTo < rankFrom;
}

function variantHosts(rule: FirstStepRule, hosts: HostInput): HostInput {
  if (!rule.needsTargetName || hosts.target === undefined) return hosts;
  const checked = validateHost(hosts.target);
  if (checked.ok && checked.kind === 'dns') return hosts;
  const { target: _dropped, ...rest } = hosts;
  return rest;
}

export interface FirstStepOptions {
  /** Carry the host names and admin addresses into the variant's link (as the page's own link does). */
  includeHosts?: boolean;
}

/**
 * The first steps that apply to complete `answers`, safest first. `hosts` must be valid (as for
 * recommendModel); throws what recommendModel throws otherwise.
 */
export function firstSteps(answers: Answers, hosts: HostInput = {}, options: FirstStepOptions = {}): FirstStep[] {
  const current = recommendModel(answers, hosts);
  const steps: FirstStep[] = [];
  for (const rule of FIRST_STEP_RULES) {
    if (!rule.when(current.answers)) continue;
    const changed = pruneAnswers({ ...current.answers, ...rule.change(current.answers) });
    if (!isComplete(changed)) continue;
    const keptHosts = variantHosts(rule, hosts);
    const variant = recommendModel(changed, keptHosts);
    const { when: _when, change: _change, needsTargetName: _needs, ...text } = rule;
    const step: FirstStep = {
      ...text,
      answers: variant.answers,
      hosts: keptHosts,
      query: encodeAnswers(variant.answers, keptHosts, { includeHosts: options.includeHosts ?? false }),
      authentication: { from: current.authentication, to: variant.authentication },
      warnings: countBySeverity(current.warnings, variant.warnings),
    };
    if (isClearlySafer(step)) steps.push(step);
  }
  return steps.sort((x, y) => y.warnings.high.removed - x.warnings.high.removed);
}
