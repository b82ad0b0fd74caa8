import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

interface Props {
  /** How many answers a restart would clear (none: it restarts at once, there is nothing to lose). */
  answered: number;
  onRestart: () => void;
}

/**
 * Restart, asking first when there are answers to lose. The question is part of the page (not
 * window.confirm): focus moves to "Keep my answers", the safe choice, and the group's name reads
 * the question; Escape or "Keep" closes it, returns focus to Restart and changes nothing.
 */
export function RestartControl({ answered, onRestart }: Props) {
  const [asking, setAsking] = useState(false);
  const id = useId();
  const restartRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (opened.current) restartRef.current?.focus();
  }, [asking]);

  const keep = () => setAsking(false);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    keep();
  };

  return (
    <>
      <button
        ref={restartRef}
        type="button"
        className="secondary restart"
        aria-expanded={answered > 0 ? asking : undefined}
        aria-controls={asking ? id : undefined}
        onClick={() => {
          if (answered === 0) return onRestart();
          opened.current = true;
          setAsking(true);
        }}
      >
        Restart
      </button>
      {asking && (
        <div id={id} className="restart-confirm" role="group" aria-labelledby={`${id}-q`}>
          <p id={`${id}-q`}>
            Clear your {answered} {answered === 1 ? 'answer' : 'answers'} and start again?
          </p>
          <button ref={keepRef} type="button" onClick={keep} onKeyDown={onKeyDown}>
            Keep my answers
          </button>
          <button type="button" className="secondary" onClick={onRestart} onKeyDown={onKeyDown}>
            Clear answers and restart
          </button>
        </div>
      )}
    </>
  );
}
