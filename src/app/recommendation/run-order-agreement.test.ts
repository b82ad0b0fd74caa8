/**
 * The run-order list, the order of the script tabs and each script's closing "Next:" line agree,
 * on every complete answer set (read from the scripts' text, not from the code that writes it).
 */
import { describe, expect, test } from 'vitest';
import type { ScriptsRecommendation } from '../../core/model.ts';
import { recommendScripts } from '../../core/recommend.ts';
import { allCompleteAnswers, answersKey } from '../../core/testing/answers.ts';
import { isFleetTab, scriptTabs } from './script-tabs.ts';

const RECOMMENDATIONS = allCompleteAnswers().map((a) => ({ key: answersKey(a), rec: recommendScripts(a) }));

type RunScript = ScriptsRecommendation['runOrder'][number]['script'];
const FILE_TO_SCRIPT: Record<string, RunScript> = { 'target.ps1': 'target', 'client.ps1': 'client', 'resource.ps1': 'resource' };

/** What a script's closing lines point to: the script file each "Next:" names, or "last". */
function closingTargets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*Write-Host \('([^']*)'/gm)) {
    const line = m[1] ?? '';
    if (line.includes('This was the last script of the run order')) out.push('last');
    const next = /Next: [^']*?run the [a-z ]+ script \(([a-z]+\.ps1)\)/.exec(line);
    if (next?.[1]) out.push(FILE_TO_SCRIPT[next[1]] ?? `unknown ${next[1]}`);
  }
  return out.sort();
}

/** What the run order says follows each occurrence of `script`. */
function expectedTargets(rec: ScriptsRecommendation, script: RunScript): string[] {
  return rec.runOrder
    .flatMap((step, i) => (step.script === script ? [rec.runOrder[i + 1]?.script ?? 'last'] : []))
    .sort();
}

describe('run order, script tabs and Next: lines agree', () => {
  test('the single-server tabs come in run order (first run of each script), then the rollback', () => {
    for (const { key, rec } of RECOMMENDATIONS) {
      const tabs = scriptTabs(rec).filter((t) => !isFleetTab(t)).map((t) => t.name);
      const firstRuns = [...new Set(rec.runOrder.map((s) => s.script))];
      expect(tabs, key).toEqual([...firstRuns, 'rollback']);
    }
  });

  test('each script names the script that follows it in the run order, and the last says it is the last', () => {
    for (const { key, rec } of RECOMMENDATIONS) {
      for (const script of ['target', 'client', 'resource'] as const) {
        const text = rec.scripts[script];
        if (text === undefined) {
          expect(rec.runOrder.some((s) => s.script === script), `${key}: ${script} runs but has no script`).toBe(false);
          continue;
        }
        expect(closingTargets(text), `${key}: ${script}`).toEqual(expectedTargets(rec, script));
      }
    }
  });

  test('the rollback script has no Next: line (it is not part of the run order)', () => {
    for (const { key, rec } of RECOMMENDATIONS) expect(closingTargets(rec.scripts.rollback), key).toEqual([]);
  });
});
