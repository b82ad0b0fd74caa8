/**
 * The fleet outputs of a recommendation, rendered from the same model as the single-server
 * scripts: a GPO for domain-joined Windows servers, an Ansible playbook for every path.
 */
import { renderAnsible } from './ansible';
import { renderGroupPolicy } from './gpo';
import type { FleetOutputs, Recommendation, ScriptsRecommendation } from './model';
import type { ScriptModel } from './powershell/common';

export function renderFleet(model: ScriptModel): FleetOutputs {
  const out: FleetOutputs = { ansible: renderAnsible(model) };
  const groupPolicy = renderGroupPolicy(model);
  if (groupPolicy) out.groupPolicy = groupPolicy;
  return out;
}

/** The whole recommendation: `rec` (from recommendScripts) with its fleet outputs after the scripts. */
export function withFleet(rec: ScriptsRecommendation): Recommendation {
  // The fleet renderers get the model the scripts were rendered from, as recommend() always gave them.
  const { scripts: _scripts, ...model } = rec;
  return { ...rec, ...renderFleet(model) };
}

export { fleetUsage } from './fleet-usage';
