import { NavLink } from 'react-router';
import { topicPath, topicsBySection } from '../topics/catalog.ts';

/** Sidebar: every topic grouped by section; on a phone it folds into a disclosure. */
export function TopicNav() {
  return (
    <nav aria-label="Topics" className="topic-nav">
      <details open>
        <summary>All topics</summary>
        {topicsBySection.map(({ section, topics }) => (
          <div key={section} className="topic-nav-section">
            <h2>{section}</h2>
            <ul>
              {topics.map((t) => (
                <li key={t.slug}>
                  <NavLink to={topicPath(t.slug)}>{t.title}</NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </details>
    </nav>
  );
}
