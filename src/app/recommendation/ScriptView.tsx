import { useEffect, useState, type CSSProperties } from 'react';
import { CopyButton } from '../components/CopyButton.tsx';
import { highlightPowerShell, type Token } from './highlight.ts';
import { downloadText } from './download.ts';

/** One generated script: highlighted (as text nodes, never HTML), with copy and download. */
export function ScriptView({ code, fileName, label }: { code: string; fileName: string; label: string }) {
  const [highlighted, setHighlighted] = useState<{ code: string; lines: Token[][] } | undefined>();
  useEffect(() => {
    let cancelled = false;
    void highlightPowerShell(code).then((lines) => {
      if (!cancelled) setHighlighted({ code, lines });
    });
    return () => {
      cancelled = true;
    };
  }, [code]);
  const lines = highlighted?.code === code ? highlighted.lines : undefined;

  return (
    <div className="code-block script">
      <div className="script-actions">
        <CopyButton getText={() => code} label={`Copy ${label}`} />
        <button type="button" onClick={() => downloadText(fileName, code, 'text/plain')}>
          Download {fileName}
        </button>
      </div>
      {/* Scrollable code must be reachable by keyboard. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <pre className="shiki" tabIndex={0} aria-label={`${label} (${fileName})`} data-script={fileName}>
        <code>
          {lines
            ? lines.map((line, i) => (
                <span className="line" key={i}>
                  {line.map((t, j) => (
                    <span key={j} style={{ '--shiki-light': t.light, '--shiki-dark': t.dark } as CSSProperties}>
                      {t.content}
                    </span>
                  ))}
                  {i < lines.length - 1 ? '\n' : ''}
                </span>
              ))
            : code}
        </code>
      </pre>
    </div>
  );
}
