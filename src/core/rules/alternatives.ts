/** The options considered and not chosen, each with why not. */
import type { Alternative } from '../model';
import { AUTHENTICATION_ALTERNATIVES } from './alternatives/authentication';
import { CERTIFICATE_ALTERNATIVES, ENDPOINT_ALTERNATIVES } from './alternatives/certificate-and-endpoint';
import { SECOND_HOP_ALTERNATIVES } from './alternatives/second-hop';
import { fromPlan, rulesThatApply, type AlternativeRule } from './item-table';
import type { Plan } from './plan';

/** Every row whose condition holds adds its alternative, in this order. */
export const ALTERNATIVE_RULES: readonly AlternativeRule[] = [
  ...AUTHENTICATION_ALTERNATIVES,
  ...CERTIFICATE_ALTERNATIVES,
  ...ENDPOINT_ALTERNATIVES,
  ...SECOND_HOP_ALTERNATIVES,
];

export function buildAlternatives(plan: Plan): Alternative[] {
  return rulesThatApply(ALTERNATIVE_RULES, plan).map((rule) => ({
    kind: rule.kind,
    option: rule.option,
    whyNot: fromPlan(rule.whyNot, plan),
    topic: rule.topic,
    sources: [...rule.sources],
  }));
}
