import { useMemo } from 'react';
import { Link } from 'react-router';
import { buildPrerequisites } from '../../core/rules/prerequisites.ts';
import type { ScriptModel as Recommendation } from '../../core/powershell/common.ts';
import { topicBySlug, topicPath } from '../topics/catalog.ts';
import { SourceLinks } from './References.tsx';

/** What must exist before the scripts run, as a checklist (each item with its source). */
export function Prerequisites({ rec }: { rec: Recommendation }) {
  const prerequisites = useMemo(() => buildPrerequisites(rec), [rec]);
  if (prerequisites.length === 0) return null;
  return (
    <section aria-labelledby="prerequisites-title" className="prerequisites print-hide">
      <h2 id="prerequisites-title">Before you run: what must exist</h2>
      <ul className="checklist">
        {prerequisites.map((p) => (
          <li key={p.id} data-prerequisite={p.id}>
            {p.text}{' '}
            <span className="cite">
              <SourceLinks keys={p.sources} />
            </span>{' '}
            <Link to={topicPath(p.topic)}>More about {topicBySlug.get(p.topic)?.title ?? p.topic}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
