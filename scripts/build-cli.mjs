// The command line (bin/psremoting-guide.mjs) runs the TypeScript core, whose imports have no
// extensions: Node cannot load it as it is. This bundles src/cli/main.ts with Vite (the project's
// own build tool, an SSR build: node_modules packages stay external) into
// node_modules/.cache/psremoting-guide-cli/cli.mjs, and rebuilds it whenever one of the files it
// was built from (listed in manifest.json beside it) is newer than the bundle. The first run after
// a clone or an edit takes about a second longer; nothing generated is committed.
//
//   node scripts/build-cli.mjs          # build now (the bin does this itself when needed)
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'psremoting-guide-cli');
export const CLI_BUNDLE = join(cacheDir, 'cli.mjs');
const manifestFile = join(cacheDir, 'manifest.json');
const ENTRY = 'src/cli/main.ts';
/** Besides the bundled sources: a change to these also rebuilds. */
const ALSO = ['scripts/build-cli.mjs', 'package-lock.json'];

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** True when the bundle is missing or older than any file it was built from. */
export function isStale() {
  const built = mtime(CLI_BUNDLE);
  if (built === undefined) return true;
  let modules;
  try {
    modules = JSON.parse(readFileSync(manifestFile, 'utf8')).modules;
  } catch {
    return true;
  }
  if (!Array.isArray(modules)) return true;
  for (const file of [...modules, ...ALSO]) {
    const t = mtime(resolve(root, file));
    if (t === undefined || t > built) return true;
  }
  return false;
}

/** Builds the bundle (into a private folder, then moved into place: concurrent runs do not clash). */
export async function buildCli() {
  const { build } = await import('vite');
  const started = new Date();
  const tmp = join(cacheDir, `tmp-${process.pid}-${started.getTime()}`);
  try {
    const result = await build({
      configFile: false,
      root,
      logLevel: 'error',
      publicDir: false,
      build: {
        ssr: ENTRY,
        outDir: tmp,
        emptyOutDir: true,
        minify: false,
        target: 'node22',
        copyPublicDir: false,
        rollupOptions: { output: { format: 'es', entryFileNames: 'cli.mjs', codeSplitting: false } },
      },
    });
    const outputs = Array.isArray(result) ? result : [result];
    const chunk = outputs.flatMap((o) => o.output ?? []).find((c) => c.type === 'chunk' && c.isEntry);
    const modules = (chunk?.moduleIds ?? [])
      .filter((id) => id.startsWith(root) && !id.includes('node_modules') && !id.includes('\0'))
      .map((id) => relative(root, id.split('?')[0]));
    writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify({ entry: ENTRY, modules }, null, 2)}\n`);
    // Dated when the build started: a file edited while it ran is newer, so the next run rebuilds.
    utimesSync(join(tmp, 'cli.mjs'), started, started);
    renameSync(join(tmp, 'cli.mjs'), CLI_BUNDLE);
    renameSync(join(tmp, 'manifest.json'), manifestFile);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The bundle's path, built first when it is missing or stale. */
export async function ensureCli() {
  if (isStale()) {
    mkdirSync(cacheDir, { recursive: true });
    await buildCli();
  }
  return CLI_BUNDLE;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  mkdirSync(cacheDir, { recursive: true });
  await buildCli();
  console.log(`Built ${relative(root, CLI_BUNDLE)}`);
}
