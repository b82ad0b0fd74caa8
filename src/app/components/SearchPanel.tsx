import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SEARCH_OPTIONS, type SearchDoc } from '../../content/search-options.ts';
import { topicPath } from '../topics/catalog.ts';

let indexPromise: Promise<MiniSearch<SearchDoc>> | undefined;

/**
 * The index is built at build time; it and the search library are fetched (same origin) the
 * first time someone opens search, so pages that never search do not pay for them.
 */
function loadIndex(): Promise<MiniSearch<SearchDoc>> {
  indexPromise ??= Promise.all([import('minisearch'), import('virtual:search-index')]).then(([{ default: Search }, { serializedIndex }]) =>
    Search.loadJSON<SearchDoc>(serializedIndex, SEARCH_OPTIONS),
  );
  return indexPromise;
}

/**
 * The search dialog itself, loaded the first time someone opens search (SearchDialog.tsx keeps
 * the button and the / shortcut on every page). Each new `openRequest` opens it.
 */
export function SearchPanel({ openRequest }: { openRequest: number }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; hits: SearchResult[] }>({ query: '', hits: [] });
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
      void loadIndex();
    }
  }, [openRequest]);

  const close = useCallback(() => dialogRef.current?.close(), []);

  useEffect(() => {
    if (!trimmed) return;
    let cancelled = false;
    void loadIndex().then((index) => {
      if (!cancelled) setFound({ query: trimmed, hits: index.search(trimmed).slice(0, 8) });
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
            void navigate(topicPath(String(first.id)));
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
            placeholder="e.g. CredSSP, TrustedHosts, 4104"
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
          {results.map((r) => (
            <li key={String(r.id)}>
              <Link to={topicPath(String(r.id))} onClick={close}>
                <strong>{String(r.title)}</strong>
                <span>{String(r.description)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {trimmed && found.query === trimmed && results.length === 0 && <p className="muted">No topic matches “{query}”.</p>}
    </dialog>
  );
}
