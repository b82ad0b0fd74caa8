import { createActor } from 'xstate';
import { questionnaireMachine } from '../../core/machine.ts';
import type { QuestionnaireEvent, QuestionnaireView } from '../../core/questionnaire-view.ts';
import type { Answers, QuestionId } from '../../core/model.ts';

/**
 * Where the machine rests after `event`, sent to an actor started at an address (its answers,
 * then GOTO the step it names). A chunk of its own: XState is loaded when the user acts, not
 * before the guide's first paint.
 */
export function nextView(answers: Answers, step: QuestionId | undefined, event: QuestionnaireEvent): QuestionnaireView {
  const actor = createActor(questionnaireMachine(), { input: { answers } }).start();
  if (step) actor.send({ type: 'GOTO', question: step });
  actor.send(event);
  const { value, context } = actor.getSnapshot();
  actor.stop();
  return { value: value as QuestionnaireView['value'], context };
}
