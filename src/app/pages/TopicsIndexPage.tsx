import { Link } from 'react-router';
import { descriptions } from 'virtual:topic-descriptions';
import { PageMeta } from '../components/PageMeta.tsx';
import { topicPath, topicsBySection } from '../topics/catalog.ts';

const sectionId = (section: string) => `section-${section.replace(/\W+/g, '-').toLowerCase()}`;

export function TopicsIndexPage() {
  return (
    <main className="wide" aria-labelledby="topics-title">
      <PageMeta title="All topics" description="Every PowerShell Remoting security topic, grouped by section: foundations, authentication, the second hop and hardening." />
      <h1 id="topics-title">All topics</h1>
      <p className="lede">Each page says what a setting or option is, what can go wrong, when to use it, and the exact PowerShell.</p>
      {topicsBySection.map(({ section, topics }) => (
        <section key={section} aria-labelledby={sectionId(section)} className="topic-section">
          <h2 id={sectionId(section)}>{section}</h2>
          <ul className="card-list">
            {topics.map((t) => (
              <li key={t.slug} className="card">
                <h3>
                  <Link to={topicPath(t.slug)}>{t.title}</Link>
                </h3>
                <p>{descriptions[t.slug]}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
