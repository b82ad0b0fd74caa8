import type { PermalinkProblem } from '../../core/permalink.ts';

/** Problems found in a link, as text (never HTML): each names the key and what is allowed. */
export function ProblemList({ problems, intro }: { problems: PermalinkProblem[]; intro: string }) {
  return (
    <div className="alert alert-danger" role="alert">
      <p>
        <strong>{intro}</strong>
      </p>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.kind}-${i}`}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}
