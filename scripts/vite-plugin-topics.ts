// Build-time topic metadata and search index, so the browser ships neither a markdown parser
// nor an indexer: `virtual:topics` (frontmatter + headings) and `virtual:search-index`
// (a serialised MiniSearch index, loaded on first search).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import MiniSearch from 'minisearch';
import type { Plugin } from 'vite';
import { serviceWorkerSource } from './service-worker.ts';
import { collectTopics } from './topics-collection.ts';
import { SEARCH_OPTIONS, type SearchDoc } from '../src/content/search-options.ts';

const TOPICS_ID = 'virtual:topics';
const SEARCH_ID = 'virtual:search-index';

export function topicsPlugin(contentDir: string): Plugin {
  const dir = resolve(contentDir);
  let outDir = 'dist';
  return {
    name: 'psremoting-topics',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
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
    closeBundle() {
      const index = join(outDir, 'index.html');
      if (!existsSync(index)) return;
      // Static hosts that serve 404.html for unknown paths then hand the path to the app.
      copyFileSync(index, join(outDir, '404.html'));
      writeServiceWorker(outDir);
    },
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Writes sw.js with every built file, under a cache name that changes whenever any file does. */
function writeServiceWorker(outDir: string) {
  const files = listFiles(outDir)
    .map((f) => relative(outDir, f).split(sep).join('/'))
    .filter((f) => f !== 'sw.js' && f !== '404.html' && f !== '_redirects')
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(outDir, f)));
  const cacheName = `psremoting-guide-${hash.digest('hex').slice(0, 12)}`;
  writeFileSync(join(outDir, 'sw.js'), serviceWorkerSource(cacheName, files.map((f) => `/${f}`)));
}
