// Writes the prerendered pages into the client build: each static route's HTML (the full content,
// readable without JavaScript, then hydrated by src/main.tsx), robots.txt and sitemap.xml.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rolldown } from 'vite';
import type { RenderedPage } from '../src/entry-server.tsx';
import { SITE_URL } from '../src/app/site.ts';
import type { TopicSummary } from '../src/content/topic-types.ts';

interface ServerEntry {
  render: (url: string) => Promise<RenderedPage>;
  topics: TopicSummary[];
  prerenderedKeys: (slugs: readonly string[]) => string[];
  fileForKey: (key: string) => string;
  NOT_FOUND_KEY: string;
  SHELL_KEYS: readonly string[];
}

export interface PrerenderOptions {
  root: string;
  outDir: string;
  /** The built server entry (src/entry-server.tsx). */
  serverEntry: string;
  /** The client build's chunks, to preload each page's own code. */
  chunks: Rolldown.OutputChunk[];
  /** Review dates for the sitemap, by topic slug. */
  reviewed: Map<string, string>;
}

/** The code a prerendered page runs before it hydrates, beyond the entry (see src/app/router.tsx). */
function pageModules(key: string, root: string): string[] {
  if (key === '/') return [resolve(root, 'src/app/pages/HomePage.tsx')];
  if (key === '/topics') return [resolve(root, 'src/app/pages/TopicsIndexPage.tsx')];
  if (key === '/guide') return [resolve(root, 'src/app/guide/GuidePage.tsx')];
  if (key === '/audit') return [resolve(root, 'src/app/audit/AuditPage.tsx')];
  if (key === '/recommendation') return [resolve(root, 'src/app/recommendation/RecommendationPage.tsx')];
  const topic = /^\/topics\/([^/]+)$/.exec(key);
  return topic ? [`\0virtual:topic-details/${topic[1]}`] : [];
}

function modulePreloads(modules: string[], chunks: Rolldown.OutputChunk[], template: string): string {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const files = new Set<string>();
  const add = (chunk: Rolldown.OutputChunk | undefined) => {
    if (!chunk || files.has(chunk.fileName)) return;
    files.add(chunk.fileName);
    for (const imported of chunk.imports) add(byFile.get(imported));
  };
  for (const id of modules) {
    const chunk = chunks.find((c) => c.facadeModuleId === id);
    if (!chunk) throw new Error(`prerender: no chunk for ${id}`);
    add(chunk);
  }
  return [...files]
    .filter((f) => !template.includes(`/${f}"`))
    .map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`)
    .join('');
}

export async function prerender({ root, outDir, serverEntry, chunks, reviewed }: PrerenderOptions): Promise<string[]> {
  const template = readFileSync(join(outDir, 'index.html'), 'utf8');
  if (!template.includes('<div id="root"></div>')) throw new Error('prerender: index.html has no empty #root');
  const server = (await import(/* @vite-ignore */ `${pathToFileURL(serverEntry).href}?t=${Date.now()}`)) as ServerEntry;
  const keys = server.prerenderedKeys(server.topics.map((t) => t.slug));
  const written: string[] = [];
  for (const key of keys) {
    const { head, body } = await server.render(key);
    if (!body.includes('<h1')) throw new Error(`prerender: ${key} rendered no heading`);
    // Content React left for a script to reveal (a suspended or outlined boundary) is unreadable without JavaScript.
    if (/<template id="B:|<div hidden id="S:/.test(body)) throw new Error(`prerender: ${key} has content revealed only by a script`);
    // Replacer functions, not strings: in a replacement string `$&` and `$'` are patterns, and
    // page text holds them (PowerShell's `$'...'`, escaped as `$&#x27;`).
    const html = template
      .replace('</head>', () => `${head}${modulePreloads(pageModules(key, root), chunks, template)}</head>`)
      .replace('<div id="root"></div>', () => `<div id="root" data-page="${key}">${body}</div>`);
    const file = server.fileForKey(key);
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), html);
    written.push(file);
  }

  // Search engines get every page with content of its own (not the 404 page, not the shell).
  const indexed = keys.filter((k) => k !== server.NOT_FOUND_KEY && !server.SHELL_KEYS.includes(k));
  const urls = indexed.map((k) => {
    const lastmod = reviewed.get(k.replace(/^\/topics\//, ''));
    return `  <url><loc>${SITE_URL}${k === '/' ? '/' : k}</loc>${lastmod && k.startsWith('/topics/') ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
  });
  writeFileSync(
    join(outDir, 'sitemap.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
  );
  writeFileSync(join(outDir, 'robots.txt'), `User-agent: *\nAllow: /\n\nSitemap: ${SITE_URL}/sitemap.xml\n`);
  return written;
}
