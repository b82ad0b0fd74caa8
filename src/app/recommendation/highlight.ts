// Generated scripts change as the user types host names, so they are highlighted in the browser.
// Only this page loads the highlighter: shiki's core with the JavaScript regex engine (no WASM),
// PowerShell (YAML loaded only when an Ansible file is shown) and the same two themes the build
// uses for topic pages.
import type { GrammarState, HighlighterCore, ThemedToken } from 'shiki/core';

export type HighlightLanguage = 'powershell' | 'yaml';

let highlighter: Promise<HighlighterCore> | undefined;
let yamlLoaded: Promise<void> | undefined;

/** The engine's regular expressions, by pattern: filled a few at a time by `precompile`. */
const regexCache = new Map<string, RegExp | Error>();
/** The engine's constructor (set by `load`), so a precompiled expression is the one it would make. */
let toRegExp: ((pattern: string) => RegExp) | undefined;

function load(): Promise<HighlighterCore> {
  // Everything is requested at once; the themes wait while the grammar's patterns are compiled.
  highlighter ??= Promise.all([
    import('shiki/core'),
    import('shiki/engine/javascript'),
    import('@shikijs/langs/powershell'),
    import('@shikijs/themes/github-light-default'),
    import('@shikijs/themes/github-dark-default'),
  ]).then(async ([core, js, powershell, light, dark]) => {
    toRegExp = (pattern) => js.defaultJavaScriptRegexConstructor(pattern, { target: 'auto' });
    await precompile(powershell.default);
    return core.createHighlighterCore({
      themes: [light.default, dark.default],
      langs: [powershell.default],
      engine: js.createJavaScriptRegexEngine({ cache: regexCache, regexConstructor: toRegExp }),
    });
  });
  return highlighter;
}

async function loadFor(lang: HighlightLanguage): Promise<HighlighterCore> {
  const h = await load();
  if (lang === 'yaml') {
    yamlLoaded ??= import('@shikijs/langs/yaml').then(async (yaml) => {
      await precompile(yaml.default);
      await h.loadLanguage(yaml.default);
    });
    await yamlLoaded;
  }
  return h;
}

/** Every regular expression source in a TextMate grammar (match, begin, end, while). */
function grammarPatterns(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) grammarPatterns(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && (key === 'match' || key === 'begin' || key === 'end' || key === 'while')) out.add(value);
      else grammarPatterns(value, out);
    }
  }
  return out;
}

/**
 * Turns the grammar's Oniguruma patterns into JavaScript regular expressions (and runs each
 * once, so the browser compiles it) ahead of tokenising, yielding every SLICE_MS. Left to the
 * first tokenising call, PowerShell's 90 patterns make one long task that blocks the page.
 * The engine then finds them in its cache (it would store the same objects: same constructor).
 */
async function precompile(grammar: unknown): Promise<void> {
  if (!toRegExp) return;
  let sliceStart = performance.now();
  for (const pattern of grammarPatterns(grammar)) {
    if (regexCache.has(pattern)) continue;
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToMain();
      sliceStart = performance.now();
    }
    try {
      const regex = toRegExp(pattern);
      regex.exec('a');
      regex.lastIndex = 0;
      regexCache.set(pattern, regex);
    } catch (error) {
      regexCache.set(pattern, error as Error);
    }
  }
}

export interface Token {
  content: string;
  light?: string;
  dark?: string;
}

// Matches the build-time colour fix for topic pages (contrast on the code background).
const LIGHT_REPLACEMENTS: Record<string, string> = { '#6e7781': '#57606a' };

/** Tokenising stops for the page after this long, so it never blocks input (a long task is 50 ms). */
const SLICE_MS = 8;
/** Lines tokenised per call: small, so a slice ends close to SLICE_MS even on a slow phone. */
const LINES_PER_CALL = 4;

/** Gives the main thread back to the browser (input, rendering) before tokenising goes on. */
function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The tokens of `code`, line by line. A script has hundreds of lines: tokenised in one go it
 * would block the page for a long task; here it goes a few lines at a time (carrying the
 * grammar's state from one piece to the next) and yields every SLICE_MS. Stops, returning
 * undefined, once `signal` is aborted (the script changed while it was being tokenised).
 */
export async function highlightCode(code: string, lang: HighlightLanguage, signal?: AbortSignal): Promise<Token[][] | undefined> {
  const h = await loadFor(lang);
  const lines = code.split('\n');
  const tokens: ThemedToken[][] = [];
  let grammarState: GrammarState | undefined;
  let sliceStart = performance.now();
  for (let i = 0; i < lines.length; i += LINES_PER_CALL) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToMain();
      sliceStart = performance.now();
    }
    if (signal?.aborted) return undefined;
    const piece = h.codeToTokens(lines.slice(i, i + LINES_PER_CALL).join('\n'), {
      lang,
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      grammarState,
    });
    tokens.push(...piece.tokens);
    grammarState = piece.grammarState;
  }
  return tokens.map((line) =>
    line.map((t) => {
      const light = t.htmlStyle?.['--shiki-light'];
      return {
        content: t.content,
        light: light ? (LIGHT_REPLACEMENTS[light.toLowerCase()] ?? light) : undefined,
        dark: t.htmlStyle?.['--shiki-dark'],
      };
    }),
  );
}
