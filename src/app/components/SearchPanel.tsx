import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { snippet } from '../../content/search-snippet.ts';
import type { TopicHit } from '../../content/search-rank.ts';
import { topicBySlug, topicPath } from '../topics/catalog.ts';

type Search = (query: string) => TopicHit[];

let searchPromise: Promise<Search> | undefined;

/**
 * The sections of every topic (written at build time), the search library and the ranking are
 * fetched (same origin) the first time someone opens search, and indexed then, so pages that
 * never search do not pay for them.
 */
function loadSearch(): Promise<Search> {
  searchPromise ??= Promise.all([import('../../content/search-rank.ts'), import('virtual:search-docs')]).then(async ([rank, { docs }]) => {
    const index = await rank.indexSections(docs);
    return (query) => rank.searchTopics(index, query);
  });
  return searchPromise;
}

/** Where a result goes: the section that matched, or the page's top when that was its introduction. */
const hitPath = (hit: TopicHit) => topicPath(hit.slug, hit.anchor || undefined);

/** The matched words of a section, shown as text with <mark>: nothing in it becomes markup. */
function Snippet({ hit }: { hit: TopicHit }) {
  return (
    <span className="search-snippet">
      {snippet(hit.text, hit.terms).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}
    </span>
  );
}

function ResultLink({ hit, onOpen }: { hit: TopicHit; onOpen: () => void }) {
  const title = topicBySlug.get(hit.slug)?.title ?? hit.slug;
  return (
    <Link to={hitPath(hit)} onClick={onOpen}>
      <strong>
        {title}
        {hit.heading && <span className="search-section"> › {hit.heading}</span>}
      </strong>
      <Snippet hit={hit} />
    </Link>
  );
}

/**
 * The search dialog itself, loaded the first time someone opens search (SearchDialog.tsx keeps
 * the button and the / shortcut on every page). Each new `openRequest` opens it.
 */
export function SearchPanel({ openRequest }: { openRequest: number }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; hits: TopicHit[] }>({ query: '', hits: [] });
  const trimmed = query.trim();
  // Results belong to the query they answer; a stale answer is never shown for a newer query.
  const results = found.query === trimmed ? found.hits : [];
  const navigate = useNavigate();
  const inputId = useId();
  const statusId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (openRequest > 0 && dialog && !dialog.open) {
      dialog.showModal();
      void loadSearch();
    }
  }, [openRequest]);

  const close = useCallback(() => dialogRef.current?.close(), []);

  useEffect(() => {
    if (!trimmed) return;
    let cancelled = false;
    void loadSearch().then((search) => {
      if (!cancelled) setFound({ query: trimmed, hits: search(trimmed) });
    });
    return () => {
      cancelled = true;
    };
  }, [trimmed]);

  // closedby="any": Escape or a click outside closes it, like other pop-ups.
  return (
    <dialog ref={dialogRef} className="search-dialog" aria-labelledby={`${inputId}-label`} closedby="any" onClose={() => setQuery('')}>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const first = results[0];
          if (first) {
            close();
            void navigate(hitPath(first));
          }
        }}
      >
        <label id={`${inputId}-label`} htmlFor={inputId}>
          Search all topics
        </label>
        <div className="search-row">
          <input
            id={inputId}
            type="search"
            value={query}
            autoComplete="off"
            aria-describedby={statusId}
            placeholder="e.g. CredSSP, CVE-2018-0886, 4104"
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="button" className="secondary" onClick={close}>
            Close
          </button>
        </div>
      </form>
      <p id={statusId} className="visually-hidden" aria-live="polite">
        {trimmed && found.query === trimmed ? `${results.length} result${results.length === 1 ? '' : 's'}` : ''}
      </p>
      {results.length > 0 && (
        <ul className="search-results">
          {results.map((hit) => (
            <li key={hit.slug}>
              <ResultLink hit={hit} onOpen={close} />
            </li>
          ))}
        </ul>
      )}
      {trimmed && found.query === trimmed && results.length === 0 && <p className="muted">No topic matches “{query}”.</p>}
    </dialog>
  );
}
