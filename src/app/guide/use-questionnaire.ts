import { useMemo } from 'react';
import { createActor } from 'xstate';
import { questionnaireMachine, type QuestionnaireEvent, type QuestionnaireSnapshot } from '../../core/machine.ts';
import type { Answers, QuestionId } from '../../core/model.ts';

/**
 * The questionnaire actor for one address. The address is the saved state (reload and the
 * browser's back/forward keep working), so each address gets its actor started from its answers;
 * `send` returns the machine's next snapshot for the page to turn into the next address.
 */
export function useQuestionnaire(answers: Answers, step: QuestionId | undefined) {
  const actor = useMemo(() => {
    const a = createActor(questionnaireMachine, { input: { answers } });
    a.start();
    if (step) a.send({ type: 'GOTO', question: step });
    return a;
  }, [answers, step]);
  const snapshot: QuestionnaireSnapshot = actor.getSnapshot();
  const send = (event: QuestionnaireEvent): QuestionnaireSnapshot => {
    actor.send(event);
    return actor.getSnapshot();
  };
  return { snapshot, send };
}
