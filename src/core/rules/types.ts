import type { Answers } from '../model';
import type { SourceKey } from '../sources';
import type { TopicSlug } from '../topics';

/** One row of a decision table: when `when` holds (first match wins), the decision is `value`. */
export interface Rule<T extends string> {
  id: string;
  /** The condition in words, as in docs/ENGINE.md. */
  whenText: string;
  when: (answers: Answers) => boolean;
  value: T;
  because: string;
  sources: SourceKey[];
  topic: TopicSlug;
}

/** The first rule that matches. The tables end with a catch-all, so one always does. */
export function firstMatch<T extends string>(rules: readonly Rule<T>[], answers: Answers): Rule<T> {
  const rule = rules.find((r) => r.when(answers));
  if (!rule) throw new Error(`No rule matches answers ${JSON.stringify(answers)}`);
  return rule;
}
