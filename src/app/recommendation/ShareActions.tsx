import { Link } from 'react-router';
import type { Recommendation } from '../../core/model.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { downloadText } from './download.ts';
import type { ShownRecommendation } from './files.ts';

/** The export resolves every source (the catalogue): loaded when asked for, not with the page (e2e/js-budget.spec.ts). */
const loadExport = () => import('../../core/export-json.ts');

interface Props {
  rec: ShownRecommendation;
  /** The whole recommendation, with the fleet outputs (rendered after the page: this waits for them). */
  getFull: () => Promise<Recommendation>;
  /** "Edit answers": the guide, with the host fields carried in the history state (guide/carry.ts). */
  edit: { href: string; state: unknown };
  /** Whether the printed copy ends with the scripts in run order (off: the files' hashes only). */
  printScripts: boolean;
  onPrintScriptsChange: (include: boolean) => void;
}

/** Lets the page commit what has just arrived (the GPO settings, the fleet files) before printing. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function ShareActions({ rec, getFull, edit, printScripts, onPrintScriptsChange }: Props) {
  const link = rec.permalink;
  const canShare = typeof navigator.share === 'function';
  return (
    <div className="share-actions" role="group" aria-label="Save and share">
      <CopyButton getText={() => link} label="Copy link" />
      {canShare && (
        <button
          type="button"
          onClick={() => void navigator.share({ title: 'PowerShell Remoting configuration', url: link }).catch(() => undefined)}
        >
          Share…
        </button>
      )}
      <button
        type="button"
        onClick={() =>
          void Promise.all([getFull(), loadExport()]).then(([full, { exportJson }]) =>
            downloadText('psremoting-recommendation.json', exportJson(full), 'application/json'),
          )
        }
      >
        Download JSON
      </button>
      <Link className="button" to={edit.href} state={edit.state}>
        Edit answers
      </Link>
      <button
        type="button"
        onClick={() =>
          void getFull()
            .then(nextFrame)
            .then(() => window.print())
        }
      >
        Print
      </button>
      <label className="checkbox print-option">
        <input type="checkbox" checked={printScripts} onChange={(e) => onPrintScriptsChange(e.target.checked)} />
        Include scripts in print
      </label>
    </div>
  );
}

/**
 * The page's promise about its link. The address bar always holds the permalink (use-host-fields.ts),
 * so the note only has to say when typed host names are not part of it.
 */
export function SavedNote({ hostsLeftOut }: { hostsLeftOut: boolean }) {
  return (
    <p className="saved-note">
      <strong>This page&apos;s link is your saved configuration.</strong> Nothing is stored anywhere else, and nothing you type here leaves
      your browser. Keep or share the link to come back to exactly this recommendation.
      {hostsLeftOut && (
        <>
          {' '}
          The host names and admin addresses you typed are not in the link: this tab keeps them, and the box &ldquo;Include these host names
          and admin addresses in the link&rdquo; puts them in.
        </>
      )}
    </p>
  );
}
