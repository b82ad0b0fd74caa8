// Builds the site as a static host serves it: the client bundle, then (from a server build of
// src/entry-server.tsx) every static page prerendered into its own HTML file, robots.txt and
// sitemap.xml, then sw.js (offline support; see service-worker.ts), which caches all of it.
// `vite preview` answers like the static host: a page's file for its address, 404.html (status 404)
// for anything else.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, Rolldown } from 'vite';
import { prerender } from './prerender.ts';
import { serviceWorkerSource } from './service-worker.ts';
import { collectTopics } from './topics-collection.ts';

export function deployFilesPlugin(contentDir: string): Plugin {
  return {
    name: 'psremoting-deploy-files',
    buildApp: {
      order: 'pre',
      async handler(builder) {
        const { client, ssr } = builder.environments;
        if (!client || !ssr) throw new Error('the build needs the client and ssr environments');
        const outputs = await builder.build(client);
        await builder.build(ssr);
        const chunks = (Array.isArray(outputs) ? outputs : [outputs])
          .flatMap((o) => ('output' in o ? o.output : []))
          .filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
        const root = builder.config.root;
        const outDir = resolve(root, client.config.build.outDir);
        const serverDir = resolve(root, ssr.config.build.outDir);
        const reviewed = new Map(collectTopics(resolve(root, contentDir)).map((t) => [t.slug, t.reviewed]));
        const pages = await prerender({ root, outDir, serverEntry: join(serverDir, 'entry-server.js'), chunks, reviewed });
        writeBundleReport(outDir, chunks);
        writeServiceWorker(outDir, pages);
        builder.config.logger.info(`prerendered ${pages.length} pages, wrote robots.txt, sitemap.xml and sw.js`);
      },
    },
    configurePreviewServer(server) {
      const outDir = resolve(server.config.root, server.config.build.outDir);
      const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        let pathname: string;
        try {
          pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://preview.invalid').pathname);
        } catch {
          return next();
        }
        const file = join(outDir, pathname);
        if (!file.startsWith(outDir)) return next();
        const trimmed = file.replace(/[\\/]+$/, '');
        if (pathname.length > 1 && pathname.endsWith('/') && isFile(`${trimmed}.html`)) {
          // /topics/ is /topics, as static hosts with "pretty URLs" answer.
          res.statusCode = 301;
          res.setHeader('Location', pathname.replace(/\/+$/, '') + (req.url?.match(/\?.*$/)?.[0] ?? ''));
          return res.end();
        }
        if (isFile(file) || isFile(`${trimmed}.html`) || isFile(join(file, 'index.html'))) return next();
        res.statusCode = 404;
        if ((req.headers.accept ?? '').includes('text/html') && isFile(join(outDir, '404.html'))) {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(req.method === 'HEAD' ? undefined : readFileSync(join(outDir, '404.html')));
        } else {
          res.end();
        }
      });
    },
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * dist/.vite/bundle-report.json: each JavaScript file with the modules in it and what it imports,
 * so tests can check what a page loads (e2e/js-budget.spec.ts). Not deployed content.
 */
function writeBundleReport(outDir: string, chunks: Rolldown.OutputChunk[]) {
  const report = chunks.map((c) => ({
    file: c.fileName,
    isEntry: c.isEntry,
    facadeModuleId: c.facadeModuleId,
    imports: c.imports,
    dynamicImports: c.dynamicImports,
    modules: c.moduleIds,
  }));
  mkdirSync(join(outDir, '.vite'), { recursive: true });
  writeFileSync(join(outDir, '.vite', 'bundle-report.json'), `${JSON.stringify(report, null, 1)}\n`);
}

/** Writes sw.js with every built file, under a cache name that changes whenever any file does. */
function writeServiceWorker(outDir: string, pages: string[]) {
  const files = listFiles(outDir)
    .map((f) => relative(outDir, f).split(sep).join('/'))
    .filter((f) => f !== 'sw.js' && f !== '_redirects' && !f.startsWith('.vite/'))
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(outDir, f)));
  const cacheName = `psremoting-guide-${hash.digest('hex').slice(0, 12)}`;
  writeFileSync(join(outDir, 'sw.js'), serviceWorkerSource(cacheName, files.map((f) => `/${f}`), pages.map((p) => `/${p}`)));
}
