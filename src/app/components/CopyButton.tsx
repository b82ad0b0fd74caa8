import { useEffect, useState } from 'react';

type CopyState = { result: 'idle' } | { result: 'copied' | 'failed'; attempt: number };

/**
 * Copies `getText()` to the clipboard and says so, visibly and to screen readers.
 * The announcement lives in its own status region, outside the button: it speaks once per copy,
 * and the button going back to its label two seconds later is not announced.
 */
export function CopyButton({ getText, label = 'Copy' }: { getText: () => string; label?: string }) {
  const [state, setState] = useState<CopyState>({ result: 'idle' });
  useEffect(() => {
    if (state.result === 'idle') return;
    const t = setTimeout(() => setState({ result: 'idle' }), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const message = state.result === 'copied' ? 'Copied' : state.result === 'failed' ? 'Copy failed' : undefined;
  return (
    <>
      <button
        type="button"
        className="copy-button"
        aria-label={label}
        onClick={() => {
          navigator.clipboard.writeText(getText()).then(
            () => setState((s) => ({ result: 'copied', attempt: s.result === 'idle' ? 1 : s.attempt + 1 })),
            () => setState((s) => ({ result: 'failed', attempt: s.result === 'idle' ? 1 : s.attempt + 1 })),
          );
        }}
      >
        <span aria-hidden="true">{message ?? label}</span>
      </button>
      <span role="status" className="visually-hidden">
        {/* A fresh node per copy, so copying twice in a row is announced twice. */}
        {state.result !== 'idle' && <span key={state.attempt}>{state.result === 'copied' ? 'Copied to the clipboard' : 'Copy failed'}</span>}
      </span>
    </>
  );
}
