// Files the static host needs beside the bundle: 404.html (hosts that serve it for unknown paths
// then hand the path to the app) and sw.js (offline support; see service-worker.ts).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { serviceWorkerSource } from './service-worker.ts';

export function deployFilesPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'psremoting-deploy-files',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const index = join(outDir, 'index.html');
      if (!existsSync(index)) return;
      copyFileSync(index, join(outDir, '404.html'));
      writeServiceWorker(outDir);
    },
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
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
