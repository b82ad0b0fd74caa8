import { Link } from 'react-router';
import type { Recommendation } from '../../core/model.ts';
import { exportJson } from '../../core/export-json.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { downloadText } from './download.ts';

export function ShareActions({ rec, editHref }: { rec: Recommendation; editHref: string }) {
  const link = rec.permalink;
  const canShare = typeof navigator.share === 'function';
  return (
    <div className="share-actions" role="group" aria-label="Save and share">
      <CopyButton getText={() => link} label="Copy link" />
      {canShare && (
        <button type="button" onClick={() => void navigator.share({ title: 'PowerShell Remoting configuration', url: link }).catch(() => undefined)}>
          Share…
        </button>
      )}
      <button
        type="button"
        onClick={() => downloadText('psremoting-recommendation.json', exportJson(rec), 'application/json')}
      >
        Download JSON
      </button>
      <Link className="button" to={editHref}>
        Edit answers
      </Link>
      <button type="button" onClick={() => window.print()}>
        Print
      </button>
    </div>
  );
}
