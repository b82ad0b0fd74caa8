import { useState } from 'react';
import { NavLink } from 'react-router';
import { topicPath, topicsBySection } from '../topics/catalog.ts';

/** Sidebar: every topic grouped by section; on a phone it folds into a disclosure. */
export function TopicNav() {
  // Open beside the content; folded on a phone, where the list would otherwise come before the page's
  // own content (twenty links to scroll or tab past). The user's choice holds from topic to topic.
  const [open, setOpen] = useState(() => !window.matchMedia('(max-width: 48rem)').matches);
  return (
    <nav aria-label="Topics" className="topic-nav">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
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
