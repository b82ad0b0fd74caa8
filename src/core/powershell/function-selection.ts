/**
 * Keeps only the PowerShell functions a script needs. The rollback knows how to undo every kind of
 * change any script of the guide can record, but a recommendation's scripts record only a few of
 * them: carrying the rest would double the script an administrator has to read before running it.
 */
import type { PsCode } from './writer';

interface FunctionChunk {
  name: string;
  lines: string[];
}

/** Splits top-level `function Name {` ... `}` blocks (with the comment lines just above each). */
function splitFunctions(code: PsCode): FunctionChunk[] {
  const chunks: FunctionChunk[] = [];
  let pending: string[] = [];
  let current: FunctionChunk | undefined;
  for (const line of code.lines) {
    if (current) {
      current.lines.push(line);
      if (line === '}') {
        chunks.push(current);
        current = undefined;
      }
      continue;
    }
    const opening = /^function ([A-Za-z-]+) \{$/.exec(line);
    if (opening) {
      current = { name: opening[1]!, lines: [...pending, line] };
      pending = [];
    } else if (line.startsWith('#') || line === '') {
      pending.push(line);
    } else {
      throw new Error(`Only functions may stand at the top level of a function library: ${line}`);
    }
  }
  if (current) throw new Error(`Unclosed function ${current.name}`);
  return chunks;
}

/**
 * The functions named in `roots` and every function of `library` they call, directly or not, in
 * the library's order. Names in `roots` that the library lacks are ignored: the caller reports them.
 */
export function selectFunctions(library: PsCode, roots: Iterable<string>): PsCode {
  const chunks = splitFunctions(library);
  const byName = new Map(chunks.map((c) => [c.name, c]));
  const keep = new Set<string>();
  const visit = (name: string) => {
    const chunk = byName.get(name);
    if (!chunk || keep.has(name)) return;
    keep.add(name);
    const body = chunk.lines.join('\n');
    for (const other of byName.keys()) if (other !== name && new RegExp(`(^|[^A-Za-z-])${other}([^A-Za-z-]|$)`).test(body)) visit(other);
  };
  for (const root of roots) visit(root);
  return { lines: chunks.filter((c) => keep.has(c.name)).flatMap((c) => c.lines) };
}

/** Every kind of change a script records with `Save-GuideChange @{ Kind = '<Kind>'; ... }`. */
export function recordedChangeKinds(scripts: Iterable<string>): Set<string> {
  const kinds = new Set<string>();
  for (const text of scripts) for (const match of text.matchAll(/Save-GuideChange @\{ Kind = '([A-Za-z]+)'/g)) kinds.add(match[1]!);
  return kinds;
}
