/**
 * The commands a JEA role shows, as the user types them on the recommendation page (hostile until
 * checked): command names only, Verb-Noun or module-qualified (Module\Verb-Noun). Nothing else
 * reaches a script, and there only through the PowerShell serializer (quote.ts).
 */

export const MAX_JEA_COMMANDS = 30;
const MAX_COMMAND_LENGTH = 120;
const MAX_INPUT_LENGTH = 4000;

/** A module name: letters, digits, dots, underscores and hyphens, starting with a letter. */
const MODULE = '[A-Za-z][A-Za-z0-9._-]{0,63}';
/** Verb-Noun: the verb letters only, the noun letters and digits (Get-NetIPAddress, Get-ADUser). */
const VERB_NOUN = '[A-Za-z]{2,30}-[A-Za-z][A-Za-z0-9]{0,80}';
const COMMAND = new RegExp(`^(?:${MODULE}\\\\)?${VERB_NOUN}$`);

/**
 * Commands that let a JEA user run any code or program, or leave the role: exposing them undoes
 * the endpoint (JEA security considerations: Start-Process, jobs, Trace-Command, type and format
 * data, Windows Compatibility; and the obvious ways to run code).
 */
const ESCAPES = new Set(
  [
    'Start-Process',
    'Invoke-Expression',
    'Invoke-Command',
    'Invoke-Item',
    'Add-Type',
    'New-Object',
    'Trace-Command',
    'Update-TypeData',
    'Update-FormatData',
    'Import-WinModule',
    'Invoke-WinCommand',
    'Enter-PSSession',
    'New-PSSession',
    'Import-Module',
    'Set-PSSessionConfiguration',
    'Register-PSSessionConfiguration',
    'Invoke-CimMethod',
    'Invoke-WmiMethod',
    'New-Service',
    'Set-ExecutionPolicy',
  ].map((c) => c.toLowerCase()),
);

export interface JeaCommandProblem {
  entry: string;
  message: string;
}

export type JeaCommandsValidation =
  | { ok: true; commands: string[] }
  | { ok: false; message: string; problems: JeaCommandProblem[] };

/** A short, printable rendering of untrusted text for messages (never HTML: React escapes it). */
function shown(text: string): string {
  const printable = [...text].map((ch) => (/^[\x20-\x7e]$/.test(ch) ? ch : '?')).join('');
  return printable.length > 40 ? `${printable.slice(0, 40)}...` : printable;
}

function problemOf(entry: string): string | undefined {
  if (entry.length > MAX_COMMAND_LENGTH) return `is longer than ${MAX_COMMAND_LENGTH} characters`;
  if (/[*?[\]]/.test(entry)) return 'has a wildcard: a wildcard such as *-Process would also show Start-Process; list each command';
  if (/[^\x20-\x7e]/.test(entry)) return 'has a character outside printable ASCII';
  if (!COMMAND.test(entry)) return 'is not a command name: write Verb-Noun (Restart-Service) or Module\\Verb-Noun, with no parameters, quotes or script';
  const name = entry.slice(entry.lastIndexOf('\\') + 1).toLowerCase();
  if (ESCAPES.has(name) || name.endsWith('-job')) return 'lets users run any code or program and so escape the role: leave it out';
  return undefined;
}

/** Blank input means "keep the example role". */
export function isBlankJeaCommands(raw: string): boolean {
  return raw.trim() === '';
}

/** Checks the list; never throws. Duplicates (ignoring case) are kept once. */
export function validateJeaCommands(raw: unknown): JeaCommandsValidation {
  if (typeof raw !== 'string') return { ok: false, message: 'The command list is not text.', problems: [] };
  if (raw.length > MAX_INPUT_LENGTH) return { ok: false, message: `The command list is longer than ${MAX_INPUT_LENGTH} characters.`, problems: [] };
  const entries = raw.split(/[\s,]+/).filter((e) => e !== '');
  if (entries.length === 0) return { ok: false, message: 'The command list is empty.', problems: [] };
  const problems: JeaCommandProblem[] = [];
  const commands: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const problem = problemOf(entry);
    if (problem) problems.push({ entry, message: `"${shown(entry)}" ${problem}.` });
    else if (!seen.has(entry.toLowerCase())) {
      seen.add(entry.toLowerCase());
      commands.push(entry);
    }
  }
  if (problems.length > 0) return { ok: false, message: problems.map((p) => p.message).join(' '), problems };
  if (commands.length > MAX_JEA_COMMANDS) return { ok: false, message: `At most ${MAX_JEA_COMMANDS} commands (${commands.length} given): a role should show only the tasks it is for.`, problems: [] };
  return { ok: true, commands };
}
