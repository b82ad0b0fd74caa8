/** The JSON export of a recommendation: `schema: "psremoting-recommendation/1"`. */
import type { RecommendationExport } from './export-json-schema';
import type { Recommendation } from './model';

export type { RecommendationExport };

export const EXPORT_SCHEMA_ID = 'psremoting-recommendation/1';

/**
 * The export object. `permalink` overrides the recommendation's (e.g. the absolute URL the UI
 * shows); the scripts keep the permalink they were generated with.
 */
export function toJsonExport(rec: Recommendation, permalink?: string): RecommendationExport {
  const out: RecommendationExport = {
    schema: EXPORT_SCHEMA_ID,
    rulesetVersion: rec.rulesetVersion,
    permalink: permalink ?? rec.permalink,
    answers: rec.answers,
    hosts: rec.hosts,
    authentication: rec.authentication,
    transport: rec.transport,
    port: rec.port,
    httpListener: rec.httpListener,
    trustedHosts: rec.trustedHosts,
    endpoint: rec.endpoint,
    secondHop: rec.secondHop,
    ...(rec.certificate ? { certificate: rec.certificate } : {}),
    firewall: rec.firewall,
    settings: rec.settings,
    warnings: rec.warnings,
    alternatives: rec.alternatives,
    impacts: rec.impacts,
    rationale: rec.rationale,
    runOrder: rec.runOrder,
    scripts: rec.scripts,
    ...(rec.groupPolicy ? { groupPolicy: rec.groupPolicy } : {}),
    ansible: rec.ansible,
  };
  return out;
}

/** The export as pretty-printed JSON text (2 spaces, trailing newline). */
export function exportJson(rec: Recommendation, permalink?: string): string {
  return `${JSON.stringify(toJsonExport(rec, permalink), null, 2)}\n`;
}
