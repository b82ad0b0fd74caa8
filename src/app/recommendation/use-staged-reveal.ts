import { startTransition, useEffect, useState } from 'react';

/**
 * How many of the page's `stages` later parts to show: none on the first render (the first
 * screen), then one more after each commit, each in a transition of its own. React renders a
 * transition in slices, but commits it in one task: with the whole rest of the page in one
 * transition (900 elements on a recommendation), that commit was the longest task of the load on
 * a phone. In parts, each commit is a task of a third of the size, and a tap between them is
 * answered.
 */
export function useStagedReveal(stages: number): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown < stages) startTransition(() => setShown(shown + 1));
  }, [shown, stages]);
  return shown;
}
