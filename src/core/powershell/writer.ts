/**
 * A small writer for PowerShell scripts. Code blocks are written with the `ps` template tag:
 * it removes the common indentation and only accepts PsFragment interpolations (quoted values
 * or vetted constants), so no raw string can reach a script by accident.
 */
import type { PsFragment } from './quote';

function dedent(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  if (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(common)));
}

/** A block of PowerShell code (dedented lines). */
export interface PsCode {
  readonly lines: readonly string[];
}

export function ps(strings: TemplateStringsArray, ...fragments: PsFragment[]): PsCode {
  let text = strings.raw[0] ?? '';
  fragments.forEach((fragment, i) => {
    text += fragment.code + (strings.raw[i + 1] ?? '');
  });
  return { lines: dedent(text) };
}

export class PsWriter {
  private readonly out: string[] = [];
  private depth = 0;

  /** Appends a code block at the current indentation. */
  code(block: PsCode): this {
    for (const line of block.lines) this.out.push(line === '' ? '' : '    '.repeat(this.depth) + line);
    return this;
  }

  blank(): this {
    if (this.out.length > 0 && this.out[this.out.length - 1] !== '') this.out.push('');
    return this;
  }

  /** A comment, wrapped at about 100 columns. The text must be plain ASCII without line breaks. */
  comment(text: string): this {
    if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`Comment must be printable ASCII on one line: ${JSON.stringify(text)}`);
    const prefix = '    '.repeat(this.depth) + '# ';
    // Bullets ("  - text") continue with a hanging indent.
    const bullet = /^( *- )/.exec(text)?.[1] ?? '';
    const hang = ' '.repeat(bullet.length);
    const words = text.slice(bullet.length).split(' ');
    let current = bullet;
    let first = true;
    for (const word of words) {
      const lead = first ? bullet : hang;
      if (current.length > lead.length && prefix.length + current.length + 1 + word.length > 100) {
        this.out.push((prefix + current).trimEnd());
        current = hang + word;
        first = false;
      } else {
        current = current.length > lead.length ? `${current} ${word}` : lead + word;
      }
    }
    this.out.push((prefix + current).trimEnd());
    return this;
  }

  /** A comment line that is never wrapped (example commands). Printable ASCII only. */
  commentLine(text: string): this {
    if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`Comment must be printable ASCII on one line: ${JSON.stringify(text)}`);
    this.out.push(`${'    '.repeat(this.depth)}# ${text}`);
    return this;
  }

  /** A section heading comment. */
  section(title: string): this {
    this.blank();
    const prefix = '    '.repeat(this.depth);
    this.out.push(`${prefix}# ---- ${title} ${'-'.repeat(Math.max(4, 88 - title.length - prefix.length))}`);
    return this;
  }

  /** Writes `open`, the body indented one level, then `close`. */
  indented(open: string, body: () => void, close = '}'): this {
    this.out.push('    '.repeat(this.depth) + open);
    this.depth += 1;
    body();
    this.depth -= 1;
    this.out.push('    '.repeat(this.depth) + close);
    return this;
  }

  toString(): string {
    while (this.out.length > 0 && this.out[this.out.length - 1] === '') this.out.pop();
    return `${this.out.join('\n')}\n`;
  }
}
