/**
 * Permalink codec. A permalink is a URL query string:
 *
 *   v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=none
 *
 * `v` is the format version, then the answers to the questions that were asked, in question
 * order, then optionally the `target` and `resource` host names and the `adminSubnet` list (the
 * addresses you administer from, entries joined by commas). `decodePermalink` never throws:
 * it returns what it could use plus typed problems, each with a message naming the key and
 * what is allowed.
 */
import { isBlankAdminSubnet, validateAdminSubnet } from './admin-subnet';
import { validateHost } from './hosts';
import { isBlankJeaCommands, validateJeaCommands } from './jea-commands';
import { QUESTION_ORDER, QUESTION_VALUES, isAnswerValue, isQuestionId, type Answers, type HostInput, type QuestionId } from './model';
import { applicableQuestions, getQuestion, pruneAnswers } from './questions';

export const PERMALINK_VERSION = '1';
export const HOST_KEYS = ['target', 'resource'] as const;
export type HostKey = (typeof HOST_KEYS)[number];
export const ADMIN_SUBNET_KEY = 'adminSubnet';
export const JEA_COMMANDS_KEY = 'jeaCommands';

export type PermalinkProblem =
  | { kind: 'unknown-key'; key: string; message: string }
  | { kind: 'invalid-value'; key: QuestionId; value: string; allowed: readonly string[]; message: string }
  | { kind: 'duplicate-key'; key: string; message: string }
  | { kind: 'unsupported-version'; key: 'v'; value: string; allowed: readonly string[]; message: string }
  | { kind: 'missing-version'; key: 'v'; message: string }
  | { kind: 'malformed-encoding'; key?: string; message: string }
  | { kind: 'not-applicable'; key: QuestionId; value: string; message: string }
  | { kind: 'missing-answer'; key: QuestionId; allowed: readonly string[]; message: string }
  | { kind: 'invalid-host'; key: HostKey; message: string }
  | { kind: 'invalid-admin-subnet'; key: typeof ADMIN_SUBNET_KEY; message: string }
  | { kind: 'invalid-jea-commands'; key: typeof JEA_COMMANDS_KEY; message: string };

export type PermalinkProblemKind = PermalinkProblem['kind'];

export interface DecodedPermalink {
  answers: Answers;
  hosts: HostInput;
  problems: PermalinkProblem[];
}

export interface EncodeOptions {
  /** Add `target`/`resource`/`adminSubnet` to the link. Default false: they stay out of shared links. */
  includeHosts?: boolean;
}

/** A short, printable rendering of untrusted text for messages. */
function show(text: string): string {
  let out = '';
  for (const ch of text) {
    if (out.length >= 40) {
      out += '...';
      break;
    }
    const cp = ch.codePointAt(0) ?? 0;
    out += cp >= 0x20 && cp < 0x7f ? ch : '?';
  }
  return `"${out}"`;
}

function listValues(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/** Encodes answers (only those that apply, in question order) and optionally the hosts and admin addresses. */
export function encodeAnswers(answers: Readonly<Record<string, unknown>>, hosts?: HostInput, options: EncodeOptions = {}): string {
  const pruned = pruneAnswers(answers);
  const parts = [`v=${PERMALINK_VERSION}`];
  for (const id of QUESTION_ORDER) {
    const value = pruned[id];
    if (value !== undefined) parts.push(`${id}=${encodeURIComponent(value)}`);
  }
  if (options.includeHosts && hosts) {
    for (const key of HOST_KEYS) {
      const raw = hosts[key];
      if (raw === undefined || raw === '') continue;
      const checked = validateHost(raw);
      if (checked.ok) parts.push(`${key}=${encodeURIComponent(checked.host)}`);
    }
    const admin = adminSubnetFor(hosts.adminSubnet, hosts.target);
    if (admin?.ok) parts.push(`${ADMIN_SUBNET_KEY}=${encodeURIComponent(admin.entries.join(','))}`);
    const commands = hosts.jeaCommands === undefined || isBlankJeaCommands(hosts.jeaCommands) ? undefined : validateJeaCommands(hosts.jeaCommands);
    if (commands?.ok) parts.push(`${JEA_COMMANDS_KEY}=${encodeURIComponent(commands.commands.join(','))}`);
  }
  return parts.join('&');
}

/** The admin-address list checked against the target's address family; undefined when none was given. */
function adminSubnetFor(raw: string | undefined, target: string | undefined) {
  if (raw === undefined || isBlankAdminSubnet(raw)) return undefined;
  const checkedTarget = target === undefined ? undefined : validateHost(target);
  return validateAdminSubnet(raw, checkedTarget?.ok ? { targetKind: checkedTarget.kind } : {});
}

function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Decodes a query string (with or without the leading "?"). Never throws. */
export function decodePermalink(search: unknown): DecodedPermalink {
  const problems: PermalinkProblem[] = [];
  const empty: DecodedPermalink = { answers: {}, hosts: {}, problems };
  try {
    if (typeof search !== 'string') return empty;
    const query = search.startsWith('?') ? search.slice(1) : search;
    if (query.length === 0) return empty;

    const seen = new Set<string>();
    let version: string | undefined;
    const raw: Record<string, string> = {};
    const hosts: HostInput = {};
    let adminSubnet: string | undefined;

    for (const pair of query.split('&')) {
      if (pair.length === 0) continue;
      const eq = pair.indexOf('=');
      const rawKey = eq === -1 ? pair : pair.slice(0, eq);
      const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
      const key = decodeComponent(rawKey);
      if (key === undefined) {
        problems.push({ kind: 'malformed-encoding', message: `A parameter name (${show(rawKey)}) has broken percent-encoding and was ignored.` });
        continue;
      }
      const value = decodeComponent(rawValue);
      if (value === undefined) {
        problems.push({ kind: 'malformed-encoding', key, message: `The value of ${show(key)} has broken percent-encoding (${show(rawValue)}) and was ignored.` });
        continue;
      }
      if (seen.has(key)) {
        problems.push({ kind: 'duplicate-key', key, message: `${show(key)} appears more than once; the first value was used and the others were ignored.` });
        continue;
      }
      seen.add(key);

      if (key === 'v') {
        version = value;
      } else if (isQuestionId(key)) {
        if (isAnswerValue(key, value)) {
          raw[key] = value;
        } else {
          const allowed = QUESTION_VALUES[key];
          problems.push({ kind: 'invalid-value', key, value, allowed, message: `${show(value)} is not a valid answer for "${key}"; allowed: ${listValues(allowed)}.` });
        }
      } else if ((HOST_KEYS as readonly string[]).includes(key)) {
        const hostKey = key as HostKey;
        const checked = validateHost(value);
        if (checked.ok) hosts[hostKey] = checked.host;
        else problems.push({ kind: 'invalid-host', key: hostKey, message: `The ${hostKey} host was ignored: ${checked.message}` });
      } else if (key === ADMIN_SUBNET_KEY) {
        adminSubnet = value;
      } else if (key === JEA_COMMANDS_KEY) {
        const checked = validateJeaCommands(value);
        if (checked.ok) hosts.jeaCommands = checked.commands.join(', ');
        else problems.push({ kind: 'invalid-jea-commands', key: JEA_COMMANDS_KEY, message: `The JEA commands ("${JEA_COMMANDS_KEY}") were ignored: ${checked.message}` });
      } else {
        problems.push({
          kind: 'unknown-key',
          key,
          message: `${show(key)} is not a known parameter and was ignored; known: "v", ${listValues([...QUESTION_ORDER, ...HOST_KEYS, ADMIN_SUBNET_KEY, JEA_COMMANDS_KEY])}.`,
        });
      }
    }

    if (version === undefined) {
      problems.unshift({ kind: 'missing-version', key: 'v', message: `The link has no version ("v"); it was read as version ${PERMALINK_VERSION}.` });
    } else if (version !== PERMALINK_VERSION) {
      return {
        answers: {},
        hosts: {},
        problems: [
          {
            kind: 'unsupported-version',
            key: 'v',
            value: version,
            allowed: [PERMALINK_VERSION],
            message: `This link uses version ${show(version)} of the link format; this guide reads version "${PERMALINK_VERSION}". Its answers were not used.`,
          },
        ],
      };
    }

    if (adminSubnet !== undefined) {
      const checked = adminSubnetFor(adminSubnet, hosts.target) ?? validateAdminSubnet(adminSubnet);
      if (checked.ok) hosts.adminSubnet = checked.entries.join(', ');
      else problems.push({ kind: 'invalid-admin-subnet', key: ADMIN_SUBNET_KEY, message: `The admin addresses ("${ADMIN_SUBNET_KEY}") were ignored: ${checked.message}` });
    }

    const answers = pruneAnswers(raw);
    for (const id of QUESTION_ORDER) {
      const value = raw[id];
      if (value !== undefined && answers[id] === undefined) {
        const deps = getQuestion(id).dependsOn;
        const context = deps.map((d) => `${d}=${answers[d] ?? '(none)'}`).join(', ');
        problems.push({
          kind: 'not-applicable',
          key: id,
          value,
          message: `"${id}" is only asked when ${getQuestion(id).askedWhen}${context ? ` (this link has ${context})` : ''}; its answer was ignored.`,
        });
      }
    }
    for (const q of applicableQuestions(answers)) {
      if (answers[q.id] === undefined) {
        problems.push({
          kind: 'missing-answer',
          key: q.id,
          allowed: QUESTION_VALUES[q.id],
          message: `The link has no answer for "${q.id}" (${q.prompt}); allowed: ${listValues(QUESTION_VALUES[q.id])}. You will be asked.`,
        });
      }
    }
    return { answers, hosts, problems };
  } catch {
    // Defensive: nothing above is expected to throw.
    return { answers: {}, hosts: {}, problems: [{ kind: 'malformed-encoding', message: 'The link could not be read.' }] };
  }
}
