/**
 * THE quoting function. Every value placed in a generated script goes through `psQuote` (or the
 * `q` fragment helper built on it): the value becomes a single-quoted PowerShell literal, in
 * which nothing is expanded. PowerShell treats the Unicode quotes U+2018, U+2019, U+201A and
 * U+201B exactly like "'", so each of them is doubled as well.
 */

/** Characters PowerShell reads as a single quote (its tokenizer's IsSingleQuote). */
export const SINGLE_QUOTE_CHARACTERS = ["'", '\u2018', '\u2019', '\u201a', '\u201b'] as const;

const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/**
 * Returns `value` as a single-quoted PowerShell string literal. NUL cannot be part of a script's
 * text, so a value containing it is refused (no valid host name or setting contains one).
 */
export function psQuote(value: string): string {
  if (value.includes('\u0000')) throw new Error('psQuote: a value with a NUL character cannot be placed in a script');
  return `'${value.replace(SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

/** A piece of PowerShell code that may be interpolated into a script template. */
export interface PsFragment {
  readonly code: string;
}

/** A value as a quoted literal fragment. */
export function q(value: string): PsFragment {
  return { code: psQuote(value) };
}

/** An array literal of quoted values: 'a', 'b'. */
export function qList(values: readonly string[]): PsFragment {
  return { code: values.map(psQuote).join(', ') };
}

/** An integer literal. */
export function num(value: number): PsFragment {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return { code: String(value) };
}

/** $true or $false. */
export function bool(value: boolean): PsFragment {
  return { code: value ? '$true' : '$false' };
}

/**
 * Vetted static code (never user input): for fragments chosen among constants in the renderer.
 * Only ASCII letters, digits, spaces and a few punctuation characters are accepted.
 */
export function code(text: string): PsFragment {
  if (!/^[A-Za-z0-9 $_.,:\\@()=-]*$/.test(text)) throw new Error(`Refusing unvetted code fragment: ${text}`);
  return { code: text };
}
