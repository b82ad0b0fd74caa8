import { useEffect, useState } from 'react';
import type { RunStep } from '../../core/model.ts';
import type { ScriptTab } from './script-tabs.ts';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/**
 * SHA-256 of each script as downloaded (UTF-8), what Get-FileHash prints; none where the browser
 * offers no Web Crypto (a page served over plain HTTP from another computer).
 */
function useHashes(codes: string[]): (string | undefined)[] {
  const key = codes.join('\u0000');
  const [result, setResult] = useState<{ key: string; hashes: string[] } | undefined>();
  useEffect(() => {
    if (typeof crypto === 'undefined' || !crypto.subtle) return;
    let cancelled = false;
    void Promise.all(key.split('\u0000').map(sha256Hex)).then((hashes) => {
      if (!cancelled) setResult({ key, hashes });
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return result?.key === key ? result.hashes : codes.map(() => undefined);
}

const RUN_INTRO = 'Run in the step order, elevated. Attach the downloaded files and check each with Get-FileHash (SHA-256) before running it.';

export const lineCount = (code: string) => code.split('\n').length - (code.endsWith('\n') ? 1 : 0);

/** The steps a script is run at ("1, 3") and what it does there; the rollback is run only to undo. */
function usage(tab: ScriptTab, runOrder: RunStep[]): { steps: string; what: string } {
  const steps = runOrder.flatMap((s, i) => (s.script === tab.name ? [{ n: i + 1, purpose: s.purpose }] : []));
  if (steps.length > 0) return { steps: steps.map((s) => s.n).join(', '), what: `on ${tab.where}: ${steps.map((s) => s.purpose).join('; ')}` };
  if (tab.name === 'rollback') return { steps: '', what: `to undo, on ${tab.where}` };
  if (tab.name === 'gpo-rollback') return { steps: '', what: `on ${tab.where}` };
  return { steps: '', what: `for many servers, instead of running the scripts one by one: on ${tab.where}` };
}

/**
 * For the printed change request, instead of hundreds of lines of code: each file to attach, when
 * and where it runs, its size and its hash.
 */
export function ScriptFiles({ tabs, runOrder, intro = RUN_INTRO }: { tabs: ScriptTab[]; runOrder: RunStep[]; intro?: string }) {
  const hashes = useHashes(tabs.map((t) => t.code));
  if (tabs.length === 0) return null;
  return (
    <div className="print-only script-files">
      <p>{intro}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">File</th>
            <th scope="col">Where and what</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {tabs.map((tab, i) => {
            const { steps, what } = usage(tab, runOrder);
            return (
              <tr key={tab.name}>
                <td>{steps || '-'}</td>
                <td>
                  <strong>{tab.file}</strong> ({lineCount(tab.code)} lines)
                </td>
                <td>{what}</td>
                <td>
                  <code>{hashes[i] ?? 'not computed by this browser'}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
