/**
 * recommend(answers, hosts) -> Recommendation: the decisions with their rationale, settings,
 * warnings, alternatives, impacts, run order, permalink, the generated scripts and the same
 * configuration for many servers (a GPO where the server is domain-joined, an Ansible playbook).
 * The three parts are also separate (recommendModel, renderScripts, renderFleet), so that a page
 * can show the decisions before the files are rendered.
 */
import { withFleet } from './fleet';
import type { HostInput, Recommendation, ScriptsRecommendation } from './model';
import { renderScripts } from './powershell/render';
import { recommendModel, type RecommendOptions } from './recommend-model';

export {
  IncompleteAnswersError,
  InvalidAdminSubnetError,
  InvalidJeaCommandsError,
  InvalidHostError,
  recommendModel,
  validateHosts,
  type RecommendOptions,
} from './recommend-model';

/** The recommendation with its single-server scripts, without the fleet outputs. Throws as recommend() does. */
export function recommendScripts(
  answers: Readonly<Record<string, unknown>>,
  hosts: HostInput = {},
  options: RecommendOptions = {},
): ScriptsRecommendation {
  const model = recommendModel(answers, hosts, options);
  return { ...model, scripts: renderScripts(model) };
}

/**
 * Builds the recommendation for a complete set of answers. Throws IncompleteAnswersError when a
 * question on the path has no answer, InvalidHostError for an invalid host name and
 * InvalidAdminSubnetError for an invalid admin-address list.
 */
export function recommend(
  answers: Readonly<Record<string, unknown>>,
  hosts: HostInput = {},
  options: RecommendOptions = {},
): Recommendation {
  return withFleet(recommendScripts(answers, hosts, options));
}
