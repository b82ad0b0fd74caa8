/**
 * The questionnaire as an XState v5 machine: one state per question plus `done`, and a transient
 * `route` state that moves to the next question on the path (or to `done`).
 *
 * Events:
 * - `ANSWER { question, value }` answers the current question and moves to the first question on
 *   the path without an answer, or to `done` when there is none: changing one answer never makes
 *   the user walk again through later questions that are already answered. Answers that no
 *   longer apply are dropped; answers that still apply are kept (the UI shows them pre-selected
 *   when the user goes back to them).
 * - `BACK` returns to the previous question on the path (from `done`: the last question).
 * - `GOTO { question }` jumps to an answered question on the path, or to the first unanswered one.
 * - `RESTART` clears everything.
 *
 * `input: { answers }` starts from a partial answer set (a permalink) at the first unanswered
 * question; complete answers start in `done`.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { QUESTION_ORDER, isAnswerValue, type Answers, type QuestionId } from './model';
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
function pathBefore(answers: Answers, question: QuestionId): QuestionId[] {
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
function atFrontier(answers: Answers): QuestionnaireContext {
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

const questionStates = Object.fromEntries(
  QUESTION_ORDER.map((id) => [
    id,
    {
      on: {
        ANSWER: {
          guard: { type: 'isValidAnswer', params: { question: id } },
          actions: { type: 'recordAnswer', params: { question: id } },
          target: 'route',
        },
      },
    },
  ]),
) as Record<QuestionId, object>;

const buildMachine = () =>
  setup({
    types: {
      context: {} as QuestionnaireContext,
      events: {} as QuestionnaireEvent,
      input: {} as QuestionnaireInput | undefined,
    },
    guards: {
      /** The answer is for this state's question and is one of its values. */
      isValidAnswer: ({ context, event }, params: { question: QuestionId }) =>
        event.type === 'ANSWER' &&
        event.question === params.question &&
        isAnswerValue(params.question, event.value) &&
        questionApplies(params.question, context.answers),
      /** `route` goes to this question (decided with the questions' appliesWhen rules). */
      isNext: ({ context }, params: { question: QuestionId }) => nextStateFor(context) === params.question,
      canGoBack: ({ context }) => canGoBack(context),
      canGoTo: ({ context, event }) => event.type === 'GOTO' && canGoTo(context, event.question),
    },
    actions: {
      recordAnswer: assign(({ context, event }, params: { question: QuestionId }) => {
        if (event.type !== 'ANSWER') return {};
        return atFrontier(pruneAnswers({ ...context.answers, [params.question]: event.value }));
      }),
      stepBack: assign(({ context }) => ({ history: context.history.slice(0, -1) })),
      goTo: assign(({ context, event }) => (event.type === 'GOTO' ? { history: pathBefore(context.answers, event.question) } : {})),
      restart: assign(() => ({ answers: {}, history: [] })),
    },
  }).createMachine({
    id: 'questionnaire',
    context: ({ input }) => initialContext(input),
    initial: 'route',
    on: {
      BACK: { guard: 'canGoBack', actions: 'stepBack', target: '.route' },
      GOTO: { guard: 'canGoTo', actions: 'goTo', target: '.route' },
      RESTART: { actions: 'restart', target: '.route' },
    },
    states: {
      route: {
        always: [
          ...QUESTION_ORDER.map((id) => ({ guard: { type: 'isNext' as const, params: { question: id } }, target: id })),
          { target: 'done' },
        ],
      },
      ...questionStates,
      done: {},
    },
  });

let built: ReturnType<typeof buildMachine> | undefined;

/**
 * The machine, built on first use rather than when the module loads: the guide's first render
 * needs none (questionnaireView), and building it is work a phone would do before the page
 * responds.
 */
export function questionnaireMachine(): ReturnType<typeof buildMachine> {
  return (built ??= buildMachine());
}

export type QuestionnaireSnapshot = SnapshotFrom<ReturnType<typeof buildMachine>>;

/** The current question id, or 'done'. */
export function currentStep(snapshot: QuestionnaireSnapshot): QuestionnaireStateValue {
  return snapshot.value as QuestionnaireStateValue;
}
