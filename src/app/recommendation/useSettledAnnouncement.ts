import { useEffect, useState } from 'react';

/** How long typing must pause before a field's verdict is spoken: one announcement, not one per key. */
const ANNOUNCE_DELAY_MS = 700;

/**
 * What a field's status region says: its message, set only after the user has typed and then
 * paused, so a value from the link is not announced on load and a screen reader is not
 * interrupted on every key. Call `markEdited` from the field's onChange.
 */
export function useSettledAnnouncement(message: string, value: string): { announced: string; markEdited: () => void } {
  const [edited, setEdited] = useState(false);
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    if (!edited) return;
    const t = setTimeout(() => setAnnounced(message), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(t);
    // Every change of the value restarts the wait, so nothing is said while the user is typing.
  }, [edited, message, value]);
  return { announced, markEdited: () => setEdited(true) };
}
