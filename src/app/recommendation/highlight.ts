// Generated scripts change as the user types host names, so they are coloured in the browser: by
// a worker (highlight.worker.ts), so tokenising never blocks the page. Only this page starts it.
// Where no worker can run, the script stays plain text.

export type HighlightLanguage = 'powershell' | 'yaml';

/** The colours of a run: light and dark theme (either may be missing). */
export interface RunColour {
  light?: string | undefined;
  dark?: string | undefined;
}

/** A script's colouring: `runs` holds (start, end, colour index) triples over its text. */
export interface Colouring {
  colours: RunColour[];
  runs: Uint32Array;
}

export type HighlightRequest = { id: number; code: string; lang: HighlightLanguage } | { cancel: number };
export type HighlightResponse = ({ id: number } & Colouring) | { id: number; cancelled: true } | { id: number; error: string };

let worker: Worker | undefined;
let failed = false;
let nextId = 0;
const waiting = new Map<number, (result: Colouring | undefined) => void>();

function startWorker(): Worker | undefined {
  if (worker || failed) return worker;
  if (typeof Worker === 'undefined') {
    failed = true;
    return undefined;
  }
  try {
    worker = new Worker(new URL('./highlight.worker.ts', import.meta.url), { type: 'module', name: 'highlight' });
  } catch {
    failed = true;
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<HighlightResponse>) => {
    const data = event.data;
    const resolve = waiting.get(data.id);
    waiting.delete(data.id);
    resolve?.('runs' in data ? { colours: data.colours, runs: data.runs } : undefined);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failed = true;
    worker?.terminate();
    worker = undefined;
    const pending = [...waiting.values()];
    waiting.clear();
    for (const resolve of pending) resolve(undefined);
  };
  return worker;
}

/**
 * The colouring of `code`, from the worker; undefined when there is none (no worker, an error) or
 * once `signal` is aborted (the script changed while it was being tokenised: the worker stops).
 */
export function highlightCode(code: string, lang: HighlightLanguage, signal?: AbortSignal): Promise<Colouring | undefined> {
  const w = startWorker();
  if (!w || signal?.aborted) return Promise.resolve(undefined);
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    signal?.addEventListener(
      'abort',
      () => {
        if (!waiting.delete(id)) return;
        w.postMessage({ cancel: id } satisfies HighlightRequest);
        resolve(undefined);
      },
      { once: true },
    );
    w.postMessage({ id, code, lang } satisfies HighlightRequest);
  });
}
