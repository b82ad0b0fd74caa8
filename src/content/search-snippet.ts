/** A run of a snippet's text; `mark` when it is a matched term (shown in <mark>). */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Occurrences of any term as a whole word (the longest term first, so a joined id wins over its parts). */
function termPattern(terms: string[]): RegExp | undefined {
  const alternatives = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length).map(escapeRegExp);
  if (alternatives.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Where the window starts: a little before the first match, at a word's start. */
function windowStart(text: string, firstMatch: number, lead: number): number {
  if (firstMatch <= lead) return 0;
  const space = text.indexOf(' ', firstMatch - lead);
  return space === -1 || space >= firstMatch ? firstMatch : space + 1;
}

/** Where the window ends: about `width` after its start, at a word's end, never cutting the first match. */
function windowEnd(text: string, start: number, width: number, mustReach: number): number {
  if (start + width >= text.length) return text.length;
  const space = text.lastIndexOf(' ', start + width);
  return space > mustReach ? space : Math.max(mustReach, start + width);
}

/**
 * The part of a section's text around its first match, about `width` characters, with every
 * matched term marked. Plain text in, plain text out: the caller renders the parts as text nodes
 * and <mark> elements, so nothing in the text or the query can become markup.
 */
export function snippet(text: string, terms: string[], width = 180): SnippetPart[] {
  const pattern = termPattern(terms);
  const matches = pattern ? [...text.matchAll(pattern)] : [];
  const first = matches[0];
  const start = first ? windowStart(text, first.index, Math.floor(width / 3)) : 0;
  const end = windowEnd(text, start, width, first ? first.index + first[0].length : 0);
  const parts: SnippetPart[] = [];
  const push = (s: string, mark: boolean) => s && parts.push({ text: s, mark });
  if (start > 0) push('…', false);
  let at = start;
  for (const m of matches) {
    const mEnd = m.index + m[0].length;
    if (m.index < start || mEnd > end) continue;
    push(text.slice(at, m.index), false);
    push(m[0], true);
    at = mEnd;
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  return parts;
}
