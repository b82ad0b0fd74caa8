/** Warnings: what the administrator must know about the recommended configuration. */
import type { Warning } from '../model';
import { fromPlan, rulesThatApply, type WarningRule } from './item-table';
import type { Plan } from './plan';
import { KERBEROS_AND_SSH_WARNINGS, WITHOUT_KERBEROS_WARNINGS } from './warnings/authentication';
import { CERTIFICATE_WARNINGS } from './warnings/certificates';
import { DEPLOYMENT_WARNINGS } from './warnings/deployment';
import { ENDPOINT_AND_SECOND_HOP_WARNINGS } from './warnings/endpoint-and-second-hop';
import { HOST_NAME_WARNINGS } from './warnings/host-names';

/** Every row whose condition holds adds its warning, in this order. */
export const WARNING_RULES: readonly WarningRule[] = [
  ...HOST_NAME_WARNINGS,
  ...WITHOUT_KERBEROS_WARNINGS,
  ...CERTIFICATE_WARNINGS,
  ...KERBEROS_AND_SSH_WARNINGS,
  ...DEPLOYMENT_WARNINGS,
  ...ENDPOINT_AND_SECOND_HOP_WARNINGS,
];

export function buildWarnings(plan: Plan): Warning[] {
  return rulesThatApply(WARNING_RULES, plan).map((rule) => ({
    id: rule.warningId ?? rule.id,
    severity: fromPlan(rule.severity, plan),
    message: fromPlan(rule.message, plan),
    topic: rule.topic,
    sources: [...rule.sources],
  }));
}
