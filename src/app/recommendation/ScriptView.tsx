import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { CopyButton } from '../components/CopyButton.tsx';
import { paintTokens } from './code-highlights.ts';
import { highlightCode, type Colouring, type HighlightLanguage } from './highlight.ts';
import { downloadText } from './download.ts';

/** While the user types host names the script changes on every key: colour it once typing pauses. */
const TYPING_PAUSE_MS = 150;

/**
 * The colouring of `code`, computed by a worker after the plain text is on screen (the
 * highlighter loads lazily, on this page only); undefined until then and whenever `code` has
 * changed since.
 */
function useColouring(code: string, language: HighlightLanguage): Colouring | undefined {
  const [result, setResult] = useState<{ code: string; colouring: Colouring } | undefined>();
  const hadResult = useRef(false);
  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(
      () =>
        void highlightCode(code, language, abort.signal).then((colouring) => {
          if (!colouring || abort.signal.aborted) return;
          hadResult.current = true;
          setResult({ code, colouring });
        }),
      hadResult.current ? TYPING_PAUSE_MS : 0,
    );
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [code, language]);
  return result?.code === code ? result.colouring : undefined;
}

/** One generated script, as one text node coloured by highlight ranges, with copy and download. */
export function ScriptView({ code, fileName, label, language = 'powershell' }: { code: string; fileName: string; label: string; language?: HighlightLanguage }) {
  const colouring = useColouring(code, language);
  const preRef = useRef<HTMLPreElement>(null);
  const codeRef = useRef<HTMLElement>(null);
  // A layout effect: stale ranges are removed in the same commit that changes the text.
  useLayoutEffect(() => {
    const pre = preRef.current;
    const el = codeRef.current;
    if (!colouring || !pre || !el) return;
    const unpaint = paintTokens(el, code, colouring);
    if (!unpaint) return;
    pre.dataset.highlighted = 'true';
    return () => {
      unpaint();
      delete pre.dataset.highlighted;
    };
  }, [code, colouring]);

  return (
    <div className="code-block script">
      <div className="script-actions">
        <CopyButton getText={() => code} label={`Copy ${label}`} />
        <button type="button" onClick={() => downloadText(fileName, code, language === 'yaml' ? 'application/yaml' : 'text/plain')}>
          Download {fileName}
        </button>
      </div>
      {/* Scrollable code must be reachable by keyboard. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <pre ref={preRef} className="script-code" tabIndex={0} aria-label={`${label} (${fileName})`} data-script={fileName}>
        <code ref={codeRef} className="script-text">
          {code}
        </code>
      </pre>
    </div>
  );
}
