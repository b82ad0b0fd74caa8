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
import { QUESTION_ORDER, isAnswerValue, type QuestionId } from './model';
import { pruneAnswers, questionApplies } from './questions';
import {
  atFrontier,
  canGoBack,
  canGoTo,
  initialContext,
  nextStateFor,
  pathBefore,
  type QuestionnaireContext,
  type QuestionnaireEvent,
  type QuestionnaireInput,
  type QuestionnaireStateValue,
} from './questionnaire-view';

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
