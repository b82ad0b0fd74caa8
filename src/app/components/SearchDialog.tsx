import { useCallback, useEffect, useState, type ComponentType } from 'react';

type Panel = ComponentType<{ openRequest: number }>;

let panelPromise: Promise<Panel> | undefined;
const loadPanel = () => (panelPromise ??= import('./SearchPanel.tsx').then((m) => m.SearchPanel));

function isTypingTarget(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * The search button and the / shortcut, on every page. The dialog, the search library and the
 * index are fetched the first time someone opens search, so pages that never search do not pay.
 */
export function SearchDialog() {
  const [panel, setPanel] = useState<{ Panel: Panel } | null>(null);
  const [openRequest, setOpenRequest] = useState(0);

  const open = useCallback(() => {
    void loadPanel().then((Panel) => {
      setPanel((p) => p ?? { Panel });
      setOpenRequest((n) => n + 1);
    });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target)) {
        e.preventDefault();
        open();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <>
      {/* Named by its label even on a phone, where the label is hidden and only the icon shows. */}
      <button type="button" className="search-button" onClick={open} aria-label="Search" aria-keyshortcuts="/">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <path fill="none" stroke="currentColor" strokeWidth="2" d="M10.5 4a6.5 6.5 0 104.6 11.1L20 20m-4.9-4.9A6.5 6.5 0 0010.5 4z" />
        </svg>
        <span className="search-label" aria-hidden="true">
          Search
        </span>
        <kbd aria-hidden="true">/</kbd>
      </button>
      {panel && <panel.Panel openRequest={openRequest} />}
    </>
  );
}
