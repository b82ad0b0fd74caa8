import { useEffect, useMemo, useRef, useState } from 'react';
import { questionnaireView, type QuestionnaireEvent, type QuestionnaireView } from '../../core/questionnaire-view.ts';
import type { Answers, QuestionId } from '../../core/model.ts';
import { whenIdle } from '../when-idle.ts';

type ActorModule = typeof import('./questionnaire-actor.ts');
let actorModule: Promise<ActorModule> | undefined;

/** The machine's chunk; a failed load is tried again next time. */
function loadActor(): Promise<ActorModule> {
  actorModule ??= import('./questionnaire-actor.ts').catch((error: unknown) => {
    actorModule = undefined;
    throw error;
  });
  return actorModule;
}

/**
 * The questionnaire at one address. The address is the saved state (reload and the browser's
 * back/forward keep working), so each address starts from its answers (and the step it names).
 * `view` is where the machine rests there, worked out without the machine; `send` runs the
 * machine from the same address when the user acts and hands its next state to `then`, for the
 * page to turn into the next address. The machine and XState are fetched once the page is idle,
 * so they are not on the way to the first paint and are there before the first answer.
 */
export function useQuestionnaire(answers: Answers, step: QuestionId | undefined) {
  const view = useMemo(() => questionnaireView({ answers }, step), [answers, step]);
  const [loadFailed, setLoadFailed] = useState(false);
  // Only the latest action counts: two clicks before the chunk arrives make one step, not two.
  const latest = useRef(0);

  useEffect(() => whenIdle(() => void loadActor().catch(() => undefined)), []);
  // An action still waiting for the chunk is dropped when the address changes (back, a link).
  useEffect(() => {
    latest.current++;
  }, [answers, step]);

  const send = (event: QuestionnaireEvent, then: (next: QuestionnaireView) => void) => {
    const ticket = ++latest.current;
    loadActor().then(
      ({ nextView }) => {
        if (ticket !== latest.current) return;
        setLoadFailed(false);
        then(nextView(answers, step, event));
      },
      () => ticket === latest.current && setLoadFailed(true),
    );
  };
  return { view, send, loadFailed };
}
