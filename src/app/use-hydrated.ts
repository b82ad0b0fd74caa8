import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while rendering at build time and while hydrating that HTML, true after: for what only
 * the browser knows (the address typed, the theme chosen), so hydration never meets a mismatch.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
