/**
 * The guide's progress never moves backwards while the user walks forward (answering the
 * question in front of them): the answered count grows, the most questions still to come
 * shrinks, and the bar's share grows. Checked on every path, and from random partial answer
 * sets (a link opened half-way) with random answers after.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import { questionnaireMachine } from './machine';
import { QUESTION_ORDER, QUESTION_VALUES, type Answers, type QuestionId } from './model';
import { firstUnanswered, progress } from './questions';
import { allCompleteAnswers } from './testing/answers';

type Progress = ReturnType<typeof progress>;
const share = (p: Progress) => p.answered / (p.answered + p.remaining);

function expectForward(before: Progress, after: Progress, where: string) {
  expect(after.answered, where).toBeGreaterThan(before.answered);
  expect(after.remaining, where).toBeLessThan(before.remaining);
  expect(share(after), where).toBeGreaterThan(share(before));
}

/** The snapshots' progress while a machine answers the current question with `choose`, up to done. */
function walk(start: Answers, choose: (question: QuestionId) => string): Progress[] {
  const actor = createActor(questionnaireMachine(), { input: { answers: start } }).start();
  const seen = [progress(actor.getSnapshot().context.answers)];
  for (let guard = 0; actor.getSnapshot().value !== 'done' && guard < QUESTION_ORDER.length; guard++) {
    const question = actor.getSnapshot().value as QuestionId;
    actor.send({ type: 'ANSWER', question, value: choose(question) });
    seen.push(progress(actor.getSnapshot().context.answers));
  }
  expect(actor.getSnapshot().value).toBe('done');
  return seen;
}

describe('progress', () => {
  test('every path: each answer moves it forward, and it ends with nothing remaining', () => {
    const complete = allCompleteAnswers();
    expect(complete.length).toBe(344);
    for (const answers of complete) {
      const seen = walk({}, (q) => answers[q] as string);
      for (let i = 1; i < seen.length; i++) expectForward(seen[i - 1]!, seen[i]!, JSON.stringify(answers));
      expect(seen.at(-1)).toEqual({ answered: Object.keys(answers).length, remaining: 0 });
      expect(seen[0]).toEqual({ answered: 0, remaining: 10 });
    }
  });

  test('answered plus remaining never falls short of the path actually taken', () => {
    for (const answers of allCompleteAnswers()) {
      let partial: Answers = {};
      for (let next = firstUnanswered(partial); next; next = firstUnanswered(partial)) {
        const { answered, remaining } = progress(partial);
        expect(answered + remaining).toBeGreaterThanOrEqual(Object.keys(answers).length);
        partial = { ...partial, [next]: answers[next] };
      }
    }
  });

  test('from any partial answer set (a link opened half-way), answering forward never moves it back', () => {
    const partial = fc.record(
      Object.fromEntries(QUESTION_ORDER.map((id) => [id, fc.constantFrom(...QUESTION_VALUES[id])])) as Record<QuestionId, fc.Arbitrary<string>>,
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(partial, fc.infiniteStream(fc.nat()), (start, picks) => {
        const seen = walk(start as Answers, (q) => QUESTION_VALUES[q][picks.next().value % QUESTION_VALUES[q].length]!);
        for (let i = 1; i < seen.length; i++) expectForward(seen[i - 1]!, seen[i]!, JSON.stringify(start));
      }),
      { numRuns: 500 },
    );
  });
});
