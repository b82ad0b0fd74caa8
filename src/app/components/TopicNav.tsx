import { useState } from 'react';
import { NavLink } from 'react-router';
import { topicPath, topicsBySection } from '../topics/catalog.ts';
import { useHydrated } from '../use-hydrated.ts';

const DETAILS_ID = 'topic-nav-list';
const PHONE = '(max-width: 48rem)';

/**
 * Open beside the content; folded on a phone, where the list would otherwise come before the
 * page's own content (twenty links to scroll or tab past). The prerendered page folds it on a
 * phone before first paint (the script below), and the live page starts from what it finds, so
 * hydration sees no difference and the page does not jump.
 */
function initiallyOpen(): boolean {
  if (typeof document === 'undefined') return true;
  const prerendered = document.getElementById(DETAILS_ID);
  return prerendered instanceof HTMLDetailsElement ? prerendered.open : !window.matchMedia(PHONE).matches;
}

const foldOnPhones = `document.getElementById(${JSON.stringify(DETAILS_ID)}).open=!matchMedia(${JSON.stringify(PHONE)}).matches`;

/** Sidebar: every topic grouped by section; on a phone it folds into a disclosure. */
export function TopicNav() {
  // The user's choice holds from topic to topic (the sidebar stays mounted between topics).
  const [open, setOpen] = useState(initiallyOpen);
  const hydrated = useHydrated();
  return (
    <nav aria-label="Topics" className="topic-nav">
      <details id={DETAILS_ID} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
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
      {/* Only in the prerendered HTML (and while hydrating it): a script React inserts never runs. */}
      {!hydrated && <script dangerouslySetInnerHTML={{ __html: foldOnPhones }} />}
    </nav>
  );
}
