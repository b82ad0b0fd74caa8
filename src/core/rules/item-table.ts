/**
 * The rows of the settings, warnings and alternatives tables. Unlike the decision tables (first
 * match wins), every row whose condition holds adds its item, in table order.
 */
import type { AlternativeKind, AppliedBy, SettingScope, Severity } from '../model';
import type { SourceKey } from '../sources';
import type { TopicSlug } from '../topics';
import type { Plan } from './plan';

export type PlanCondition = (plan: Plan) => boolean;

/** Written into the table, or worded from the plan (host names, certificate, chosen options). */
export type FromPlan<T extends string> = T | ((plan: Plan) => T);

export function fromPlan<T extends string>(value: FromPlan<T>, plan: Plan): T {
  return typeof value === 'function' ? value(plan) : value;
}

export interface ItemRule {
  /** Unique within its table. */
  id: string;
  when: PlanCondition;
  sources: SourceKey[];
  topic: TopicSlug;
}

export interface SettingRule extends ItemRule {
  /** The setting's id where two rows set one setting in different ways; otherwise the row id. */
  settingId?: string;
  scope: SettingScope;
  name: string;
  value: FromPlan<string>;
  appliedBy: AppliedBy;
  because: FromPlan<string>;
}

export interface WarningRule extends ItemRule {
  /** The warning's id where two rows word one warning for different cases; otherwise the row id. */
  warningId?: string;
  severity: FromPlan<Severity>;
  message: FromPlan<string>;
}

/** Alternatives carry no id of their own: the row id only names the row. */
export interface AlternativeRule extends ItemRule {
  kind: AlternativeKind;
  option: string;
  whyNot: FromPlan<string>;
}

export function rulesThatApply<R extends ItemRule>(rules: readonly R[], plan: Plan): R[] {
  return rules.filter((rule) => rule.when(plan));
}
