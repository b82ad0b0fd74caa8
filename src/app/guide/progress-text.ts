/**
 * The guide's progress in words, from `progress()` (src/core/questions.ts): answers given and
 * the most questions that can still come. Both only move forward as the user answers, unlike
 * "step N of M", whose M grows when an answer opens a branch.
 */
export function progressText({ answered, remaining }: { answered: number; remaining: number }): string {
  if (remaining === 0) return `All ${answered} answered`;
  const more = `up to ${remaining} ${remaining === 1 ? 'question' : 'questions'}`;
  return answered === 0 ? `${more[0]!.toUpperCase()}${more.slice(1)}` : `${answered} answered, ${more} to go`;
}
