import { Fragment } from 'react';
import type { Recommendation } from '../../core/model.ts';
import { sourceOf, type SourceDocument, type SourceKey } from '../../core/sources.ts';

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
export function SourceLinks({ keys }: { keys: readonly SourceKey[] }) {
  return (
    <>
      Sources:{' '}
      {keys.map((key, i) => {
        const s = sourceOf(key);
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
  const numbers = referenceNumbers(rec);
  return (
    <span className="cite">
      {keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 && ' '}
          <a href={`#${referenceId(key)}`}>
            [{numbers.get(key)}]<span className="visually-hidden"> {sourceOf(key).title}</span>
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
  const numbers = referenceNumbers(rec);
  return (
    <section aria-labelledby="references-title" className="references print-hide">
      <h2 id="references-title">References</h2>
      <ol>
        {[...numbers.keys()].map((key) => {
          const s = sourceOf(key);
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
    </section>
  );
}
