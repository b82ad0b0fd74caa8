/**
 * The part of Ansible's Jinja that the Windows plays use (tests/ansible/windows-play-emulator.ts):
 * `{{ ... }}` templates in task arguments and `when:` / `assert` expressions, evaluated the way
 * ansible-core 2.14 does. Anything outside that subset (an unknown filter, test, operator or
 * syntax) throws, so a renderer change cannot make the emulator skip or misread a task silently.
 *
 * Supported: string, number, boolean and list literals; variables with `.attr` and `[index]`;
 * `not`, `and`, `or`, `==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `not in`, `x if c else y`;
 * filters default, int, bool, string, lower, length, map('string'|'lower'), intersect,
 * regex_replace, trim; tests defined, undefined, changed, skipped, iterable, string, mapping, search.
 * String literals keep their backslashes (Ansible 2.14 doubles them inside `{{ }}` before Jinja
 * unescapes them), so `'\1\n'` reaches regex_replace as backslash-1 backslash-n.
 */

/** An undefined variable (AnsibleUndefined: attribute access on it stays undefined). */
export const UNDEFINED = Symbol('undefined');

/** A value tagged !unsafe: never templated. */
export class UnsafeText {
  constructor(readonly text: string) {}
}

export type Vars = Record<string, unknown>;

type Token = { kind: 'str' | 'num' | 'name' | 'op'; value: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new Error(`Jinja: unterminated string in ${src}`);
      out.push({ kind: 'str', value: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const num = /^\d+/.exec(src.slice(i));
    if (num) {
      out.push({ kind: 'num', value: num[0] });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ kind: 'name', value: name[0] });
      i += name[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|[<>()[\],.|])/.exec(src.slice(i));
    if (op) {
      out.push({ kind: 'op', value: op[0] });
      i += op[0].length;
      continue;
    }
    throw new Error(`Jinja: unsupported character ${JSON.stringify(c)} in ${src}`);
  }
  return out;
}

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'list'; items: Node[] }
  | { t: 'var'; name: string }
  | { t: 'attr'; obj: Node; name: string }
  | { t: 'index'; obj: Node; index: Node }
  | { t: 'not'; x: Node }
  | { t: 'and' | 'or'; a: Node; b: Node }
  | { t: 'cmp'; op: string; a: Node; b: Node }
  | { t: 'cond'; then: Node; cond: Node; else: Node }
  | { t: 'filter'; x: Node; name: string; args: Node[] }
  | { t: 'test'; x: Node; name: string; args: Node[]; negate: boolean };

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly src: string,
  ) {}

  parse(): Node {
    const n = this.conditional();
    if (this.pos < this.tokens.length) throw new Error(`Jinja: unexpected ${this.tokens[this.pos]!.value} in ${this.src}`);
    return n;
  }

  private peek(value?: string): Token | undefined {
    const t = this.tokens[this.pos];
    if (value === undefined) return t;
    return t && (t.kind === 'op' || t.kind === 'name') && t.value === value ? t : undefined;
  }

  private take(value: string): void {
    if (!this.peek(value)) throw new Error(`Jinja: expected ${value} at ${this.tokens[this.pos]?.value ?? 'end'} in ${this.src}`);
    this.pos++;
  }

  private conditional(): Node {
    const then = this.or();
    if (this.peek('if')) {
      this.pos++;
      const cond = this.or();
      this.take('else');
      return { t: 'cond', then, cond, else: this.conditional() };
    }
    return then;
  }

  private or(): Node {
    let a = this.and();
    while (this.peek('or')) {
      this.pos++;
      a = { t: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Node {
    let a = this.not();
    while (this.peek('and')) {
      this.pos++;
      a = { t: 'and', a, b: this.not() };
    }
    return a;
  }

  private not(): Node {
    if (this.peek('not')) {
      this.pos++;
      return { t: 'not', x: this.not() };
    }
    return this.compare();
  }

  private compare(): Node {
    let a = this.filtered();
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.value)) {
        this.pos++;
        a = { t: 'cmp', op: t.value, a, b: this.filtered() };
      } else if (this.peek('in')) {
        this.pos++;
        a = { t: 'cmp', op: 'in', a, b: this.filtered() };
      } else if (this.peek('not') && this.tokens[this.pos + 1]?.value === 'in') {
        this.pos += 2;
        a = { t: 'cmp', op: 'not in', a, b: this.filtered() };
      } else return a;
    }
  }

  private args(): Node[] {
    const args: Node[] = [];
    if (!this.peek('(')) return args;
    this.pos++;
    while (!this.peek(')')) {
      args.push(this.conditional());
      if (!this.peek(')')) this.take(',');
    }
    this.pos++;
    return args;
  }

  private filtered(): Node {
    let x = this.postfix();
    for (;;) {
      if (this.peek('|')) {
        this.pos++;
        const name = this.tokens[this.pos++];
        if (name?.kind !== 'name') throw new Error(`Jinja: filter name expected in ${this.src}`);
        x = { t: 'filter', x, name: name.value, args: this.args() };
      } else if (this.peek('is')) {
        this.pos++;
        let negate = false;
        if (this.peek('not')) {
          this.pos++;
          negate = true;
        }
        const name = this.tokens[this.pos++];
        if (name?.kind !== 'name') throw new Error(`Jinja: test name expected in ${this.src}`);
        x = { t: 'test', x, name: name.value, args: this.args(), negate };
      } else return x;
    }
  }

  private postfix(): Node {
    let x = this.primary();
    for (;;) {
      if (this.peek('.')) {
        this.pos++;
        const name = this.tokens[this.pos++];
        if (name?.kind !== 'name') throw new Error(`Jinja: attribute name expected in ${this.src}`);
        x = { t: 'attr', obj: x, name: name.value };
      } else if (this.peek('[') && x.t !== 'list') {
        this.pos++;
        const index = this.conditional();
        this.take(']');
        x = { t: 'index', obj: x, index };
      } else return x;
    }
  }

  private primary(): Node {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error(`Jinja: unexpected end of ${this.src}`);
    if (t.kind === 'str') return { t: 'lit', v: t.value };
    if (t.kind === 'num') return { t: 'lit', v: Number(t.value) };
    if (t.kind === 'name') {
      if (t.value === 'true' || t.value === 'True') return { t: 'lit', v: true };
      if (t.value === 'false' || t.value === 'False') return { t: 'lit', v: false };
      if (t.value === 'none' || t.value === 'None') return { t: 'lit', v: null };
      if (['if', 'else', 'and', 'or', 'not', 'in', 'is'].includes(t.value)) throw new Error(`Jinja: unexpected ${t.value} in ${this.src}`);
      return { t: 'var', name: t.value };
    }
    if (t.value === '(') {
      const x = this.conditional();
      this.take(')');
      return x;
    }
    if (t.value === '[') {
      const items: Node[] = [];
      while (!this.peek(']')) {
        items.push(this.conditional());
        if (!this.peek(']')) this.take(',');
      }
      this.pos++;
      return { t: 'list', items };
    }
    throw new Error(`Jinja: unexpected ${t.value} in ${this.src}`);
  }
}

const parsed = new Map<string, Node>();

function parseExpression(src: string): Node {
  let n = parsed.get(src);
  if (!n) {
    n = new Parser(tokenize(src), src).parse();
    parsed.set(src, n);
  }
  return n;
}

function defined(v: unknown): boolean {
  return v !== UNDEFINED;
}

function need(v: unknown, what: string): unknown {
  if (v === UNDEFINED) throw new Error(`Jinja: ${what} is undefined`);
  return v;
}

/** Python's str() of a value, as the string filter and text templates give it. */
export function pyStr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? `'${x}'` : pyStr(x))).join(', ')}]`;
  throw new Error(`Jinja: no string form for ${JSON.stringify(v)}`);
}

/** Ansible's bool filter. */
function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1;
  if (typeof v === 'string') return ['yes', 'on', '1', 'true', 'y'].includes(v.toLowerCase());
  return false;
}

function truthy(v: unknown): boolean {
  need(v, 'a condition');
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Python's re.sub replacement template (\1, \n, \\) for JavaScript. */
function pyReplace(text: string, pattern: string, replacement: string): string {
  const rx = new RegExp(pattern, 'g');
  return text.replace(rx, (...m: unknown[]) => replacement.replace(/\\(\d+)|\\n|\\\\/g, (esc: string, group?: string) => (group ? String(m[Number(group)] ?? '') : esc === '\\n' ? '\n' : '\\')));
}

function evaluate(n: Node, vars: Vars): unknown {
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'list':
      return n.items.map((i) => evaluate(i, vars));
    case 'var':
      return n.name in vars ? resolve(vars[n.name], vars) : UNDEFINED;
    case 'attr':
    case 'index': {
      const obj = evaluate(n.obj, vars);
      if (obj === UNDEFINED || obj === null || typeof obj !== 'object') return UNDEFINED;
      const key = n.t === 'attr' ? n.name : evaluate(n.index, vars);
      const v = (obj as Record<string, unknown>)[String(key)];
      return v === undefined ? UNDEFINED : v;
    }
    case 'not':
      return !truthy(evaluate(n.x, vars));
    case 'and':
      return truthy(evaluate(n.a, vars)) && truthy(evaluate(n.b, vars));
    case 'or':
      return truthy(evaluate(n.a, vars)) || truthy(evaluate(n.b, vars));
    case 'cond':
      return truthy(evaluate(n.cond, vars)) ? evaluate(n.then, vars) : evaluate(n.else, vars);
    case 'cmp': {
      const a = need(evaluate(n.a, vars), 'a compared value');
      const b = need(evaluate(n.b, vars), 'a compared value');
      switch (n.op) {
        case '==':
          return equal(a, b);
        case '!=':
          return !equal(a, b);
        case '<':
          return (a as number) < (b as number);
        case '<=':
          return (a as number) <= (b as number);
        case '>':
          return (a as number) > (b as number);
        case '>=':
          return (a as number) >= (b as number);
        case 'in':
        case 'not in': {
          const has = Array.isArray(b) ? b.some((x) => equal(x, a)) : typeof b === 'string' ? b.includes(String(a)) : false;
          return n.op === 'in' ? has : !has;
        }
      }
      throw new Error(`Jinja: operator ${n.op}`);
    }
    case 'filter':
      return filter(n.name, evaluate(n.x, vars), n.args.map((a) => evaluate(a, vars)));
    case 'test': {
      const r = test(n.name, evaluate(n.x, vars), n.args.map((a) => evaluate(a, vars)));
      return n.negate ? !r : r;
    }
  }
}

function filter(name: string, x: unknown, args: unknown[]): unknown {
  switch (name) {
    case 'default':
      if (args.length > 1) throw new Error('Jinja: default with a second argument is not supported');
      return x === UNDEFINED ? args[0] : x;
    case 'int': {
      need(x, 'the input of int');
      if (typeof x === 'boolean') return x ? 1 : 0;
      const v = parseInt(String(x), 10);
      return Number.isNaN(v) ? 0 : v;
    }
    case 'bool':
      return toBool(need(x, 'the input of bool'));
    case 'string':
      return pyStr(need(x, 'the input of string'));
    case 'lower':
      return String(need(x, 'the input of lower')).toLowerCase();
    case 'trim':
      return String(need(x, 'the input of trim')).trim();
    case 'length': {
      const v = need(x, 'the input of length');
      if (Array.isArray(v) || typeof v === 'string') return v.length;
      if (v && typeof v === 'object') return Object.keys(v).length;
      throw new Error('Jinja: length of a scalar');
    }
    case 'map': {
      const v = need(x, 'the input of map');
      if (!Array.isArray(v) || args.length !== 1 || typeof args[0] !== 'string') throw new Error("Jinja: map needs a list and one filter name");
      return v.map((i) => filter(args[0] as string, i, []));
    }
    case 'intersect': {
      const v = need(x, 'the input of intersect');
      const other = args[0];
      if (!Array.isArray(v) || !Array.isArray(other)) throw new Error('Jinja: intersect needs two lists');
      return [...new Set(v.filter((i) => other.some((o) => equal(o, i))).map((i) => JSON.stringify(i)))].map((s) => JSON.parse(s) as unknown);
    }
    case 'regex_replace':
      if (args.length !== 2) throw new Error('Jinja: regex_replace needs a pattern and a replacement');
      return pyReplace(String(need(x, 'the input of regex_replace')), String(args[0]), String(args[1]));
    default:
      throw new Error(`Jinja: the filter ${name} is not supported by the emulator`);
  }
}

function test(name: string, x: unknown, args: unknown[]): boolean {
  switch (name) {
    case 'defined':
      return defined(x);
    case 'undefined':
      return !defined(x);
    case 'changed':
    case 'skipped': {
      const v = need(x, `the input of the test ${name}`) as Record<string, unknown>;
      return v[name] === true;
    }
    case 'iterable':
      return Array.isArray(x) || typeof x === 'string' || (x !== null && typeof x === 'object');
    case 'string':
      return typeof x === 'string';
    case 'mapping':
      return x !== null && typeof x === 'object' && !Array.isArray(x);
    case 'search':
      return new RegExp(String(args[0])).test(String(need(x, 'the input of search')));
    default:
      throw new Error(`Jinja: the test ${name} is not supported by the emulator`);
  }
}

/** A variable's value, templated on use as Ansible does (lazily), unless it is !unsafe. */
export function resolve(value: unknown, vars: Vars, depth = 0): unknown {
  if (depth > 20) throw new Error('Jinja: recursive template');
  if (value instanceof UnsafeText) return value.text;
  if (typeof value === 'string') return template(value, vars);
  if (Array.isArray(value)) return value.map((v) => resolve(v, vars, depth + 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, vars, depth + 1)]));
  return value;
}

/** A bare expression (when:, assert that:). */
export function evalExpression(expr: string, vars: Vars): unknown {
  if (/\{\{|\{%/.test(expr)) throw new Error(`Jinja: a template inside a bare expression: ${expr}`);
  return evaluate(parseExpression(expr), vars);
}

export function evalCondition(expr: string, vars: Vars): boolean {
  return truthy(evalExpression(expr, vars));
}

/** A string with `{{ }}` parts: one whole expression keeps its type; mixed text becomes a string. */
export function template(text: string, vars: Vars): unknown {
  if (text.includes('{%') || text.includes('{#')) throw new Error(`Jinja: statements and comments are not supported: ${text}`);
  const whole = /^\{\{(.*)\}\}$/s.exec(text);
  if (whole && !whole[1]!.includes('}}')) {
    const v = evaluate(parseExpression(whole[1]!.trim()), vars);
    if (v === UNDEFINED) throw new Error(`Jinja: ${text} is undefined`);
    return v;
  }
  return text.replace(/\{\{(.*?)\}\}/gs, (_m, expr: string) => {
    const v = evaluate(parseExpression(expr.trim()), vars);
    if (v === UNDEFINED) throw new Error(`Jinja: {{${expr}}} is undefined`);
    return pyStr(v);
  });
}
