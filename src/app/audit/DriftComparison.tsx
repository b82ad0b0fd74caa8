import { useId, useState, type FormEvent } from 'react';
import { drift, type AuditConfig, type DriftItem } from '../../core/audit/index.ts';
import { decodePermalink } from '../../core/permalink.ts';
import { firstUnanswered } from '../../core/questions.ts';
import { recommend } from '../../core/recommend.ts';

const STATUS_LABEL: Record<DriftItem['status'], string> = { same: 'Same', differs: 'Differs', 'not-in-input': 'Not in the input' };

type Compared = { items: DriftItem[] } | { error: string };

/** The query of a recommendation link (a whole address or just its query), or undefined. */
function linkQuery(link: string): string | undefined {
  const trimmed = link.trim();
  const at = trimmed.indexOf('?');
  if (at === -1) return undefined;
  return trimmed.slice(at + 1).split('#')[0];
}

function compare(link: string, config: AuditConfig): Compared {
  const query = linkQuery(link);
  if (query === undefined) return { error: 'That is not a recommendation link: it has no ?v=1&... part. Copy it with "Copy link" on the recommendation page.' };
  const decoded = decodePermalink(query);
  if (decoded.problems.length > 0) return { error: decoded.problems.map((p) => p.message).join(' ') };
  const missing = firstUnanswered(decoded.answers);
  if (missing !== undefined) return { error: `That link is incomplete: "${missing}" has no answer.` };
  try {
    return { items: drift(config, recommend(decoded.answers, decoded.hosts)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : 'That link could not be read.' };
  }
}

/** Drift: what differs between the audited server and the configuration a recommendation link gives. */
export function DriftComparison({ config }: { config: AuditConfig }) {
  const id = useId();
  const [link, setLink] = useState('');
  const [compared, setCompared] = useState<Compared | undefined>();
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCompared(compare(link, config));
  }
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Compare with a recommendation</h3>
      <form onSubmit={onSubmit} className="drift-form">
        <label htmlFor={`${id}-link`}>Recommendation link</label>
        <input id={`${id}-link`} type="url" inputMode="url" value={link} onChange={(e) => setLink(e.target.value)} spellCheck={false} autoComplete="off" />
        <button type="submit" className="button" disabled={link.trim() === ''}>
          Compare
        </button>
      </form>
      {compared && 'error' in compared && (
        <p className="alert alert-warn" role="alert">
          {compared.error}
        </p>
      )}
      {compared && 'items' in compared && (
        <>
          <p role="status">
            {compared.items.filter((i) => i.status === 'differs').length} setting(s) differ from the recommendation.
          </p>
          {/* Scrollable content must be reachable by keyboard. */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Drift (scrolls sideways)">
            <table>
              <thead>
                <tr>
                  <th scope="col">Setting</th>
                  <th scope="col">Recommended</th>
                  <th scope="col">Found</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {compared.items.map((item) => (
                  <tr key={item.settingId} className={`drift-${item.status}`}>
                    <th scope="row">
                      <code>{item.name}</code>
                      {item.note && <p className="row-note">{item.note}</p>}
                    </th>
                    <td>{item.expected}</td>
                    <td>{item.found || '-'}</td>
                    <td>{STATUS_LABEL[item.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
