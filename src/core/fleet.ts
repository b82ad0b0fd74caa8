/**
 * The fleet outputs of a recommendation, rendered from the same model as the single-server
 * scripts: a GPO for domain-joined Windows servers, an Ansible playbook for every path.
 */
import { renderAnsible } from './ansible';
import { renderGroupPolicy } from './gpo';
import type { Recommendation } from './model';
import type { ScriptModel } from './powershell/common';

export function renderFleet(model: ScriptModel): Pick<Recommendation, 'groupPolicy' | 'ansible'> {
  const out: Pick<Recommendation, 'groupPolicy' | 'ansible'> = {};
  const groupPolicy = renderGroupPolicy(model);
  if (groupPolicy) out.groupPolicy = groupPolicy;
  const ansible = renderAnsible(model);
  if (ansible) out.ansible = ansible;
  return out;
}
