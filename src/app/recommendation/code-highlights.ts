// Colours a script's text with the CSS Custom Highlight API: ranges over the one text node of the
// <code>, so a 600-line script stays one text node instead of thousands of <span>s (which made
// the page slow to render, to type in and to check for accessibility). Where the API is missing,
// the script stays plain text.
import type { Colouring, RunColour } from './highlight.ts';

const HEX = /^#[0-9a-f]{3,8}$/i;

let sheet: CSSStyleSheet | undefined;
/** The colour rules so far: one per highlight and theme, added to the sheet in one update per paint. */
const rules: string[] = [];
const styled = new Set<string>();

function supported(): boolean {
  return typeof Highlight === 'function' && typeof CSS !== 'undefined' && 'highlights' in CSS && 'adoptedStyleSheets' in document;
}

/**
 * One highlight per (light, dark) colour pair; its name carries the colours, so its style never
 * changes. Its rules match the code element only (class `script-text`): a new rule then makes the
 * browser restyle that element, not the whole page (a rule ending in a bare `::highlight()`
 * matches every element).
 */
function highlightName(colour: RunColour): string | undefined {
  const light = colour.light && HEX.test(colour.light) ? colour.light.toLowerCase() : undefined;
  const dark = colour.dark && HEX.test(colour.dark) ? colour.dark.toLowerCase() : undefined;
  if (!light && !dark) return undefined;
  const name = `ps-${light?.slice(1) ?? 'none'}-${dark?.slice(1) ?? 'none'}`;
  if (!styled.has(name)) {
    styled.add(name);
    // The theme is an attribute on <html>, set before first paint (index.html).
    if (light) rules.push(`:root:not([data-theme='dark']) .script-text::highlight(${name}) { color: ${light}; }`);
    if (dark) rules.push(`[data-theme='dark'] .script-text::highlight(${name}) { color: ${dark}; }`);
  }
  return name;
}

/** Puts the rules added since the last call into the page's sheet, in one update. */
function commitRules(): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  if (sheet.cssRules.length !== rules.length) sheet.replaceSync(rules.join('\n'));
}

/**
 * Paints `colouring` (the colour runs of `text`) over the element's text node (a
 * `code.script-text`); returns the function that removes them, or undefined when nothing was
 * painted (no API, or the text is not what was tokenised: then it stays plain rather than
 * coloured in the wrong places).
 */
export function paintTokens(element: HTMLElement, text: string, { colours, runs }: Colouring): (() => void) | undefined {
  if (!supported()) return undefined;
  const node = element.firstChild;
  if (!(node instanceof Text) || node.data !== text || element.childNodes.length !== 1) return undefined;
  if (runs.length % 3 !== 0 || (runs.length > 0 && runs[runs.length - 2]! > text.length)) return undefined;

  const highlights = colours.map((colour) => {
    const name = highlightName(colour);
    if (!name) return undefined;
    let highlight = CSS.highlights.get(name);
    if (!highlight) {
      highlight = new Highlight();
      CSS.highlights.set(name, highlight);
    }
    return highlight;
  });
  const painted: [Highlight, Range][] = [];
  for (let i = 0; i < runs.length; i += 3) {
    const highlight = highlights[runs[i + 2]!];
    if (!highlight) continue;
    const range = new Range();
    range.setStart(node, runs[i]!);
    range.setEnd(node, runs[i + 1]!);
    highlight.add(range);
    painted.push([highlight, range]);
  }
  commitRules();
  return () => {
    for (const [highlight, range] of painted) highlight.delete(range);
  };
}
