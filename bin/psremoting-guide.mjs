#!/usr/bin/env node
// psremoting-guide: the guide's recommendation, audit and questions on the command line (see
// README.md, "Command line"). The commands live in src/cli/main.ts, over the same core as the web
// page; scripts/build-cli.mjs bundles them on first use and after any edit.
import { pathToFileURL } from 'node:url';
import { ensureCli } from '../scripts/build-cli.mjs';

try {
  const bundle = await ensureCli();
  const { main } = await import(pathToFileURL(bundle).href);
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`psremoting-guide: could not start (${e instanceof Error ? e.message : String(e)})\n`);
  process.exitCode = 3;
}
