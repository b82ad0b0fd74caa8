// Tokenises generated scripts for colouring, off the page's main thread: the highlighter (shiki's
// core with the JavaScript regex engine, no WASM), PowerShell's grammar (YAML's only when an
// Ansible file is asked for) and the same two themes the build uses for topic pages. The page gets
// colour runs (start, end, colour) over the script's text, not tokens (highlight.ts).
import type { GrammarState, HighlighterCore } from 'shiki/core';
import type { HighlightLanguage, HighlightRequest, HighlightResponse, RunColour } from './highlight.ts';

let highlighter: Promise<HighlighterCore> | undefined;
let yamlLoaded: Promise<void> | undefined;

function load(): Promise<HighlighterCore> {
  highlighter ??= Promise.all([
    import('shiki/core'),
    import('shiki/engine/javascript'),
    import('@shikijs/langs/powershell'),
    import('@shikijs/themes/github-light-default'),
    import('@shikijs/themes/github-dark-default'),
  ]).then(([core, js, powershell, light, dark]) =>
    core.createHighlighterCore({
      themes: [light.default, dark.default],
      langs: [powershell.default],
      engine: js.createJavaScriptRegexEngine({ target: 'auto' }),
    }),
  );
  return highlighter;
}

async function loadFor(lang: HighlightLanguage): Promise<HighlighterCore> {
  const h = await load();
  if (lang === 'yaml') {
    yamlLoaded ??= import('@shikijs/langs/yaml').then((yaml) => h.loadLanguage(yaml.default));
    await yamlLoaded;
  }
  return h;
}

// Matches the build-time colour fix for topic pages (contrast on the code background).
const LIGHT_REPLACEMENTS: Record<string, string> = { '#6e7781': '#57606a' };

/** Lines per piece: between pieces the worker reads its messages, so a cancelled script stops. */
const LINES_PER_PIECE = 40;

const cancelled = new Set<number>();
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The colour runs of `code`, or undefined when request `id` was cancelled on the way. */
async function colourRuns(
  id: number,
  code: string,
  lang: HighlightLanguage,
): Promise<{ colours: RunColour[]; runs: Uint32Array } | undefined> {
  const h = await loadFor(lang);
  const lines = code.split('\n');
  const colours: RunColour[] = [];
  const colourIndex = new Map<string, number>();
  const runs: number[] = [];
  let grammarState: GrammarState | undefined;
  let offset = 0;
  for (let i = 0; i < lines.length; i += LINES_PER_PIECE) {
    if (i > 0) await nextTurn();
    if (cancelled.has(id)) return undefined;
    const piece = h.codeToTokens(lines.slice(i, i + LINES_PER_PIECE).join('\n'), {
      lang,
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      grammarState,
    });
    grammarState = piece.grammarState;
    for (const line of piece.tokens) {
      for (const t of line) {
        const start = offset;
        offset += t.content.length;
        if (!t.content.trim()) continue;
        const rawLight = t.htmlStyle?.['--shiki-light'];
        const light = rawLight ? (LIGHT_REPLACEMENTS[rawLight.toLowerCase()] ?? rawLight) : undefined;
        const dark = t.htmlStyle?.['--shiki-dark'];
        if (!light && !dark) continue;
        const key = `${light ?? ''} ${dark ?? ''}`;
        let index = colourIndex.get(key);
        if (index === undefined) {
          index = colours.push({ light, dark }) - 1;
          colourIndex.set(key, index);
        }
        runs.push(start, offset, index);
      }
      offset += 1; // the line break
    }
  }
  // The tokens must cover the text exactly; otherwise the script stays plain.
  if (offset !== code.length + 1) return { colours: [], runs: new Uint32Array(0) };
  return { colours, runs: Uint32Array.from(runs) };
}

self.onmessage = (event: MessageEvent<HighlightRequest>) => {
  const request = event.data;
  if ('cancel' in request) {
    cancelled.add(request.cancel);
    return;
  }
  const { id, code, lang } = request;
  colourRuns(id, code, lang).then(
    (result) => {
      cancelled.delete(id);
      const response: HighlightResponse = result ? { id, ...result } : { id, cancelled: true };
      if (result) self.postMessage(response, { transfer: [result.runs.buffer] });
      else self.postMessage(response);
    },
    (error: unknown) => {
      cancelled.delete(id);
      self.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies HighlightResponse);
    },
  );
};
