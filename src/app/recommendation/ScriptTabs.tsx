import { useId, useRef, type KeyboardEvent } from 'react';
import type { ScriptName, ScriptTab } from './script-tabs.ts';
import { ScriptView } from './ScriptView.tsx';

interface Props {
  tabs: ScriptTab[];
  /** Undefined while the address asks for a tab that is not there yet (`waitingFor`). */
  selected: ScriptName | undefined;
  /** The file the address asks for while its tab is still being made. */
  waitingFor?: string | undefined;
  /** The fleet tabs are still to come, or being made again (aria-busy on the tab list). */
  busy?: boolean;
  onSelect: (name: ScriptName) => void;
}

/** The tab an arrow, Home or End key moves to (wrapping at both ends), or undefined for other keys. */
function targetIndex(key: string, index: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/**
 * The scripts as tabs (WAI-ARIA tabs pattern, automatic activation): one script on the page at
 * a time, so only it is rendered and coloured. Every panel exists, empty unless selected, so each
 * tab's aria-controls points at a real element.
 */
export function ScriptTabs({ tabs, selected, waitingFor, busy = false, onSelect }: Props) {
  // One tab stop: the selected tab, or the first while none is.
  const stop = selected ?? tabs[0]?.name;
  const id = useId();
  const tabRefs = useRef(new Map<ScriptName, HTMLButtonElement>());
  const tabId = (name: ScriptName) => `${id}-tab-${name}`;
  const panelId = (name: ScriptName) => `${id}-panel-${name}`;

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const next = targetIndex(e.key, index, tabs.length);
    if (next === undefined) return;
    e.preventDefault();
    const tab = tabs[next]!;
    onSelect(tab.name);
    tabRefs.current.get(tab.name)?.focus();
  }

  return (
    <>
      <div role="tablist" aria-label="Scripts" aria-busy={busy} className="script-tabs">
        {tabs.map((tab, i) => (
          <button
            key={tab.name}
            ref={(el) => {
              if (el) tabRefs.current.set(tab.name, el);
              else tabRefs.current.delete(tab.name);
            }}
            type="button"
            role="tab"
            id={tabId(tab.name)}
            aria-selected={tab.name === selected}
            aria-controls={panelId(tab.name)}
            tabIndex={tab.name === stop ? 0 : -1}
            onClick={() => onSelect(tab.name)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <span className="tab-file">{tab.file}</span> {tab.where && <span className="tab-where">on {tab.where}</span>}
          </button>
        ))}
      </div>
      {waitingFor && (
        <p className="script-panel script-waiting" role="status">
          Preparing {waitingFor}…
        </p>
      )}
      {tabs.map((tab) => (
        <div key={tab.name} role="tabpanel" id={panelId(tab.name)} aria-labelledby={tabId(tab.name)} hidden={tab.name !== selected} className="script-panel">
          {tab.name === selected && <ScriptView code={tab.code} fileName={tab.file} label={tab.title} language={tab.language} />}
        </div>
      ))}
    </>
  );
}
