/** Test helper: every complete answer set, generated from the question rules. */
import { QUESTION_VALUES, type Answers } from '../model';
import { firstUnanswered } from '../questions';

export function allCompleteAnswers(): Answers[] {
  const out: Answers[] = [];
  const grow = (answers: Answers) => {
    const next = firstUnanswered(answers);
    if (next === undefined) {
      out.push(answers);
      return;
    }
    for (const value of QUESTION_VALUES[next]) grow({ ...answers, [next]: value });
  };
  grow({});
  return out;
}

export function answersKey(a: Answers): string {
  return Object.entries(a)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}
