#!/usr/bin/env node
/**
 * Updates tests/powershell/known-failures.json from a vitest JSON report of simulation.test.ts:
 *   npx vitest run tests/powershell/simulation.test.ts --reporter=json --outputFile=sim-report.json
 *   node tests/powershell/update-known-failures.mjs sim-report.json
 * A known failure whose test.fails failed ("Expect test to fail") is fixed: it is removed. A test
 * that fails and is not listed is added with the first line of its message. Tests the report did
 * not run (SIM_FILTER) keep their entries.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const reportPath = process.argv[2];
if (!reportPath) {
  console.error('usage: node tests/powershell/update-known-failures.mjs <vitest JSON report>');
  process.exit(2);
}
const listPath = join(import.meta.dirname, 'known-failures.json');
const list = JSON.parse(readFileSync(listPath, 'utf8'));
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const file = report.testResults.find((t) => t.name.endsWith('simulation.test.ts'));
if (!file) throw new Error('the report has no results of simulation.test.ts');

let removed = 0;
let added = 0;
for (const a of file.assertionResults) {
  const key = `${a.ancestorTitles.at(-1)} > ${a.title}`;
  const message = (a.failureMessages[0] ?? '').split('\n')[0];
  if (key in list.failures) {
    if (a.status === 'failed' && message.includes('Expect test to fail')) {
      delete list.failures[key];
      removed++;
    }
  } else if (a.status === 'failed') {
    list.failures[key] = message;
    added++;
  }
}
list.failures = Object.fromEntries(Object.entries(list.failures).sort(([x], [y]) => x.localeCompare(y)));
writeFileSync(listPath, `${JSON.stringify(list, null, 1)}\n`);
console.log(`known failures: ${removed} removed (now pass), ${added} added, ${Object.keys(list.failures).length} listed`);
