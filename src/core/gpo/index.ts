/**
 * Group Policy output (issue 10): the settings table (rows.ts, from the POLICY_TABLE of
 * policy-table.ts), gpo.ps1 (render-gpo.ts, one section renderer per concern in script-*.ts) and
 * gpo-rollback.ps1 (render-rollback.ts). Only a domain-joined Windows server takes a GPO.
 */
import type { ScriptModel } from '../powershell/common';
import { renderGpoScript } from './render-gpo';
import { renderGpoRollback } from './render-rollback';
import { groupPolicyRows, takesGroupPolicy } from './rows';
import { DEFAULT_GPO_NAME, type GroupPolicyInput } from './script-variables';
import type { GroupPolicyPlan } from './types';
import { validateGpoName, validateOuDn } from './validate';

export type { GroupPolicyPlan, GroupPolicyRow, GroupPolicyTarget, PolicyRegistryValue } from './types';
export { POLICY_TABLE } from './policy-table';
export { DEFAULT_GPO_NAME, type GroupPolicyInput } from './script-variables';
export { validateGpoName, validateOuDn } from './validate';

/**
 * The GPO plan, or undefined when the server is not a domain-joined Windows server. `input` (the
 * GPO name and link OU the user typed) is validated here: invalid input throws, so that nothing
 * unvalidated reaches a script.
 */
export function renderGroupPolicy(model: ScriptModel, input: Partial<GroupPolicyInput> = {}): GroupPolicyPlan | undefined {
  if (!takesGroupPolicy(model)) return undefined;
  const name = validateGpoName(input.gpoName ?? DEFAULT_GPO_NAME);
  if (!name.ok) throw new Error(name.message);
  const ou = validateOuDn(input.linkOu ?? '');
  if (!ou.ok) throw new Error(ou.message);
  const checked: GroupPolicyInput = { gpoName: name.value, linkOu: ou.value };
  const rows = groupPolicyRows(model);
  return {
    gpoName: checked.gpoName,
    linkOu: checked.linkOu,
    rows,
    script: renderGpoScript(model, rows, checked),
    rollback: renderGpoRollback(model, checked),
  };
}
