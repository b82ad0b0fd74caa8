import type { SourceDocument } from '../core/sources.ts';
import type { Heading, TopicMeta } from './schema.ts';

export type { Heading };

/** What every page may need about every topic (navigation, neighbours): kept small. */
export type TopicSummary = Pick<TopicMeta, 'slug' | 'title' | 'section'>;

/**
 * What only the topic's own page needs; shipped in a small module of its own per topic. Its
 * sources are resolved (src/content/cited-documents.ts): titles and links, not repository paths.
 */
export type TopicDetails = Pick<TopicMeta, 'description' | 'headings' | 'reviewed'> & { sources: SourceDocument[] };
