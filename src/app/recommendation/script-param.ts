/**
 * The recommendation's address carries one key that is not part of the saved configuration:
 * `script`, the script tab on show (so a link can open the rollback directly). It is split off
 * before the permalink is decoded, so it is never reported as an unknown answer and never
 * changes the answers, the host names or the checks on a bad link.
 */
export const SCRIPT_PARAM = 'script';

export interface SplitQuery {
  /** The query without any `script` pair, byte for byte as it was (leading "?" kept when present). */
  permalink: string;
  /** The first `script` value, when there is one that decodes. */
  script: string | undefined;
}

function decodedKey(pair: string): string | undefined {
  const eq = pair.indexOf('=');
  try {
    return decodeURIComponent((eq === -1 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function decodedValue(pair: string): string | undefined {
  const eq = pair.indexOf('=');
  try {
    return eq === -1 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

export function splitScriptParam(search: string): SplitQuery {
  const prefix = search.startsWith('?') ? '?' : '';
  const pairs = search.slice(prefix.length).split('&');
  const kept: string[] = [];
  let script: string | undefined;
  for (const pair of pairs) {
    if (decodedKey(pair) !== SCRIPT_PARAM) {
      kept.push(pair);
      continue;
    }
    script ??= decodedValue(pair);
  }
  const rest = kept.join('&');
  return { permalink: rest ? `${prefix}${rest}` : '', script };
}

/** The address's query for the permalink query plus the script tab (none for the first tab). */
export function withScriptParam(permalink: string, script: string | undefined): string {
  const query = permalink.startsWith('?') ? permalink.slice(1) : permalink;
  const parts = query ? [query] : [];
  if (script !== undefined) parts.push(`${SCRIPT_PARAM}=${encodeURIComponent(script)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
