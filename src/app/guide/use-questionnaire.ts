import { useMemo } from 'react';
import { createActor } from 'xstate';
import { questionnaireMachine, questionnaireView, type QuestionnaireEvent, type QuestionnaireView } from '../../core/machine.ts';
import type { Answers, QuestionId } from '../../core/model.ts';

/**
 * The questionnaire at one address. The address is the saved state (reload and the browser's
 * back/forward keep working), so each address starts from its answers (and the step it names).
 * `view` is where the machine rests there, worked out without an actor; `send` starts the actor
 * from the same address when the user acts and returns the machine's next state, for the page
 * to turn into the next address.
 */
export function useQuestionnaire(answers: Answers, step: QuestionId | undefined) {
  const view = useMemo(() => questionnaireView({ answers }, step), [answers, step]);
  const send = (event: QuestionnaireEvent): QuestionnaireView => {
    const actor = createActor(questionnaireMachine(), { input: { answers } }).start();
    if (step) actor.send({ type: 'GOTO', question: step });
    actor.send(event);
    const { value, context } = actor.getSnapshot();
    actor.stop();
    return { value: value as QuestionnaireView['value'], context };
  };
  return { view, send };
}
