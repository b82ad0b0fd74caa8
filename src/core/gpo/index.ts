/** Group Policy output: the settings table, gpo.ps1 and gpo-rollback.ps1 (issue 10, in progress). */
import type { ScriptModel } from '../powershell/common';
import type { GroupPolicyPlan } from './types';

export type { GroupPolicyPlan, GroupPolicyRow, PolicyRegistryValue } from './types';

/** Only a domain-joined Windows server takes a GPO. Not built yet: returns nothing. */
export function renderGroupPolicy(_model: ScriptModel): GroupPolicyPlan | undefined {
  return undefined;
}
