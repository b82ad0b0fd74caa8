import { createContext, Fragment, use, useEffect, useState } from 'react';
import type { Recommendation } from '../../core/model.ts';
import type { SourceDocument, SourceEntry, SourceKey } from '../../core/sources.ts';

export type SourceCatalogue = Readonly<Record<SourceKey, SourceEntry>>;

/**
 * The source catalogue (src/core/sources.ts) is loaded apart from the recommendation page's
 * first JavaScript, which has a budget (e2e/js-budget.spec.ts): citations appear when it has
 * arrived, a moment after the rest of the page.
 */
export const SourceCatalogueContext = createContext<SourceCatalogue | undefined>(undefined);

export function useSourceCatalogue(): SourceCatalogue | undefined {
  const [catalogue, setCatalogue] = useState<SourceCatalogue>();
  useEffect(() => {
    let live = true;
    void import('../../core/sources.ts').then(
      (m) => live && setCatalogue(m.SOURCES),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return catalogue;
}

type Cited = Pick<Recommendation, 'rationale' | 'warnings' | 'alternatives' | 'settings'>;

const numbered = new WeakMap<Cited, Map<SourceKey, number>>();

/**
 * The sources the page cites, numbered in the order the page first cites them (the reasons
 * first). Kept per recommendation object, so every citation and the list agree.
 */
function referenceNumbers(rec: Cited): Map<SourceKey, number> {
  let numbers = numbered.get(rec);
  if (!numbers) {
    const keys = [...rec.rationale, ...rec.warnings, ...rec.alternatives, ...rec.settings].flatMap((i) => i.sources);
    numbers = new Map([...new Set(keys)].map((k, i) => [k, i + 1]));
    numbered.set(rec, numbers);
  }
  return numbers;
}

export const referenceId = (key: SourceKey) => `ref-${key}`;

/** Sources named by their titles, linked, with their publishers (the reasons, where the reader decides). */
export function SourceLinks({ keys, catalogue }: { keys: readonly SourceKey[]; catalogue?: SourceCatalogue }) {
  const sources = use(SourceCatalogueContext) ?? catalogue;
  if (!sources) return null;
  return (
    <>
      Sources:{' '}
      {keys.map((key, i) => {
        const s = sources[key];
        return (
          <Fragment key={key}>
            {i > 0 && '; '}
            <a href={s.url} rel="noreferrer">
              {s.title}
            </a>{' '}
            ({s.publisher})
          </Fragment>
        );
      })}
      .
    </>
  );
}

/**
 * Compact citations, [n], each a link to its entry under References. The link's name starts
 * with what it shows and goes on with the title, so a screen reader says what it points to.
 */
export function Cite({ rec, keys }: { rec: Cited; keys: readonly SourceKey[] }) {
  const sources = use(SourceCatalogueContext);
  if (!sources) return null;
  const numbers = referenceNumbers(rec);
  return (
    <span className="cite">
      {keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 && ' '}
          <a href={`#${referenceId(key)}`}>
            [{numbers.get(key)}]<span className="visually-hidden"> {sources[key].title}</span>
          </a>
        </Fragment>
      ))}
    </span>
  );
}

function DocumentLink({ doc }: { doc: SourceDocument }) {
  return (
    <>
      <a href={doc.url} rel="noreferrer">
        {doc.title}
      </a>
      , {doc.publisher}
    </>
  );
}

/** Every source cited on the page, once, numbered as the citations are. Not printed: the one-page change request has no room (its citations are not printed either). */
export function References({ rec }: { rec: Cited }) {
  const sources = use(SourceCatalogueContext);
  const numbers = referenceNumbers(rec);
  return (
    <section aria-labelledby="references-title" className="references print-hide">
      <h2 id="references-title">References</h2>
      {/* The section is there from the start (the section navigation links to it); its list follows the catalogue. */}
      {sources && (
        <ol>
          {[...numbers.keys()].map((key) => {
            const s = sources[key];
            return (
              <li key={key} id={referenceId(key)}>
                <DocumentLink doc={s} />
                {s.also?.map((doc) => (
                  <Fragment key={doc.url}>
                    ; <DocumentLink doc={doc} />
                  </Fragment>
                ))}
                .{s.note && ` ${s.note}`}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
