import { Suspense, useEffect, useRef, type MouseEvent } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { SearchDialog } from './components/SearchDialog.tsx';
import { ThemeToggle } from './components/ThemeToggle.tsx';
import { RouteErrorBoundary } from './pages/RouteError.tsx';

/** Moves focus to the page's <h1> (the start of the content); false when the page has none. */
function focusPageHeading(options?: FocusOptions): boolean {
  const h1 = document.querySelector<HTMLElement>('main h1');
  if (!h1) return false;
  h1.tabIndex = -1;
  // React may reuse the previous page's <h1> element: focus it afresh so the move is announced.
  if (document.activeElement === h1) h1.blur();
  h1.focus(options);
  return true;
}

/**
 * Moves focus to the section heading the address's #anchor names (a search result lands there),
 * so the next Tab continues from that section; false when the anchor names no heading.
 */
function focusSectionHeading(hash: string): boolean {
  if (!hash) return false;
  let id: string;
  try {
    id = decodeURIComponent(hash.slice(1));
  } catch {
    return false;
  }
  const heading = document.getElementById(id);
  if (!heading?.matches('main :is(h2, h3, h4)')) return false;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
  return true;
}

/**
 * Whether the new page already placed focus on purpose: the guide focuses its question, which,
 * like every heading a page focuses, is made focusable with tabIndex -1 inside the content.
 * Focus left anywhere else (the body, a header or sidebar link, the search button that the closed
 * search dialog gave focus back to) says nothing about the new page, so the heading takes it.
 */
function pagePlacedFocus(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLElement && el.tabIndex === -1 && el.closest('main') !== null && !el.matches('main h1');
}

/** The skip link goes to the page's main content, past the header and any sidebar navigation. */
function skipToContent(e: MouseEvent<HTMLAnchorElement>) {
  if (focusPageHeading()) e.preventDefault();
}

/** Keeps `--header-height` equal to the sticky header's height, so nothing focused hides under it. */
function useHeaderHeight() {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const header = ref.current;
    if (!header || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--header-height', `${header.offsetHeight}px`));
    observer.observe(header);
    return () => observer.disconnect();
  }, []);
  return ref;
}

/** Site chrome: skip link, header with navigation, search and theme, and the page outlet. */
export function Layout() {
  const { pathname, hash } = useLocation();
  const shown = useRef({ pathname, hash });
  const headerRef = useHeaderHeight();

  // After client-side navigation, move focus to the new page's heading so screen-reader and
  // keyboard users start at the top of the new content (the browser does this on full loads).
  // A new #anchor (a search result's section) takes focus to that section's heading instead.
  // (The address compared, not a first-render flag: StrictMode runs effects twice on the first render.)
  useEffect(() => {
    const before = shown.current;
    if (before.pathname === pathname && before.hash === hash) return;
    shown.current = { pathname, hash };
    if (pagePlacedFocus()) return;
    if (focusSectionHeading(hash)) return;
    if (pathname !== before.pathname) focusPageHeading({ preventScroll: true });
  }, [pathname, hash]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <header className="site-header" ref={headerRef}>
        <Link to="/" className="brand">
          <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
            <rect width="32" height="32" rx="6" fill="currentColor" />
            <path d="M8 10l8 6-8 6" stroke="var(--bg)" strokeWidth="3" fill="none" strokeLinecap="round" strokeLinejoin="round" />
            <path d="M17 23h7" stroke="var(--bg)" strokeWidth="3" strokeLinecap="round" />
          </svg>
          <span>PowerShell Remoting Security Guide</span>
        </Link>
        <nav aria-label="Main" className="main-nav">
          <NavLink to="/topics">Topics</NavLink>
          <NavLink to="/guide">Guide</NavLink>
          <NavLink to="/audit">Audit</NavLink>
        </nav>
        <div className="header-tools">
          <SearchDialog />
          <ThemeToggle />
        </div>
      </header>
      <div id="main" className="main-wrap">
        <RouteErrorBoundary resetKey={pathname}>
          {/* Pages load their code before they show (see App.tsx); this only catches the unexpected. */}
          <Suspense fallback={null}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </div>
      <footer className="site-footer">
        <p>
          Every recommendation and every topic links to its sources. Nothing you enter leaves your browser; the guide works offline once loaded.
        </p>
      </footer>
    </>
  );
}
