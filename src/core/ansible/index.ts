/** Ansible output: playbook.yml and an example inventory (issue 10, in progress). */
import type { ScriptModel } from '../powershell/common';
import type { AnsiblePlan } from './types';

export type { AnsiblePlan } from './types';

/** Not built yet: returns nothing. */
export function renderAnsible(_model: ScriptModel): AnsiblePlan | undefined {
  return undefined;
}
