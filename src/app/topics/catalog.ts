import { topics } from 'virtual:topics';
import type { TopicMeta } from '../../content/schema.ts';
import { SECTIONS, type Section } from '../../content/sections.ts';

export { topics };

export const topicBySlug = new Map<string, TopicMeta>(topics.map((t) => [t.slug, t]));

export const topicsBySection: { section: Section; topics: TopicMeta[] }[] = SECTIONS.map((section) => ({
  section,
  topics: topics.filter((t) => t.section === section),
})).filter((g) => g.topics.length > 0);

export function neighbours(slug: string): { previous?: TopicMeta; next?: TopicMeta } {
  const i = topics.findIndex((t) => t.slug === slug);
  if (i < 0) return {};
  return { previous: topics[i - 1], next: topics[i + 1] };
}

export function topicPath(slug: string, hash?: string): string {
  return `/topics/${slug}${hash ? `#${hash}` : ''}`;
}
