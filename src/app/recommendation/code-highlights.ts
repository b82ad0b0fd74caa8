// Colours a script's text with the CSS Custom Highlight API: ranges over the one text node of the
// <code>, so a 600-line script stays one text node instead of thousands of <span>s (which made
// the page slow to render, to type in and to check for accessibility). Where the API is missing,
// the script stays plain text.
import type { Token } from './highlight.ts';

const HEX = /^#[0-9a-f]{3,8}$/i;

let sheet: CSSStyleSheet | undefined;
const styled = new Set<string>();

function supported(): boolean {
  return typeof Highlight === 'function' && typeof CSS !== 'undefined' && 'highlights' in CSS && 'adoptedStyleSheets' in document;
}

/** One highlight per (light, dark) colour pair; its name carries the colours, so its style never changes. */
function highlightName(token: Token): string | undefined {
  const light = token.light && HEX.test(token.light) ? token.light.toLowerCase() : undefined;
  const dark = token.dark && HEX.test(token.dark) ? token.dark.toLowerCase() : undefined;
  if (!light && !dark) return undefined;
  const name = `ps-${light?.slice(1) ?? 'none'}-${dark?.slice(1) ?? 'none'}`;
  if (!styled.has(name)) {
    styled.add(name);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }
    // The theme is an attribute on <html>, set before first paint (index.html).
    if (light) sheet.insertRule(`:root:not([data-theme='dark']) ::highlight(${name}) { color: ${light}; }`, sheet.cssRules.length);
    if (dark) sheet.insertRule(`[data-theme='dark'] ::highlight(${name}) { color: ${dark}; }`, sheet.cssRules.length);
  }
  return name;
}

/**
 * Paints `lines` (the tokens of `text`) over the element's text node; returns the function that
 * removes them, or undefined when nothing was painted (no API, or the text is not what was
 * tokenised: then it stays plain rather than coloured in the wrong places).
 */
export function paintTokens(element: HTMLElement, text: string, lines: Token[][]): (() => void) | undefined {
  if (!supported()) return undefined;
  const node = element.firstChild;
  if (!(node instanceof Text) || node.data !== text || element.childNodes.length !== 1) return undefined;
  if (lines.map((line) => line.map((t) => t.content).join('')).join('\n') !== text) return undefined;

  const painted: [Highlight, Range][] = [];
  let offset = 0;
  for (const line of lines) {
    for (const token of line) {
      const name = token.content.trim() ? highlightName(token) : undefined;
      if (name) {
        const range = new Range();
        range.setStart(node, offset);
        range.setEnd(node, offset + token.content.length);
        let highlight = CSS.highlights.get(name);
        if (!highlight) {
          highlight = new Highlight();
          CSS.highlights.set(name, highlight);
        }
        highlight.add(range);
        painted.push([highlight, range]);
      }
      offset += token.content.length;
    }
    offset += 1;
  }
  return () => {
    for (const [highlight, range] of painted) highlight.delete(range);
  };
}
