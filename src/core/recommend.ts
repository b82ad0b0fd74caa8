/**
 * recommend(answers, hosts) -> Recommendation: the decisions with their rationale, settings,
 * warnings, alternatives, impacts, run order, permalink, the generated scripts and the same
 * configuration for many servers (a GPO where the server is domain-joined, an Ansible playbook).
 */
import { withFleet } from './fleet';
import type { HostInput, Recommendation } from './model';
import { recommendScripts, type RecommendOptions } from './recommend-scripts';

export { IncompleteAnswersError, InvalidAdminSubnetError, InvalidHostError, validateHosts, type RecommendOptions } from './recommend-scripts';

/**
 * Builds the recommendation for a complete set of answers. Throws IncompleteAnswersError when a
 * question on the path has no answer, InvalidHostError for an invalid host name and
 * InvalidAdminSubnetError for an invalid admin-address list.
 */
export function recommend(answers: Readonly<Record<string, unknown>>, hosts: HostInput = {}, options: RecommendOptions = {}): Recommendation {
  return withFleet(recommendScripts(answers, hosts, options));
}
