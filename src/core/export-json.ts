/** The JSON export of a recommendation: `schema: "psremoting-recommendation/1"`. */
import type { RecommendationExport } from './export-json-schema';
import type { Recommendation } from './model';
import { sourceOf, type SourceDocument, type SourceKey } from './sources';

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
    sources: citedSources(rec),
  };
  return out;
}

/** Every key the recommendation cites, in first-cited order (rationale first, as the page reads). */
export function citedSourceKeys(rec: Pick<Recommendation, 'rationale' | 'warnings' | 'alternatives' | 'settings' | 'groupPolicy'>): SourceKey[] {
  const items = [...rec.rationale, ...rec.warnings, ...rec.alternatives, ...rec.settings, ...(rec.groupPolicy?.rows ?? [])];
  return [...new Set(items.flatMap((i) => i.sources))];
}

/** What each cited key stands for, so a reader of the export can follow it without the guide. */
function citedSources(rec: Recommendation): RecommendationExport['sources'] {
  const out: RecommendationExport['sources'] = {};
  for (const key of citedSourceKeys(rec)) {
    const { title, publisher, url, also, note } = sourceOf(key);
    out[key] = { title, publisher, url, ...(also && { also: also.map(documentOf) }), ...(note && { note }) };
  }
  return out;
}

const documentOf = ({ title, publisher, url }: SourceDocument): SourceDocument => ({ title, publisher, url });

/** The export as pretty-printed JSON text (2 spaces, trailing newline). */
export function exportJson(rec: Recommendation, permalink?: string): string {
  return `${JSON.stringify(toJsonExport(rec, permalink), null, 2)}\n`;
}
