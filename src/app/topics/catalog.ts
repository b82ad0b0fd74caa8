import { topics } from 'virtual:topics';
import type { TopicSummary } from '../../content/topic-types.ts';
import { SECTIONS, type Section } from '../../content/sections.ts';

export { topics };

export const topicBySlug = new Map<string, TopicSummary>(topics.map((t) => [t.slug, t]));

export const topicsBySection: { section: Section; topics: TopicSummary[] }[] = SECTIONS.map((section) => ({
  section,
  topics: topics.filter((t) => t.section === section),
})).filter((g) => g.topics.length > 0);

export function neighbours(slug: string): { previous?: TopicSummary; next?: TopicSummary } {
  const i = topics.findIndex((t) => t.slug === slug);
  if (i < 0) return {};
  return { previous: topics[i - 1], next: topics[i + 1] };
}

export function topicPath(slug: string, hash?: string): string {
  return `/topics/${slug}${hash ? `#${hash}` : ''}`;
}
