/**
 * The questionnaire as data: each question's prompt, why it matters, its values (label and a
 * one-line help), the topic page to learn more, and when it is asked.
 *
 * `appliesWhen` only reads answers to questions that come earlier in QUESTION_ORDER (listed in
 * `dependsOn`; a test checks it), so a single pass in question order decides which answers apply.
 */
import {
  QUESTION_ORDER,
  QUESTION_VALUES,
  isAnswerValue,
  isQuestionId,
  type AnswerValue,
  type Answers,
  type QuestionId,
} from './model';
import type { TopicSlug } from './topics';

export interface QuestionOption<V extends string = string> {
  value: V;
  label: string;
  help: string;
}

export interface Question<Q extends QuestionId = QuestionId> {
  id: Q;
  prompt: string;
  /** Why the answer matters, in plain words. */
  why: string;
  /** Learn-more topic page. */
  topic: TopicSlug;
  options: QuestionOption<AnswerValue<Q>>[];
  /** The "asked when" rule in words (for documentation and the UI). */
  askedWhen: string;
  /** The questions whose answers `appliesWhen` reads (all asked earlier). */
  dependsOn: QuestionId[];
  appliesWhen: (answers: Answers) => boolean;
}

const always = () => true;
const hasSecondHop = (a: Answers) => a.hop === 'files' || a.hop === 'remoting';

type QuestionTable = { [Q in QuestionId]: Question<Q> };

const TABLE: QuestionTable = {
  platform: {
    id: 'platform',
    prompt: 'Which operating systems are at the two ends of the connection?',
    why: 'Windows-to-Windows remoting uses WinRM, which has endpoints and Just Enough Administration. As soon as Linux or macOS is at either end, PowerShell 7 over SSH is the supported way.',
    topic: 'remoting-basics',
    askedWhen: 'always',
    dependsOn: [],
    appliesWhen: always,
    options: [
      { value: 'windows', label: 'Windows at both ends', help: 'The computer you work from and the server are both Windows.' },
      { value: 'mixed', label: 'Linux or macOS at either end', help: 'The client or the server (or both) runs Linux or macOS.' },
    ],
  },
  domain: {
    id: 'domain',
    prompt: 'How are the two computers joined to Active Directory?',
    why: 'Kerberos, the strongest default, needs both computers in the same domain or in domains that trust each other. Otherwise the connection falls back to NTLM unless you add certificates.',
    topic: 'kerberos',
    askedWhen: 'platform = windows',
    dependsOn: ['platform'],
    appliesWhen: (a) => a.platform === 'windows',
    options: [
      { value: 'same', label: 'Same domain or trusted forest', help: 'Both computers are in one domain, or in domains or forests with a trust.' },
      { value: 'untrusted', label: 'Different domains without a trust', help: 'Each computer is in its own domain and the domains do not trust each other.' },
      { value: 'workgroup', label: 'Not domain-joined (workgroup)', help: 'At least one of the two computers is not joined to a domain.' },
    ],
  },
  address: {
    id: 'address',
    prompt: 'How do you address the server?',
    why: 'Kerberos only works when you connect by a name that has a service principal name. Connecting by IP address silently falls back to NTLM, which does not prove the server is genuine.',
    topic: 'kerberos',
    askedWhen: 'domain = same',
    dependsOn: ['domain'],
    appliesWhen: (a) => a.domain === 'same',
    options: [
      { value: 'name', label: 'By name', help: 'A DNS name or a short computer name, for example srv01 or srv01.contoso.com.' },
      { value: 'ip', label: 'By IP address', help: 'An IP address, or an alias (CNAME) that has no service principal name.' },
    ],
  },
  pki: {
    id: 'pki',
    prompt: 'Which certificates can you use for the server?',
    why: 'Without Kerberos, a server certificate that the client trusts is what proves the server is genuine and encrypts the connection with TLS.',
    topic: 'https-listeners-and-certificates',
    askedWhen: 'platform = windows, and domain is not same or address = ip',
    dependsOn: ['platform', 'domain', 'address'],
    appliesWhen: (a) =>
      a.platform === 'windows' &&
      (a.domain === 'untrusted' || a.domain === 'workgroup' || (a.domain === 'same' && a.address === 'ip')),
    options: [
      { value: 'enterprise', label: 'A certificate authority the clients already trust', help: 'For example an Active Directory Certificate Services enterprise CA.' },
      { value: 'selfsigned', label: 'Self-signed certificates', help: 'You create the certificate on the server and import it on each client. Manageable for a few servers.' },
      { value: 'none', label: 'No certificates', help: 'You cannot issue or distribute certificates for this server.' },
    ],
  },
  assurance: {
    id: 'assurance',
    prompt: 'What level of assurance do you need?',
    why: 'Kerberos already authenticates both ends and encrypts the traffic over HTTP. Some compliance regimes also require TLS and channel binding, which needs HTTPS and a certificate.',
    topic: 'encryption-in-transport',
    askedWhen: 'domain = same and address = name',
    dependsOn: ['domain', 'address'],
    appliesWhen: (a) => a.domain === 'same' && a.address === 'name',
    options: [
      { value: 'standard', label: 'Standard', help: 'Kerberos with its own message encryption over HTTP (port 5985) is enough.' },
      { value: 'high', label: 'High', help: 'Compliance wants TLS and channel binding as well (HTTPS on port 5986 only).' },
    ],
  },
  network: {
    id: 'network',
    prompt: 'Which network is the server on?',
    why: 'The firewall rule for remoting should only admit the computers you administer from. On a public network this matters even more.',
    topic: 'firewall-and-network-profiles',
    askedWhen: 'always',
    dependsOn: [],
    appliesWhen: always,
    options: [
      { value: 'private', label: 'A managed internal network', help: 'The server uses the Domain or Private network profile.' },
      { value: 'public', label: 'A public or untrusted network', help: 'The server uses the Public profile, or can be reached from networks you do not control.' },
    ],
  },
  who: {
    id: 'who',
    prompt: 'Who connects?',
    why: 'Administrators can use the default endpoint. People who only need a few tasks should get a constrained endpoint (Just Enough Administration) that allows only those tasks.',
    topic: 'jea-and-runas-endpoints',
    askedWhen: 'always',
    dependsOn: [],
    appliesWhen: always,
    options: [
      { value: 'admins', label: 'Administrators', help: 'People who administer the server anyway.' },
      { value: 'delegated', label: 'Delegated users', help: 'People who are not administrators and need a few specific tasks, for example a help desk.' },
    ],
  },
  hop: {
    id: 'hop',
    prompt: 'Do commands on the server need to reach a second computer?',
    why: 'A remote session has no credentials it can pass on, so access from the server to a second computer (the "second hop") fails unless you choose a way to allow it.',
    topic: 'second-hop',
    askedWhen: 'always',
    dependsOn: [],
    appliesWhen: always,
    options: [
      { value: 'none', label: 'No', help: 'Everything happens on the server itself.' },
      { value: 'files', label: 'Yes, a file share or service', help: 'A file share, SQL Server or another service on a second computer.' },
      { value: 'remoting', label: 'Yes, another remoting session', help: 'From the server you open another PowerShell remoting session to a second computer.' },
    ],
  },
  adcontrol: {
    id: 'adcontrol',
    prompt: "May you change the second computer's Active Directory object?",
    why: "Resource-based Kerberos constrained delegation is configured on the second computer's AD object and scopes delegation to that computer's services without Domain Admin rights.",
    topic: 'resource-based-constrained-delegation',
    askedWhen: 'hop = files and domain = same',
    dependsOn: ['domain', 'hop'],
    appliesWhen: (a) => a.hop === 'files' && a.domain === 'same',
    options: [
      { value: 'yes', label: 'Yes', help: 'You (or someone you can ask) may write the computer object of the second computer.' },
      { value: 'no', label: 'No', help: 'You cannot change the second computer in Active Directory.' },
    ],
  },
  trust: {
    id: 'trust',
    prompt: 'How trusted is the server compared with the second computer?',
    why: 'Passing full credentials to the server (CredSSP) is only acceptable when the server is as trusted as what those credentials protect, for example an administrator connecting to a domain controller.',
    topic: 'credssp',
    askedWhen: 'hop is not none and domain = same',
    dependsOn: ['domain', 'hop'],
    appliesWhen: (a) => hasSecondHop(a) && a.domain === 'same',
    options: [
      { value: 'tier0', label: 'Equally trusted (tier 0)', help: 'The server is as sensitive as the second computer, for example a domain controller.' },
      { value: 'normal', label: 'Less trusted', help: 'An ordinary member server that could be compromised without the second computer being at risk.' },
    ],
  },
  protected: {
    id: 'protected',
    prompt: 'Are the accounts that connect protected from delegation?',
    why: 'Members of Protected Users and accounts marked "sensitive and cannot be delegated" cannot use Kerberos delegation or CredSSP; only explicit credentials work for them.',
    topic: 'second-hop',
    askedWhen: 'hop is not none and domain = same',
    dependsOn: ['domain', 'hop'],
    appliesWhen: (a) => hasSecondHop(a) && a.domain === 'same',
    options: [
      { value: 'yes', label: 'Yes', help: 'They are in Protected Users or marked sensitive and cannot be delegated.' },
      { value: 'no', label: 'No', help: 'They are ordinary accounts.' },
    ],
  },
};

/** All questions in the order they are asked. */
export const QUESTIONS: readonly Question[] = QUESTION_ORDER.map((id) => TABLE[id] as unknown as Question);

export function getQuestion<Q extends QuestionId>(id: Q): Question<Q> {
  return TABLE[id] as Question<Q>;
}

/**
 * Keeps only valid answers to questions that apply, given the answers kept before them.
 * Unknown keys, invalid values and answers to questions that do not apply are dropped.
 */
export function pruneAnswers(answers: Readonly<Record<string, unknown>>): Answers {
  const kept: Record<string, string> = {};
  for (const id of QUESTION_ORDER) {
    const value = Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : undefined;
    if (value === undefined) continue;
    if (!isAnswerValue(id, value)) continue;
    if (!TABLE[id].appliesWhen(kept as Answers)) continue;
    kept[id] = value;
  }
  return kept as Answers;
}

/** Does the question apply given these answers (only the answers that themselves apply count)? */
export function questionApplies(id: QuestionId, answers: Readonly<Record<string, unknown>>): boolean {
  return TABLE[id].appliesWhen(pruneAnswers(answers));
}

/**
 * The questions on the path given the answers so far, in order. A question whose condition
 * depends on an unanswered question is not listed yet, so the list grows (or shrinks) as the
 * user answers: use it for "step 3 of 7".
 */
export function applicableQuestions(answers: Readonly<Record<string, unknown>>): Question[] {
  const pruned = pruneAnswers(answers);
  return QUESTIONS.filter((q) => q.appliesWhen(pruned));
}

/** The first question on the path that has no answer yet, or undefined when complete. */
export function firstUnanswered(answers: Readonly<Record<string, unknown>>): QuestionId | undefined {
  const pruned = pruneAnswers(answers);
  return QUESTIONS.find((q) => q.appliesWhen(pruned) && pruned[q.id] === undefined)?.id;
}

/** True when every question on the path has an answer. */
export function isComplete(answers: Readonly<Record<string, unknown>>): boolean {
  return firstUnanswered(answers) === undefined;
}

/**
 * Progress for the UI, which must never move backwards while the user walks forward: `answered`
 * counts the answers on the path and `remaining` is the most questions any way of finishing can
 * still ask (the longest completion). Answering the next question adds one to `answered` and
 * takes at least one from `remaining` (the choices left are a subset of those before), so the
 * counts and the share `answered / (answered + remaining)` only grow. A "step N of M" count
 * cannot promise that: M is the length of the path known so far, and it grows as answers open
 * branches ("Step 7 of 7", then "Step 8 of 10").
 */
export function progress(answers: Readonly<Record<string, unknown>>): { answered: number; remaining: number } {
  const pruned = pruneAnswers(answers);
  return { answered: Object.keys(pruned).length, remaining: longestCompletion(pruned) };
}

/**
 * Remembered per answer set: the walk visits the same partial answer sets again and again (a few
 * hundred in all), and the guide asks on every render, on a phone's slow CPU too.
 */
const longestFrom = new Map<string, number>();

/** How many answers the longest way of completing `answers` still needs. */
function longestCompletion(answers: Answers): number {
  const key = QUESTION_ORDER.map((q) => answers[q] ?? '').join('|');
  const known = longestFrom.get(key);
  if (known !== undefined) return known;
  // `answers` is pruned already (progress() and this walk prune every set they pass on).
  const next = QUESTIONS.find((q) => answers[q.id] === undefined && q.appliesWhen(answers))?.id;
  let longest = 0;
  if (next !== undefined) {
    for (const value of QUESTION_VALUES[next]) longest = Math.max(longest, longestCompletion(pruneAnswers({ ...answers, [next]: value })) + 1);
  }
  longestFrom.set(key, longest);
  return longest;
}

export { QUESTION_ORDER, QUESTION_VALUES, isQuestionId };
