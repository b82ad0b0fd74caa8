import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { SearchDialog } from './components/SearchDialog.tsx';
import { ThemeToggle } from './components/ThemeToggle.tsx';

/** Site chrome: skip link, header with navigation, search and theme, and the page outlet. */
export function Layout() {
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page's heading so screen-reader and
  // keyboard users start at the top of the new content (the browser does this on full loads).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A page that already placed focus (the guide focuses its question) keeps it.
    if (document.activeElement && document.activeElement !== document.body) return;
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1) {
      h1.tabIndex = -1;
      h1.focus({ preventScroll: true });
    }
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
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
        </nav>
        <div className="header-tools">
          <SearchDialog />
          <ThemeToggle />
        </div>
      </header>
      <div id="main" className="main-wrap">
        <Outlet />
      </div>
      <footer className="site-footer">
        <p>
          Every recommendation cites its sources. Nothing you enter leaves your browser; the guide works offline once loaded.
        </p>
      </footer>
      <ScrollRestoration />
    </>
  );
}
