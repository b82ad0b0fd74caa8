import MiniSearch from 'minisearch';
import { SEARCH_OPTIONS, type SearchDoc } from './search-options.ts';

/** Indexes the sections in small batches, so opening search never holds up the page for long. */
export async function indexSections(docs: SearchDoc[]): Promise<MiniSearch<SearchDoc>> {
  const index = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
  await index.addAllAsync(docs, { chunkSize: 20 });
  return index;
}

/** A topic found: the section to land on (its best-matching one) and the terms that matched there. */
export interface TopicHit {
  slug: string;
  anchor: string;
  heading: string;
  text: string;
  terms: string[];
  score: number;
}

/**
 * What the page's other matching sections add to its best one: a page that uses a term in many
 * sections is more likely about it than one that names it once, but one strong section still
 * outranks many passing mentions.
 */
const OTHER_SECTIONS_WEIGHT = 0.25;

/** Searches the sections, then ranks topics: each topic once, landing on its best section. */
export function searchTopics(index: MiniSearch<SearchDoc>, query: string, limit = 8): TopicHit[] {
  const topics = new Map<string, TopicHit>();
  // Results come best first, so a topic's first result is its best section.
  for (const r of index.search(query)) {
    const slug = String(r.slug);
    const seen = topics.get(slug);
    if (seen) {
      seen.score += r.score * OTHER_SECTIONS_WEIGHT;
      continue;
    }
    topics.set(slug, { slug, anchor: String(r.anchor), heading: String(r.heading), text: String(r.text), terms: r.terms, score: r.score });
  }
  return [...topics.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
