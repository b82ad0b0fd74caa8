import type { ComponentType } from 'react';
import type { MDXProps } from 'mdx/types';
import { detailLoaders } from 'virtual:topic-details';
import type { TopicDetails } from '../../content/topic-types.ts';
import { settled, tracked } from '../thenable.ts';
import { topicBySlug } from './catalog.ts';

const pages = import.meta.glob<{ default: ComponentType<MDXProps> }>('/content/*.mdx');

/**
 * A topic page needs its details (description, headings, sources) and its body. Both load once
 * per topic (`loadTopic`, before the page shows). The body of the page the browser loaded first
 * is not fetched at all: it is already in the prerendered HTML, and the page keeps that markup
 * (`adoptTopicBody`).
 */
export type TopicBody = { html: string } | { Content: ComponentType<MDXProps> };

export interface LoadedTopic {
  details: TopicDetails;
  body: TopicBody;
}

const adopted = new Map<string, string>();
const loads = new Map<string, Promise<LoadedTopic>>();

export function isTopicSlug(slug: string): boolean {
  return topicBySlug.has(slug) && `/content/${slug}.mdx` in pages && slug in detailLoaders;
}

/** Keeps the prerendered body of `slug` (its inner HTML) instead of loading its compiled page. */
export function adoptTopicBody(slug: string, html: string) {
  if (isTopicSlug(slug) && !loads.has(slug)) adopted.set(slug, html);
}

/** The pieces of `slug`'s page (a known topic), loading them the first time. */
export function loadTopic(slug: string, retry = false): Promise<LoadedTopic> {
  let load = loads.get(slug);
  if (!load || (retry && settled(load) === 'rejected')) {
    const html = adopted.get(slug);
    const body: Promise<TopicBody> = html !== undefined ? Promise.resolve({ html }) : pages[`/content/${slug}.mdx`]!().then((m) => ({ Content: m.default }));
    load = tracked(Promise.all([detailLoaders[slug]!(), body]).then(([{ details }, b]) => ({ details, body: b })));
    loads.set(slug, load);
  }
  return load;
}

/** Undefined when `slug`'s page can render at once; otherwise the promise of its pieces. */
export function pendingTopic(slug: string): Promise<unknown> | undefined {
  if (!isTopicSlug(slug)) return undefined;
  const load = loadTopic(slug, true);
  return settled(load) === 'fulfilled' ? undefined : load;
}
