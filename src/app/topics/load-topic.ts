import type { ComponentType } from 'react';
import type { MDXProps } from 'mdx/types';
import { topicBySlug } from './catalog.ts';

const pages = import.meta.glob<{ default: ComponentType<MDXProps> }>('/content/*.mdx');

export interface LoadedTopic {
  slug: string;
  Content: ComponentType<MDXProps> | null;
}

/** Loads one topic's compiled page; an unknown slug resolves to `Content: null` (the 404 view). */
export async function loadTopic(slug: string): Promise<LoadedTopic> {
  const load = pages[`/content/${slug}.mdx`];
  if (!load || !topicBySlug.has(slug)) return { slug, Content: null };
  const mod = await load();
  return { slug, Content: mod.default };
}
