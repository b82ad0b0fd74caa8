/**
 * The text output of `winrm get winrm/config` (blocks nested by indentation, `Name = Value`
 * lines, `[Source="GPO"]` after a value set by Group Policy) and of `winrm enumerate
 * winrm/config/listener` (one `Listener` block per listener). Both may be pasted together, with
 * the command lines that produced them. Never throws.
 */
import { emptyConfig, listenerFromValues } from './normalize';
import type { AuditConfig, ConfigValue, InputProblem, ParseResult } from './types';
import {
  BOOLEAN_NAMES,
  LOCALIZED_WORDS,
  REQUIRED_LISTENER_VALUES,
  REQUIRED_VALUES,
  TOP_BLOCKS,
  WINRM_CONTAINERS,
  isBooleanText,
} from './winrm-schema';

interface Line {
  number: number;
  level: number;
  content: string;
}

const COMMAND_ECHO = /^(?:PS [^>]*>|[A-Za-z]:\\[^>]*>|>)?\s*winrm(?:\.cmd)?\s+(?:get|g|enumerate|e)\b/i;
const GPO_SUFFIX = /\s*\[Source="([^"]*)"\]\s*$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TRANSLATED_BOOLEANS = /^(wahr|falsch|vrai|faux)$/i;

function show(text: string): string {
  const cut = text.length > 60 ? `${text.slice(0, 60)}...` : text;
  return JSON.stringify(cut);
}

/** Indentation levels; undefined + a problem when the indentation is ambiguous. */
function levels(lines: string[]): { lines: Line[]; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const out: Line[] = [];
  const spaceWidths = lines.map((l) => /^( *)\S/.exec(l)?.[1]?.length ?? 0).filter((w) => w > 0);
  const unit = spaceWidths.length ? Math.min(...spaceWidths) : 4;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const number = i + 1;
    const lead = /^[ \t]*/.exec(raw)?.[0] ?? '';
    if (lead.includes('\t') && lead.includes(' ')) {
      problems.push({
        line: number,
        message: `Line ${number} is indented with both tabs and spaces, so its nesting is ambiguous. Paste the output as the command printed it.`,
      });
      return;
    }
    let level: number;
    if (lead.includes('\t')) level = lead.length;
    else if (lead.length % unit !== 0) {
      problems.push({
        line: number,
        message: `Line ${number} is indented by ${lead.length} spaces, not a multiple of ${unit} like the other lines, so its nesting is ambiguous. Paste the output as the command printed it.`,
      });
      return;
    } else level = lead.length / unit;
    out.push({ number, level, content: raw.trim() });
  });
  return { lines: out, problems };
}

function describeUnknownStart(line: Line): string {
  const c = line.content;
  if (/WSManFault|Error number:|^Fehler|^Erreur|^WinRM cannot/i.test(c)) {
    return `Line ${line.number} is a WinRM error message (${show(c)}), not the configuration. Run the command in an elevated prompt on the server and paste what it prints.`;
  }
  if (/[^\x20-\x7e]/.test(c) || LOCALIZED_WORDS.test(c.split(/\s/)[0] ?? '')) {
    return `Line ${line.number} starts with ${show(c)}: the output seems localized (German, French...). Run winrm get winrm/config -format:xml instead (its names are never translated), or the collection script.`;
  }
  return `Line ${line.number}: expected "Config" (the first line of winrm get winrm/config) or "Listener" (winrm enumerate winrm/config/listener), found ${show(c)}. This looks like another command's output.`;
}

export function parseWinrmText(text: string): ParseResult {
  const split = levels(text.split('\n'));
  if (split.problems.length) return { ok: false, problems: split.problems.slice(0, 5) };
  const lines = split.lines.filter((l) => !COMMAND_ECHO.test(l.content));
  const problems: InputProblem[] = [];
  const winrm: Record<string, ConfigValue> = {};
  const listeners: { values: Record<string, ConfigValue>; gpo: boolean; line: number; listeningOn: string[] }[] = [];
  const blocksSeen = new Set<string>();
  let lastLine = 0;

  // The stack of open containers: path ('' = Config's root) and whether it is a listener.
  let stack: { path: string; listener: boolean }[] = [];

  for (let i = 0; i < lines.length && problems.length < 5; i++) {
    const line = lines[i]!;
    lastLine = line.number;
    let content = line.content;
    const gpoMatch = GPO_SUFFIX.exec(content);
    const gpo = gpoMatch?.[1]?.toUpperCase() === 'GPO';
    if (gpoMatch) content = content.slice(0, gpoMatch.index);
    const eq = content.indexOf('=');
    const name = (eq === -1 ? content : content.slice(0, eq)).trim();
    const value = eq === -1 ? undefined : content.slice(eq + 1).trim();
    const next = lines[i + 1];
    const opensBlock = value === undefined && next !== undefined && next.level > line.level;

    if (line.level === 0) {
      if (!(TOP_BLOCKS as readonly string[]).includes(name) || value !== undefined) {
        problems.push({ line: line.number, message: describeUnknownStart(line) });
        break;
      }
      if (!opensBlock) {
        problems.push({
          line: line.number,
          message: `Line ${line.number}: "${name}" has no indented lines beneath it. The text seems to have lost its indentation, or it ends here (truncated). Paste the output as the command printed it.`,
        });
        break;
      }
      if (name !== 'Listener' && blocksSeen.has(name)) {
        problems.push({
          line: line.number,
          message: `Line ${line.number}: a second "${name}" block. Paste the output of one server only.`,
        });
        break;
      }
      blocksSeen.add(name);
      if (name === 'Listener') {
        listeners.push({ values: {}, gpo, line: line.number, listeningOn: [] });
        stack = [{ path: 'Listener', listener: true }];
      } else {
        stack = [{ path: name === 'Config' ? '' : name, listener: false }];
      }
      continue;
    }

    if (stack.length === 0) {
      problems.push({ line: line.number, message: describeUnknownStart(line) });
      break;
    }
    if (line.level > stack.length) {
      problems.push({
        line: line.number,
        message: `Line ${line.number} is indented deeper than the line before it allows (${show(line.content)}). Paste the output as the command printed it.`,
      });
      break;
    }
    stack = stack.slice(0, line.level);
    const parent = stack[stack.length - 1]!;
    if (!NAME.test(name)) {
      const localized = /[^\x20-\x7e]/.test(name) || LOCALIZED_WORDS.test(name);
      problems.push({
        line: line.number,
        message: localized
          ? `Line ${line.number}: ${show(name)} is not a name winrm prints in English: the output seems localized. Run winrm get winrm/config -format:xml instead (its names are never translated), or the collection script.`
          : `Line ${line.number}: expected "Name = value" or a block name, found ${show(line.content)}.`,
      });
      break;
    }
    const path = parent.path ? `${parent.path}/${name}` : name;
    if (opensBlock) {
      if (parent.listener || !WINRM_CONTAINERS[path]) {
        problems.push({
          line: line.number,
          message: `Line ${line.number}: "${name}" is not a block of ${parent.listener ? 'a Listener' : `${parent.path || 'Config'}`}, but lines beneath it are indented as if it were. The text seems edited or re-indented.`,
        });
        break;
      }
      blocksSeen.add(path);
      stack.push({ path, listener: false });
      continue;
    }
    const v = value ?? '';
    if (BOOLEAN_NAMES.has(name) && v !== '' && !isBooleanText(v)) {
      problems.push({
        line: line.number,
        message: TRANSLATED_BOOLEANS.test(v)
          ? `Line ${line.number}: ${name} = ${show(v)}: the output seems localized. Run winrm get winrm/config -format:xml instead, or the collection script.`
          : `Line ${line.number}: ${name} should be true or false, found ${show(v)}.`,
      });
      break;
    }
    if (parent.listener) {
      const current = listeners[listeners.length - 1]!;
      if (name === 'ListeningOn')
        current.listeningOn = v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
      current.values[name] = { value: v, gpo };
    } else {
      winrm[path] = { value: v, gpo };
    }
  }
  if (problems.length) return { ok: false, problems };

  if (blocksSeen.size === 0)
    return {
      ok: false,
      problems: [
        {
          line: 1,
          message: 'Nothing in the input looks like the output of winrm get winrm/config or winrm enumerate winrm/config/listener.',
        },
      ],
    };

  // Truncation: every block that started must hold its required values, and Config ends with Winrs.
  const truncated = (what: string): InputProblem => ({
    line: lastLine,
    message: `The output ends at line ${lastLine} without ${what}: it looks truncated (or edited). Copy the whole output of the command.`,
  });
  if (blocksSeen.has('Config') && !blocksSeen.has('Winrs'))
    return { ok: false, problems: [truncated('the Winrs block that closes winrm get winrm/config')] };
  for (const path of REQUIRED_VALUES) {
    const top = path.split('/')[0]!;
    if (blocksSeen.has(top) && !winrm[path]) return { ok: false, problems: [truncated(path.replace(/\//g, '\\'))] };
  }
  for (const l of listeners) {
    const missing = REQUIRED_LISTENER_VALUES.filter((k) => !l.values[k]);
    if (missing.length) {
      return {
        ok: false,
        problems: [
          {
            line: l.line,
            message: `The Listener block at line ${l.line} has no ${missing.join(', ')}: it looks truncated (or edited). Copy the whole output of winrm enumerate winrm/config/listener.`,
          },
        ],
      };
    }
  }

  const config: AuditConfig = emptyConfig('text');
  config.winrm = winrm;
  if (blocksSeen.has('Listener')) config.listeners = listeners.map((l) => listenerFromValues(l.values, l.listeningOn, l.gpo));
  return { ok: true, config };
}
