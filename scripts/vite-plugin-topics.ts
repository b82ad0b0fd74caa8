// Build-time topic metadata and search index, so the browser ships neither a markdown parser
// nor an indexer:
//  - `virtual:topics`: the small summary of every topic (slug, title, section, in reading order)
//    that navigation needs on every page;
//  - `virtual:topic-details`: one loader per topic for what only its own page needs (description,
//    headings, sources, review date), each `virtual:topic-details/<slug>` a chunk of its own;
//  - `virtual:topic-descriptions`: every description, for the topics index;
//  - `virtual:search-docs`: every topic's sections (search-options.ts), loaded on first search,
//    which indexes them in the browser: a serialised index of the sections costs as many bytes
//    again as their text (which the snippets need anyway) and takes longer to load than to build.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { collectTopics, type CollectedTopic } from './topics-collection.ts';
import { citedDocument } from '../src/content/cited-documents.ts';
import type { SearchDoc } from '../src/content/search-options.ts';
import type { TopicDetails, TopicSummary } from '../src/content/topic-types.ts';

const TOPICS_ID = 'virtual:topics';
const DETAILS_ID = 'virtual:topic-details';
const DESCRIPTIONS_ID = 'virtual:topic-descriptions';
const SEARCH_ID = 'virtual:search-docs';
const IDS = [TOPICS_ID, DETAILS_ID, DESCRIPTIONS_ID, SEARCH_ID];

export function summaryOf(t: CollectedTopic): TopicSummary {
  return { slug: t.slug, title: t.title, section: t.section };
}

export function detailsOf(t: CollectedTopic): TopicDetails {
  return { description: t.description, headings: t.headings, sources: t.sources.map((ref) => resolveSource(t, ref)), reviewed: t.reviewed };
}

/** A topic's source as the reader sees it; a source the guide cannot name stops the build. */
function resolveSource(t: CollectedTopic, ref: string) {
  const doc = citedDocument(ref);
  if (!doc) throw new Error(`${t.file}: no title or public address for the source "${ref}" (add it to src/content/cited-documents.ts)`);
  return doc;
}

/** The search index's documents: one per section of every topic (search-options.ts says why). */
export function searchDocsOf(topics: CollectedTopic[]): SearchDoc[] {
  return topics.flatMap((t) =>
    t.sections.map((s) => {
      const intro = s.anchor === '';
      return {
        id: `${t.slug}#${s.anchor}`,
        slug: t.slug,
        anchor: s.anchor,
        title: intro ? t.title : '',
        heading: s.heading,
        text: intro ? `${t.description} ${s.text}`.trim() : s.text,
      };
    }),
  );
}

export function topicsPlugin(contentDir: string): Plugin {
  const dir = resolve(contentDir);
  // Many virtual modules read the same collection: parse the content again only when it changed.
  let cache: { key: string; topics: CollectedTopic[] } | undefined;
  const topicsNow = () => {
    const key = readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => `${f}:${statSync(join(dir, f)).mtimeMs}`)
      .join('|');
    if (cache?.key !== key) cache = { key, topics: collectTopics(dir) };
    return cache.topics;
  };
  return {
    name: 'psremoting-topics',
    resolveId(id) {
      if (IDS.includes(id) || id.startsWith(`${DETAILS_ID}/`)) return `\0${id}`;
      return undefined;
    },
    load(id) {
      if (!id.startsWith('\0virtual:')) return undefined;
      const name = id.slice(1);
      if (!IDS.includes(name) && !name.startsWith(`${DETAILS_ID}/`)) return undefined;
      const topics = topicsNow();
      for (const t of topics) this.addWatchFile(t.file);
      if (name === TOPICS_ID) return `export const topics = ${JSON.stringify(topics.map(summaryOf))};`;
      if (name === DETAILS_ID) {
        const entries = topics.map((t) => `  ${JSON.stringify(t.slug)}: () => import(${JSON.stringify(`${DETAILS_ID}/${t.slug}`)}),`);
        return `export const detailLoaders = {\n${entries.join('\n')}\n};`;
      }
      if (name === DESCRIPTIONS_ID) return `export const descriptions = ${JSON.stringify(Object.fromEntries(topics.map((t) => [t.slug, t.description])))};`;
      if (name.startsWith(`${DETAILS_ID}/`)) {
        const topic = topics.find((t) => t.slug === name.slice(DETAILS_ID.length + 1));
        if (!topic) throw new Error(`no topic for ${name}`);
        return `export const details = ${JSON.stringify(detailsOf(topic))};`;
      }
      return `export const docs = ${JSON.stringify(searchDocsOf(topics))};`;
    },
    handleHotUpdate(ctx) {
      if (!ctx.file.startsWith(dir)) return;
      for (const mod of ctx.server.moduleGraph.idToModuleMap.values()) {
        if (mod.id?.startsWith('\0virtual:')) ctx.server.moduleGraph.invalidateModule(mod);
      }
    },
  };
}
