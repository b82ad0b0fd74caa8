// Build-time topic metadata and search index, so the browser ships neither a markdown parser
// nor an indexer: `virtual:topics` (frontmatter + headings) and `virtual:search-index`
// (a serialised MiniSearch index, loaded on first search).
import { resolve } from 'node:path';
import MiniSearch from 'minisearch';
import type { Plugin } from 'vite';
import { collectTopics } from './topics-collection.ts';
import { SEARCH_OPTIONS, type SearchDoc } from '../src/content/search-options.ts';

const TOPICS_ID = 'virtual:topics';
const SEARCH_ID = 'virtual:search-index';

export function topicsPlugin(contentDir: string): Plugin {
  const dir = resolve(contentDir);
  return {
    name: 'psremoting-topics',
    resolveId(id) {
      if (id === TOPICS_ID || id === SEARCH_ID) return `\0${id}`;
      return undefined;
    },
    load(id) {
      if (id !== `\0${TOPICS_ID}` && id !== `\0${SEARCH_ID}`) return undefined;
      const topics = collectTopics(dir);
      for (const t of topics) this.addWatchFile(t.file);
      if (id === `\0${TOPICS_ID}`) {
        const meta = topics.map(({ file: _file, text: _text, ...rest }) => rest);
        return `export const topics = ${JSON.stringify(meta)};`;
      }
      const index = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
      index.addAll(topics.map((t) => ({ id: t.slug, title: t.title, description: t.description, headings: t.headings.map((h) => h.text).join(' '), text: t.text })));
      return `export const serializedIndex = ${JSON.stringify(JSON.stringify(index))};`;
    },
    handleHotUpdate(ctx) {
      if (!ctx.file.startsWith(dir)) return;
      for (const id of [`\0${TOPICS_ID}`, `\0${SEARCH_ID}`]) {
        const mod = ctx.server.moduleGraph.getModuleById(id);
        if (mod) ctx.server.moduleGraph.invalidateModule(mod);
      }
    },
  };
}

