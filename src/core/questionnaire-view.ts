/**
 * Where the questionnaire goes, as plain functions: the path, where `route` leads, which BACK and
 * GOTO events are accepted, and what an actor at an address holds. The XState machine
 * (machine.ts) calls these for its context, guards and actions, so the two cannot disagree; the
 * guide renders every address from `questionnaireView` and loads the machine (and XState) only
 * when the user acts.
 */
import { QUESTION_ORDER, type Answers, type QuestionId } from './model';
import { applicableQuestions, firstUnanswered, pruneAnswers, questionApplies } from './questions';

export interface QuestionnaireContext {
  answers: Answers;
  /** The questions on the path before the current one, in order (what BACK walks through). */
  history: QuestionId[];
}

export type QuestionnaireEvent =
  { type: 'ANSWER'; question: QuestionId; value: string } | { type: 'BACK' } | { type: 'GOTO'; question: QuestionId } | { type: 'RESTART' };

export interface QuestionnaireInput {
  answers?: Readonly<Record<string, unknown>>;
}

export type QuestionnaireStateValue = QuestionId | 'done';

function pathIds(answers: Answers): QuestionId[] {
  return applicableQuestions(answers).map((q) => q.id);
}

/** The questions on the path strictly before `question`. */
export function pathBefore(answers: Answers, question: QuestionId): QuestionId[] {
  const path = pathIds(answers);
  const index = path.indexOf(question);
  return index === -1 ? path : path.slice(0, index);
}

/** Where `route` goes: the question after the last one in history, or `done`. */
export function nextStateFor(context: QuestionnaireContext): QuestionnaireStateValue {
  const path = pathIds(context.answers);
  const last = context.history[context.history.length - 1];
  if (last === undefined) return path[0] ?? 'done';
  const index = path.indexOf(last);
  if (index === -1) return firstUnanswered(context.answers) ?? 'done';
  return path[index + 1] ?? 'done';
}

/** The context at the frontier of an answer set: at its first unanswered question, or at the end. */
export function atFrontier(answers: Answers): QuestionnaireContext {
  const first = firstUnanswered(answers);
  const history = first === undefined ? pathIds(answers) : pathBefore(answers, first);
  return { answers, history };
}

/**
 * BACK is accepted when there is a step to go back to. The page asks this instead of
 * `snapshot.can(BACK)`, which works out the whole transition, the route's guards included
 * (40 ms of the guide's first render on a throttled phone CPU).
 */
export function canGoBack(context: QuestionnaireContext): boolean {
  return context.history.length > 0;
}

/** GOTO is accepted for a question on the path that is answered, or is the first unanswered one. */
export function canGoTo(context: QuestionnaireContext, question: QuestionId): boolean {
  if (!QUESTION_ORDER.includes(question)) return false;
  if (!questionApplies(question, context.answers)) return false;
  return context.answers[question] !== undefined || firstUnanswered(context.answers) === question;
}

/** The initial context for a (possibly partial, possibly invalid) answer set. */
export function initialContext(input?: QuestionnaireInput): QuestionnaireContext {
  return atFrontier(pruneAnswers(input?.answers ?? {}));
}

/** Where the machine rests and what it holds: the part of a snapshot a page shows. */
export interface QuestionnaireView {
  value: QuestionnaireStateValue;
  context: QuestionnaireContext;
}

/**
 * What an actor started from `input`, then sent GOTO `step` (when given), holds, worked out by
 * the functions the machine's own context, guards and actions call, without building the machine
 * or starting an actor. The guide renders each address from this and starts an actor only when
 * the user acts: building and starting one was the largest part of the guide's first render on a
 * phone (XState resolves the route's guarded transitions cold). paths.test checks that this
 * agrees with a started actor at every step of every path.
 */
export function questionnaireView(input?: QuestionnaireInput, step?: QuestionId): QuestionnaireView {
  const start = initialContext(input);
  const context = step !== undefined && canGoTo(start, step) ? { ...start, history: pathBefore(start.answers, step) } : start;
  return { value: nextStateFor(context), context };
}
