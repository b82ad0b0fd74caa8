import { startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import {
  Router,
  UNSAFE_createBrowserHistory as createBrowserHistory,
  useRoutes,
  type Location,
  type NavigateOptions,
  type Navigator,
  NavigationType,
} from 'react-router';
import { pendingRoute, routes } from './router.tsx';

/** The route table, rendered for the router's location (in the browser and at build time alike). */
export function AppRoutes() {
  return useRoutes(routes);
}

interface RouterState {
  action: NavigationType;
  location: Location;
  /** False when the navigation asked to keep the scroll position (`preventScrollReset`). */
  resetScroll: boolean;
}

/**
 * The browser's router: React Router's declarative <Router> over the browser history, with what
 * the data router did for this app and the declarative one does not:
 * - a page whose code is not loaded yet is loaded before it shows (the old page stays meanwhile);
 * - `flushSync` and `preventScrollReset` navigation options are honoured;
 * - scroll positions are restored on back/forward and reset on new pages.
 * (The data router costs about 19 KB more compressed JavaScript on every page.)
 */
export function BrowserAppRouter({ children, rendered }: { children: ReactNode; rendered: 'hydrated' | 'rendered' }) {
  const [history] = useState(() => createBrowserHistory({ v5Compat: true }));
  const options = useRef<NavigateOptions>({});
  const navigator = useMemo<Navigator>(
    () => ({
      createHref: history.createHref,
      encodeLocation: history.encodeLocation,
      go: history.go,
      push(to, state, opts?: NavigateOptions) {
        options.current = opts ?? {};
        history.push(to, state);
      },
      replace(to, state, opts?: NavigateOptions) {
        options.current = opts ?? {};
        history.replace(to, state);
      },
    }),
    [history],
  );
  const [state, setState] = useState<RouterState>(() => ({ action: history.action, location: history.location, resetScroll: true }));

  useLayoutEffect(
    () =>
      history.listen(({ action, location }) => {
        const opts = options.current;
        options.current = {};
        const next: RouterState = { action, location, resetScroll: !opts.preventScrollReset };
        const pending = pendingRoute(location.pathname);
        if (opts.flushSync && !pending) flushSync(() => setState(next));
        else if (!pending) setState(next);
        // A transition keeps the current page on screen until the next one's code has loaded.
        else startTransition(() => setState(next));
      }),
    [history],
  );

  useScrollRestoration(state);

  // Says the page is live, and whether it took over prerendered HTML or rendered afresh (tests wait for it).
  useEffect(() => {
    document.documentElement.dataset.app = rendered;
  }, [rendered]);

  return (
    <Router location={state.location} navigationType={state.action} navigator={navigator}>
      {children}
    </Router>
  );
}

const SCROLL_KEY = 'scroll-positions';

/** Back/forward return to where the page was; a new page starts at the top, or at its #anchor. */
function useScrollRestoration({ action, location, resetScroll }: RouterState) {
  const positions = useRef<Map<string, number> | null>(null);
  const currentKey = useRef(location.key);
  const first = useRef(true);

  useLayoutEffect(() => {
    window.history.scrollRestoration = 'manual';
    try {
      positions.current = new Map(JSON.parse(sessionStorage.getItem(SCROLL_KEY) ?? '[]') as [string, number][]);
    } catch {
      positions.current = new Map();
    }
    const save = () => positions.current?.set(currentKey.current, window.scrollY);
    const persist = () => {
      save();
      try {
        // The first page of a visit has no history key ("default"): its position means nothing to the
        // next visit's first page, so it is not kept.
        const kept = [...(positions.current ?? [])].filter(([key]) => key !== 'default');
        sessionStorage.setItem(SCROLL_KEY, JSON.stringify(kept.slice(-50)));
      } catch {
        // Storage may be blocked: positions are then kept for this page view only.
      }
    };
    window.addEventListener('scroll', save, { passive: true });
    window.addEventListener('pagehide', persist);
    return () => {
      window.removeEventListener('scroll', save);
      window.removeEventListener('pagehide', persist);
    };
  }, []);

  useLayoutEffect(() => {
    currentKey.current = location.key;
    const saved = positions.current?.get(location.key);
    if (first.current) {
      first.current = false;
      // A reload returns to where the page was; a first visit is left to the browser (it has
      // already scrolled a prerendered page to its #anchor), unless the page was rendered here.
      if (saved !== undefined) window.scrollTo(0, saved);
      else if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
      return;
    }
    if (action === NavigationType.Pop && saved !== undefined) {
      window.scrollTo(0, saved);
      return;
    }
    if (location.hash) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) {
        target.scrollIntoView();
        return;
      }
    }
    if (resetScroll) window.scrollTo(0, 0);
  }, [location.key, location.hash, action, resetScroll]);
}
