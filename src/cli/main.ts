/**
 * psremoting-guide, the command line of issue 11: `recommend`, `audit` and `questions` over the
 * same core modules as the web page (no rule is repeated here). Bundled by scripts/build-cli.mjs
 * and started by bin/psremoting-guide.mjs.
 *
 * Exit codes: 0 done; 1 `audit --fail-on` found a finding at or above that severity; 2 bad input
 * (unknown option, missing answer, invalid host, unreadable file or link), with a one-line message
 * and no stack trace; 3 an internal error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SITE_URL } from '../app/site.ts';
import { scriptTabs, type ScriptTab } from '../app/recommendation/script-tabs.ts';
import { splitScriptParam } from '../app/recommendation/script-param.ts';
import { guideHref } from '../app/guide/guide-url.ts';
import { isBlankAdminSubnet, validateAdminSubnet } from '../core/admin-subnet.ts';
import { auditInput, MAX_INPUT_CHARS, SEVERITY_ORDER, COLLECTION_SCRIPT_FILE_NAME, type AuditResult, type AuditSeverity, type Finding } from '../core/audit/index.ts';
import { exportJson } from '../core/export-json.ts';
import { SOURCES } from '../core/sources.ts';
import { validateHost } from '../core/hosts.ts';
import { QUESTION_ORDER, QUESTION_VALUES, isAnswerValue, type Answers, type HostInput, type QuestionId, type Recommendation } from '../core/model.ts';
import { decodePermalink } from '../core/permalink.ts';
import { QUESTIONS, firstUnanswered, getQuestion, pruneAnswers, questionApplies } from '../core/questions.ts';
import { recommend } from '../core/recommend.ts';

export const NAME = 'psremoting-guide';

/** Where the output goes: the process's streams, or strings in `--batch` and tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  readStdin: () => Promise<Buffer>;
}

/** Bad input: one line on stderr, exit code 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

/** One line: a message from the core never spreads over several lines of a terminal. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');

// ---------------------------------------------------------------------------------------------
// Help

const TOOL_HELP = `Usage: ${NAME} <command> [options]

The PowerShell Remoting security guide on the command line: the same recommendation, scripts and
audit as the web page (${SITE_URL}), computed on this computer.

Commands:
  recommend   The recommended configuration for your answers: JSON, or the scripts as files.
  audit       What is wrong with a server as it is today (winrm get winrm/config, or the JSON
              of ${COLLECTION_SCRIPT_FILE_NAME}); can fail a pipeline with --fail-on.
  questions   The questions, their values and when each is asked.

Options:
  -h, --help  This help. "${NAME} <command> --help" for a command's options.

Exit codes: 0 done; 1 audit --fail-on found a finding at or above that severity; 2 bad input
(the message says what and where); 3 an internal error.
`;

function recommendHelp(): string {
  const width = Math.max(...QUESTIONS.map((q) => q.id.length)) + 2;
  const questions = QUESTIONS.map((q) => {
    const asked = q.askedWhen === 'always' ? '' : ` (asked when ${q.askedWhen})`;
    return `  --${q.id.padEnd(width)} ${QUESTION_VALUES[q.id].join('|')}${asked}\n      ${q.prompt}`;
  }).join('\n');
  return `Usage: ${NAME} recommend --platform windows|mixed ... [options]
       ${NAME} recommend --link 'https://.../recommendation?v=1&...' [options]

Prints the recommendation as the page's "Download JSON" gives it, or writes the page's script
files. Every question on your path needs an answer; an answer to a question that is not asked on
that path is an error. "${NAME} questions" lists them.

Answers:
${questions}

Or:
  --link URL            A permalink from the page (or just its query, v=1&...). Its host names
                        and admin addresses, if any, are used and kept in the permalink.

Hosts (optional; the scripts otherwise hold clearly named examples):
  --target HOST         The server you connect to (DNS name, IPv4 or IPv6 address).
  --resource HOST       The second computer (only on paths with a second hop).
  --admin-subnet LIST   The addresses you administer from, comma-separated (CIDR, ranges,
                        addresses): the firewall admits only these.
  --include-hosts-in-link
                        Put the hosts and admin addresses in the permalink (and the script
                        headers), as the page's "Include them in the link" box does.

Output:
  --format FORMAT       json (default): the JSON export, to stdout or psremoting-recommendation.json
                        ps1: target.ps1, client.ps1, [resource.ps1], rollback.ps1
                        gpo: gpo.ps1, gpo-rollback.ps1 (domain-joined Windows servers only)
                        ansible: playbook.yml, inventory.yml
  --out DIR             Write the files into DIR (created if needed). Required for ps1, gpo
                        and ansible.
  --force               Overwrite files that already exist in DIR.
  --base URL            The guide's address, for the permalink: default ${SITE_URL}
                        (with --link: that link's own address).
  -h, --help            This help.

Examples:
  ${NAME} recommend --platform windows --domain same --address name --assurance standard \\
    --network private --who admins --hop none
  ${NAME} recommend --link '${SITE_URL}/recommendation?v=1&platform=mixed&network=private&who=admins&hop=none' \\
    --format ps1 --out ./remoting
`;
}

const AUDIT_HELP = `Usage: ${NAME} audit FILE|- [--format text|json] [--fail-on high|medium|low]

Audits a server's remoting configuration as it is today, read from FILE (or stdin with -): the
output of "winrm get winrm/config" (followed by "winrm enumerate winrm/config/listener"), its XML
form (-format:xml), or the JSON of the guide's read-only ${COLLECTION_SCRIPT_FILE_NAME} (the most complete).
UTF-8, or UTF-16 with a byte order mark as Windows PowerShell's ">" writes it.

Options:
  --format text|json    text (default): the findings by severity (value found, why, sources, fix),
                        what is fine, what could not be checked, and the guide pre-filled from it.
                        json: the audit's result object.
  --fail-on SEVERITY    Exit 1 when a finding of this severity or higher exists (high, medium, low).
                        Without it the exit code is 0 whatever the findings.
  --base URL            The guide's address for links: default ${SITE_URL}
  -h, --help            This help.

Exit codes: 0 audited; 1 a finding at or above --fail-on; 2 the input could not be read (each
problem names its line).

Example (a pipeline gate):
  winrm get winrm/config > config.txt; winrm enumerate winrm/config/listener >> config.txt
  ${NAME} audit config.txt --fail-on high
`;

const QUESTIONS_HELP = `Usage: ${NAME} questions [--format text|json]

Lists the questions in the order the guide asks them: each one's values, why it matters and when
it is asked. "askedIf" lists the earlier answers under which it is asked (any one of them; null:
that question was not asked on the path); it is derived from the guide's own rule by walking every
path of the questionnaire.

Options:
  --format text|json    text (default) or json.
  -h, --help            This help.
`;

// ---------------------------------------------------------------------------------------------
// Argument parsing

type Options = NonNullable<ParseArgsConfig['options']>;

function parse(command: string, argv: string[], options: Options, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = e instanceof Error ? e.message : String(e);
    const see = `see "${NAME} ${command} --help"`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new UsageError(`unknown option ${option} for "${command}"; ${see}.`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /'(--?[\w-]+)/.exec(message)?.[1];
      throw new UsageError(option ? `${option} needs a value; ${see}.` : `${oneLine(message)}; ${see}.`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const arg = /'([^']+)'/.exec(message)?.[1] ?? '';
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)} for "${command}"; ${see}.`);
    }
    throw new UsageError(`${oneLine(message)}; ${see}.`);
  }
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option}: ${JSON.stringify(value)} is not one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);
}

/** The site's origin for permalinks and links, as the page uses `window.location.origin`. */
function originOf(option: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${option}: ${JSON.stringify(value)} is not an address (for example ${SITE_URL}).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--${option}: the address must start with https:// or http://.`);
  return url.origin;
}

// ---------------------------------------------------------------------------------------------
// recommend

const FORMATS = ['json', 'ps1', 'gpo', 'ansible'] as const;
type RecommendFormat = (typeof FORMATS)[number];
const JSON_FILE = 'psremoting-recommendation.json';

function recommendOptions(): Options {
  const answerOptions = Object.fromEntries(QUESTION_ORDER.map((id) => [id, { type: 'string' as const }]));
  return {
    ...answerOptions,
    link: { type: 'string' },
    target: { type: 'string' },
    resource: { type: 'string' },
    'admin-subnet': { type: 'string' },
    'include-hosts-in-link': { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    base: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  };
}

/** The answers given as options, checked as the page's link decoder checks a link's answers. */
function answersFromOptions(values: Record<string, unknown>): Answers {
  const raw: Record<string, string> = {};
  for (const id of QUESTION_ORDER) {
    const value = values[id];
    if (typeof value !== 'string') continue;
    if (!isAnswerValue(id, value)) {
      throw new UsageError(`--${id}: ${JSON.stringify(value)} is not a valid answer for "${id}"; allowed: ${QUESTION_VALUES[id].map((v) => `"${v}"`).join(', ')}.`);
    }
    raw[id] = value;
  }
  const answers = pruneAnswers(raw);
  for (const id of QUESTION_ORDER) {
    if (raw[id] !== undefined && answers[id] === undefined) {
      const question = getQuestion(id);
      const context = question.dependsOn.map((d) => `${d}=${answers[d] ?? '(none)'}`).join(', ');
      throw new UsageError(`--${id}: "${id}" is only asked when ${question.askedWhen}${context ? ` (you gave ${context})` : ''}; leave it out.`);
    }
  }
  const missing = firstUnanswered(answers);
  if (missing !== undefined) {
    const question = getQuestion(missing);
    throw new UsageError(
      `The answers are incomplete: "${missing}" has no answer yet (${question.prompt}); give --${missing} ${QUESTION_VALUES[missing].join('|')}.`,
    );
  }
  return answers;
}

/** The answers and hosts of a permalink; any problem the page would list stops here (exit 2). */
function fromLink(link: string): { answers: Answers; hosts: HostInput; origin: string | undefined } {
  let query = link.trim();
  let origin: string | undefined;
  if (/^https?:\/\//i.test(query)) {
    try {
      const url = new URL(query);
      origin = url.origin;
      query = url.search;
    } catch {
      throw new UsageError(`--link: ${JSON.stringify(oneLine(link).slice(0, 80))} is not an address.`);
    }
  } else {
    const mark = query.indexOf('?');
    if (mark !== -1) query = query.slice(mark);
    const hash = query.indexOf('#');
    if (hash !== -1) query = query.slice(0, hash);
  }
  // The page's address may carry the script tab on show: not part of the saved configuration.
  const { permalink } = splitScriptParam(query);
  const decoded = decodePermalink(permalink);
  const other = decoded.problems.filter((p) => p.kind !== 'missing-answer');
  if (other.length > 0) {
    throw new UsageError(`This link has problems. These parts were not used: ${other.map((p) => p.message).join(' ')}`);
  }
  const next = firstUnanswered(decoded.answers);
  if (next !== undefined) {
    throw new UsageError(
      `This link does not answer every question yet, so there is no recommendation to show. Continue the questionnaire at: ${getQuestion(next).prompt} (--${next} ${QUESTION_VALUES[next].join('|')})`,
    );
  }
  return { answers: decoded.answers, hosts: decoded.hosts, origin };
}

/** The host fields, checked as the page checks them (its messages). */
function hostsFromOptions(values: Record<string, unknown>, fromLinkHosts: HostInput): HostInput {
  const hosts: HostInput = { ...fromLinkHosts };
  for (const key of ['target', 'resource'] as const) {
    const value = values[key];
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    const checked = validateHost(trimmed);
    if (!checked.ok) throw new UsageError(`--${key}: ${oneLine(checked.message)}`);
    hosts[key] = trimmed;
  }
  const admin = values['admin-subnet'];
  if (typeof admin === 'string') {
    if (isBlankAdminSubnet(admin)) {
      delete hosts.adminSubnet;
    } else {
      const target = hosts.target === undefined ? undefined : validateHost(hosts.target);
      const checked = validateAdminSubnet(admin, target?.ok ? { targetKind: target.kind } : {});
      if (!checked.ok) throw new UsageError(`--admin-subnet: ${oneLine(checked.message)}`);
      hosts.adminSubnet = admin;
    }
  }
  return hosts;
}

/** The page's downloadable files for a format, named and written as the page downloads them. */
function filesFor(rec: Recommendation, format: Exclude<RecommendFormat, 'json'>): ScriptTab[] {
  const tabs = scriptTabs(rec);
  const names: Record<typeof format, string[]> = {
    ps1: ['target', 'client', 'resource', 'rollback'],
    gpo: ['gpo', 'gpo-rollback'],
    ansible: ['playbook', 'inventory'],
  };
  return tabs.filter((t) => names[format].includes(t.name));
}

function writeFiles(dir: string, files: { file: string; text: string }[], force: boolean): string[] {
  const paths = files.map((f) => join(dir, f.file));
  if (!force) {
    const existing = paths.filter((p) => existsSync(p));
    if (existing.length > 0) throw new UsageError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; use --force to overwrite.`);
  }
  try {
    mkdirSync(dir, { recursive: true });
    files.forEach((f, i) => writeFileSync(paths[i]!, f.text, 'utf8'));
  } catch (e) {
    throw new UsageError(`could not write into ${dir}: ${e instanceof Error ? oneLine(e.message) : String(e)}`);
  }
  return paths;
}

function runRecommend(argv: string[], io: Io): number {
  const { values } = parse('recommend', argv, recommendOptions(), false);
  if (values.help) {
    io.out(recommendHelp());
    return 0;
  }
  const format = oneOf('format', values.format as string | undefined, FORMATS, 'json');
  let answers: Answers;
  let linkHosts: HostInput = {};
  let linkOrigin: string | undefined;
  if (typeof values.link === 'string') {
    const given = QUESTION_ORDER.find((id) => values[id] !== undefined);
    if (given) throw new UsageError(`--link and --${given} cannot be combined: the link holds the answers.`);
    ({ answers, hosts: linkHosts, origin: linkOrigin } = fromLink(values.link));
  } else {
    answers = answersFromOptions(values);
  }
  const hosts = hostsFromOptions(values, linkHosts);
  const origin = typeof values.base === 'string' ? originOf('base', values.base) : (linkOrigin ?? SITE_URL);
  // As on the page: a link that carried hosts keeps them in the permalink.
  const includeHosts = values['include-hosts-in-link'] === true || Boolean(linkHosts.target || linkHosts.resource || linkHosts.adminSubnet);
  const rec = recommend(answers, hosts, { permalinkBase: `${origin}/recommendation`, includeHostsInPermalink: includeHosts });
  if (hosts.resource !== undefined && !rec.hosts.resource) io.err(`${NAME}: note: --resource was not used: this path has no second computer.\n`);

  const out = values.out as string | undefined;
  if (format === 'json') {
    const text = exportJson(rec);
    if (out === undefined) io.out(text);
    else io.err(`Wrote ${writeFiles(out, [{ file: JSON_FILE, text }], values.force === true).join(', ')}\n`);
    return 0;
  }
  if (out === undefined) throw new UsageError(`--format ${format} writes files: give --out DIR.`);
  if (format === 'gpo' && !rec.groupPolicy) {
    throw new UsageError(
      `There is no Group Policy for this path (platform=${rec.answers.platform}${rec.answers.domain ? `, domain=${rec.answers.domain}` : ''}): gpo.ps1 is only for domain-joined Windows servers. Use --format ps1 or ansible.`,
    );
  }
  const files = filesFor(rec, format).map((t) => ({ file: t.file, text: t.code }));
  io.err(`Wrote ${writeFiles(out, files, values.force === true).join(', ')}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// audit

const FAIL_ON = ['high', 'medium', 'low'] as const;
const SEVERITY_TITLE: Record<AuditSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low' };
const FORMAT_LABEL = { text: 'winrm get winrm/config (text)', xml: 'winrm get winrm/config (XML)', json: 'the collection script (JSON)' } as const;

/** Decodes the bytes as the page decodes a dropped file: UTF-16 LE with its mark, else UTF-8. */
function decodeInput(bytes: Uint8Array): string {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  return new TextDecoder(utf16 ? 'utf-16le' : 'utf-8').decode(bytes);
}

function indent(text: string, prefix: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => (l ? prefix + l : l))
    .join('\n');
}

function findingText(f: Finding, origin: string): string {
  const lines = [`- ${f.title}${f.subject ? ` (${f.subject})` : ''}`];
  lines.push(`    Found: ${f.found}${f.source === 'group-policy' ? ' (set by Group Policy)' : ''}`);
  lines.push(`    Why: ${f.message}`);
  if (f.fix.kind === 'group-policy') {
    lines.push(`    Fix (set by Group Policy): ${f.fix.path}: ${f.fix.state}${f.fix.note ? ` ${f.fix.note}` : ''}`);
  } else {
    lines.push(`    Fix:${f.fix.note ? ` ${f.fix.note}` : ''}`);
    lines.push(indent(f.fix.command, '      '));
  }
  lines.push('    Sources:');
  // Titles and links, as the page shows them: a key such as WSEC means nothing in a terminal.
  for (const key of f.sources) lines.push(`      ${SOURCES[key].title} (${SOURCES[key].publisher}): ${SOURCES[key].url}`);
  lines.push(`    Read about it: ${origin}/topics/${f.topic}`);
  return lines.join('\n');
}

function auditText(result: Extract<AuditResult, { ok: true }>, origin: string): string {
  const { findings, fine, notChecked, inferredAnswers } = result;
  const count = (s: AuditSeverity) => findings.filter((f) => f.severity === s).length;
  const parts = [`Findings: ${count('high')} high, ${count('medium')} medium, ${count('low')} low (read from ${FORMAT_LABEL[result.format]})`];
  for (const severity of FAIL_ON) {
    const list = findings.filter((f) => f.severity === severity);
    if (list.length > 0) parts.push(`${SEVERITY_TITLE[severity]}\n${list.map((f) => findingText(f, origin)).join('\n')}`);
  }
  if (fine.length > 0) parts.push(`What is fine\n${fine.map((f) => `- ${f.title}: ${f.found}`).join('\n')}`);
  if (notChecked.length > 0) parts.push(`Not checked (not in the input)\n${notChecked.map((n) => `- ${n.title}`).join('\n')}`);
  const reasons = Object.values(inferredAnswers.reasons);
  const next = firstUnanswered(inferredAnswers.answers);
  parts.push(
    `Start the guide from this\n${reasons.length > 0 ? reasons.map((r) => `- ${r}`).join('\n') : '- The audit could not infer any answer from this input.'}\n` +
      `${origin}${guideHref(inferredAnswers.answers, next ?? 'done')}`,
  );
  return `${parts.join('\n\n')}\n`;
}

async function runAudit(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'audit',
    argv,
    { format: { type: 'string' }, 'fail-on': { type: 'string' }, base: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) {
    io.out(AUDIT_HELP);
    return 0;
  }
  const format = oneOf('format', values.format as string | undefined, ['text', 'json'] as const, 'text');
  const failOn = values['fail-on'] === undefined ? undefined : oneOf('fail-on', values['fail-on'] as string, FAIL_ON, 'high');
  const origin = typeof values.base === 'string' ? originOf('base', values.base) : SITE_URL;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? `audit needs a FILE (or - for stdin); see "${NAME} audit --help".` : `audit takes one FILE, not ${positionals.length}.`);
  }
  const file = positionals[0]!;
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await io.readStdin() : readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : e instanceof Error ? oneLine(e.message) : String(e)}.`);
  }
  // The page refuses a file this large before reading it; the same limit and words here.
  if (bytes.length > MAX_INPUT_CHARS * 2) {
    throw new UsageError(
      `${file === '-' ? 'The input' : file} is ${Math.round(bytes.length / 1024)} KiB: far larger than any WinRM configuration. Choose the output of winrm get winrm/config or of ${COLLECTION_SCRIPT_FILE_NAME}.`,
    );
  }
  const result = auditInput(decodeInput(bytes));
  if (format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
  if (!result.ok) {
    if (format === 'text') io.err(`This could not be audited:\n${result.problems.map((p) => `  Line ${p.line}: ${oneLine(p.message)}`).join('\n')}\n`);
    return 2;
  }
  if (format === 'text') io.out(auditText(result, origin));
  if (failOn !== undefined && result.findings.some((f) => SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[failOn])) return 1;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// questions

/** Every complete path through the questionnaire, walked with the guide's own rules. */
function allPaths(): Answers[] {
  const out: Answers[] = [];
  const grow = (answers: Answers) => {
    const next = firstUnanswered(answers);
    if (next === undefined) out.push(answers);
    else for (const value of QUESTION_VALUES[next]) grow({ ...answers, [next]: value });
  };
  grow({});
  return out;
}

export interface QuestionInfo {
  id: QuestionId;
  prompt: string;
  why: string;
  topic: string;
  values: { value: string; label: string; help: string }[];
  /** The rule in words, as the guide states it. */
  askedWhen: string;
  /** The earlier questions the rule reads. */
  dependsOn: QuestionId[];
  /** The answers to `dependsOn` under which the question is asked (any one; null: not asked on that path). `[{}]`: always. */
  askedIf: Partial<Record<QuestionId, string | null>>[];
}

export function questionsData(): QuestionInfo[] {
  const paths = allPaths();
  return QUESTIONS.map((q) => {
    const seen = new Map<string, Partial<Record<QuestionId, string | null>>>();
    for (const path of paths) {
      if (!questionApplies(q.id, path)) continue;
      const projection = Object.fromEntries(q.dependsOn.map((d) => [d, path[d] ?? null])) as Partial<Record<QuestionId, string | null>>;
      seen.set(JSON.stringify(projection), projection);
    }
    return {
      id: q.id,
      prompt: q.prompt,
      why: q.why,
      topic: q.topic,
      values: q.options.map((o) => ({ value: o.value, label: o.label, help: o.help })),
      askedWhen: q.askedWhen,
      dependsOn: [...q.dependsOn],
      askedIf: [...seen.values()],
    };
  });
}

function questionsText(data: QuestionInfo[]): string {
  return data
    .map((q) => {
      const values = q.values.map((v) => `    ${v.value}: ${v.label}. ${v.help}`).join('\n');
      const cases =
        q.dependsOn.length === 0
          ? ''
          : `\n    ${q.askedIf.map((c) => Object.entries(c).map(([k, v]) => `${k}=${v ?? '(not asked)'}`).join(', ')).join('\n    ')}`;
      return `--${q.id}: ${q.prompt}\n  Why: ${q.why}\n  Values:\n${values}\n  Asked when: ${q.askedWhen}${cases ? `, that is for:${cases}` : ''}`;
    })
    .join('\n\n')
    .concat('\n');
}

function runQuestions(argv: string[], io: Io): number {
  const { values } = parse('questions', argv, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    io.out(QUESTIONS_HELP);
    return 0;
  }
  const format = oneOf('format', values.format as string | undefined, ['text', 'json'] as const, 'text');
  const data = questionsData();
  io.out(format === 'json' ? `${JSON.stringify({ questions: data }, null, 2)}\n` : questionsText(data));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// The tool

/** Runs one command line; never throws (bad input is exit code 2, anything else 3). */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      if (command === 'help' && rest[0]) return await run([rest[0], '--help'], io);
      io.out(TOOL_HELP);
      return 0;
    }
    if (command === 'recommend') return runRecommend(rest, io);
    if (command === 'audit') return await runAudit(rest, io);
    if (command === 'questions') return runQuestions(rest, io);
    throw new UsageError(`${command.startsWith('-') ? 'unknown option' : 'unknown command'} ${JSON.stringify(command)}; the commands are recommend, audit and questions (see "${NAME} --help").`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${NAME}: ${oneLine(e.message)}\n`);
      return 2;
    }
    // The core's own errors for bad input (recommend() checks again what was checked above).
    if (e instanceof Error && ['IncompleteAnswersError', 'InvalidHostError', 'InvalidAdminSubnetError'].includes(e.name)) {
      io.err(`${NAME}: ${oneLine(e.message)}\n`);
      return 2;
    }
    io.err(`${NAME}: internal error: ${e instanceof Error ? oneLine(e.message) : String(e)} (please report it)\n`);
    return 3;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * `--batch` (not in the help; for the tests): each stdin line is a JSON array of arguments, run
 * in this one process; each answer is one JSON line `{"code", "stdout", "stderr"}`.
 */
async function runBatch(): Promise<number> {
  const input = (await readAll(process.stdin)).toString('utf8');
  for (const line of input.split('\n')) {
    if (line.trim() === '') continue;
    let args: unknown;
    try {
      args = JSON.parse(line);
    } catch {
      args = undefined;
    }
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) {
      process.stdout.write(`${JSON.stringify({ code: 2, stdout: '', stderr: `${NAME}: --batch: each line must be a JSON array of strings.\n` })}\n`);
      continue;
    }
    let stdout = '';
    let stderr = '';
    const code = await run(args as string[], {
      out: (t) => (stdout += t),
      err: (t) => (stderr += t),
      readStdin: () => Promise.resolve(Buffer.alloc(0)),
    });
    process.stdout.write(`${JSON.stringify({ code, stdout, stderr })}\n`);
  }
  return 0;
}

/** The process entry (bin/psremoting-guide.mjs): returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // `... | head` closes the pipe early: stop quietly rather than with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  if (argv[0] === '--batch') return runBatch();
  return run(argv, {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    readStdin: () => readAll(process.stdin),
  });
}
