import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parsePowerShell, getParser } from '../testing/powershell-parser';
import { HOSTILE_HOSTS } from '../testing/arbitraries';
import { SINGLE_QUOTE_CHARACTERS, code, psQuote, q } from './quote';

/** Reads back a single-quoted literal the way PowerShell does: any two quote characters are one. */
function unquote(literal: string): string {
  const inner = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i += 1) {
    const ch = inner[i] as string;
    out += ch;
    if ((SINGLE_QUOTE_CHARACTERS as readonly string[]).includes(ch)) i += 1;
  }
  return out;
}

async function assertSingleLiteral(value: string) {
  const parser = await getParser();
  const source = `$x = ${psQuote(value)}\n`;
  const tree = parser.parse(source);
  if (!tree) throw new Error('no tree');
  const list = tree.rootNode.namedChildren.find((n) => n?.type === 'statement_list');
  expect(list?.namedChildren.length, JSON.stringify(value)).toBe(1);
  expect(tree.rootNode.hasError, JSON.stringify(value)).toBe(false);
  const literals = tree.rootNode.descendantsOfType('string_literal');
  expect(literals.length).toBe(1);
  expect(literals[0]?.text).toBe(psQuote(value));
  tree.delete();
}

describe('psQuote', () => {
  test('wraps in single quotes and doubles every single-quote character', () => {
    expect(psQuote('srv01.contoso.com')).toBe("'srv01.contoso.com'");
    expect(psQuote("it's")).toBe("'it''s'");
    expect(psQuote('a\u2018b\u2019c\u201ad\u201be')).toBe("'a\u2018\u2018b\u2019\u2019c\u201a\u201ad\u201b\u201be'");
    expect(psQuote('$(Remove-Item C:\\)')).toBe("'$(Remove-Item C:\\)'");
    expect(psQuote('')).toBe("''");
  });

  test('round-trips: PowerShell reads back the original value', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '\u2018', '\u2019', '\u201a', '\u201b', 'a', '$', '`', '"', ';', ' ') }), (s) => {
        expect(unquote(psQuote(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  test('hostile values stay one string literal in one statement (tree-sitter)', async () => {
    for (const [value] of HOSTILE_HOSTS) {
      if (value.includes('\u0000')) expect(() => psQuote(value)).toThrow(/NUL/);
      else await assertSingleLiteral(value);
    }
    await assertSingleLiteral("x';Remove-Item C:\\ -Recurse;'");
    await assertSingleLiteral("'\u2019;calc;\u2018'");
  });

  test('property: any printable value stays one string literal', async () => {
    const anyCharacter = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\u0000');
    const values = fc.sample(fc.string({ unit: fc.oneof(fc.constantFrom("'", '\u2018', '\u2019', '\u201a', '\u201b', '`', '$', '(', ')', ';', '\n', '"', '#', '{', '}'), anyCharacter) }), 400);
    for (const v of values) await assertSingleLiteral(v);
  });

  test('fragments: q quotes, code refuses anything but vetted characters', () => {
    expect(q("a'b").code).toBe("'a''b'");
    expect(() => code("x'; Remove-Item")).toThrow();
    expect(() => code('-Authentication Kerberos -ComputerName $Target')).not.toThrow();
  });
});

describe('tree-sitter smoke test', () => {
  test('reports syntax errors', async () => {
    const report = await parsePowerShell("if ($x { 'unclosed'\n");
    expect(report.errors.length).toBeGreaterThan(0);
  });
});
