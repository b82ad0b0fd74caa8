import { decodePermalink, encodeAnswers, type DecodedPermalink } from '../../core/permalink.ts';
import { firstUnanswered } from '../../core/questions.ts';
import { isQuestionId, type Answers, type HostInput, type QuestionId } from '../../core/model.ts';

/**
 * The guide's address is the permalink (`v=1&...`) plus, when the user went back to an answered
 * question, `step=<question>`: the one piece of UI state that is not an answer.
 */
export interface GuideLocation {
  decoded: DecodedPermalink;
  step?: QuestionId;
}

export function parseGuideSearch(search: string): GuideLocation {
  const params = search.startsWith('?') ? search.slice(1) : search;
  let step: QuestionId | undefined;
  const rest = params
    .split('&')
    .filter((part) => {
      if (!part.startsWith('step=')) return true;
      const value = part.slice(5);
      if (isQuestionId(value)) step = value;
      return false;
    })
    .join('&');
  const decoded = decodePermalink(rest);
  // The guide is where partial answers live: a missing answer is not a problem here.
  decoded.problems = decoded.problems.filter((p) => p.kind !== 'missing-answer' && !(p.kind === 'missing-version' && rest === ''));
  return { decoded, step };
}

/** The guide's address at `current`; the host fields go in only when the user asked for them in links. */
export function guideHref(answers: Answers, current: QuestionId | 'done', hosts?: HostInput, includeHosts = false): string {
  const query = encodeAnswers(answers, hosts, { includeHosts });
  const atFrontier = current === 'done' || current === firstUnanswered(answers);
  return `/guide?${query}${atFrontier ? '' : `&step=${current}`}`;
}

export function recommendationHref(answers: Answers, hosts?: HostInput, includeHosts = false): string {
  return `/recommendation?${encodeAnswers(answers, hosts, { includeHosts })}`;
}
