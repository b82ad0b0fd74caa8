import { Link } from 'react-router';
import type { Recommendation } from '../../core/model.ts';
import { exportJson } from '../../core/export-json.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { downloadText } from './download.ts';
import type { ShownRecommendation } from './files.ts';

interface Props {
  rec: ShownRecommendation;
  /** The whole recommendation, with the fleet outputs (rendered after the page: this waits for them). */
  getFull: () => Promise<Recommendation>;
  editHref: string;
}

/** Lets the page commit what has just arrived (the GPO settings, the fleet files) before printing. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function ShareActions({ rec, getFull, editHref }: Props) {
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
        onClick={() => void getFull().then((full) => downloadText('psremoting-recommendation.json', exportJson(full), 'application/json'))}
      >
        Download JSON
      </button>
      <Link className="button" to={editHref}>
        Edit answers
      </Link>
      <button type="button" onClick={() => void getFull().then(nextFrame).then(() => window.print())}>
        Print
      </button>
    </div>
  );
}
