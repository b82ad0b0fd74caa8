import type { SourceDocument } from '../../core/sources.ts';

/** A topic's sources by title and publisher, each a link to the published document. */
export function SourceList({ sources, reviewed }: { sources: SourceDocument[]; reviewed: string }) {
  return (
    <section className="sources" aria-labelledby="sources-heading">
      <h2 id="sources-heading">Sources</h2>
      <ul>
        {sources.map((s) => (
          <li key={s.url}>
            <a href={s.url} rel="noreferrer">
              {s.title}
            </a>
            , {s.publisher}
          </li>
        ))}
      </ul>
      <p className="muted">
        Last reviewed <time dateTime={reviewed}>{reviewed}</time>.
      </p>
    </section>
  );
}
