// Generated scripts change as the user types host names, so they are highlighted in the browser.
// Only this page loads the highlighter: shiki's core with the JavaScript regex engine (no WASM),
// one language and the same two themes the build uses for topic pages.
import type { HighlighterCore, ThemedToken } from 'shiki/core';

let highlighter: Promise<HighlighterCore> | undefined;

function load(): Promise<HighlighterCore> {
  highlighter ??= Promise.all([import('shiki/core'), import('shiki/engine/javascript')]).then(([core, js]) =>
    core.createHighlighterCore({
      themes: [import('@shikijs/themes/github-light-default'), import('@shikijs/themes/github-dark-default')],
      langs: [import('@shikijs/langs/powershell')],
      engine: js.createJavaScriptRegexEngine(),
    }),
  );
  return highlighter;
}

export interface Token {
  content: string;
  light?: string;
  dark?: string;
}

// Matches the build-time colour fix for topic pages (contrast on the code background).
const LIGHT_REPLACEMENTS: Record<string, string> = { '#6e7781': '#57606a' };

export async function highlightPowerShell(code: string): Promise<Token[][]> {
  const h = await load();
  const { tokens } = h.codeToTokens(code, {
    lang: 'powershell',
    themes: { light: 'github-light-default', dark: 'github-dark-default' },
    defaultColor: false,
  });
  return tokens.map((line: ThemedToken[]) =>
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
