import { Link, useLocation } from 'react-router';
import { PageMeta } from '../components/PageMeta.tsx';
import { useHydrated } from '../use-hydrated.ts';

export function NotFoundPage() {
  const { pathname } = useLocation();
  // Prerendered once (as 404.html) for every unknown address: the address itself is filled in after hydration.
  const hydrated = useHydrated();
  return (
    <main className="narrow" aria-labelledby="nf-title">
      <PageMeta title="Page not found" description="This address is not a page of the PowerShell Remoting Security Guide." />
      <h1 id="nf-title">Page not found</h1>
      <p>
        There is no page at {hydrated ? <code>{pathname}</code> : 'this address'}. It may have moved, or the link may be mistyped.
      </p>
      <ul>
        <li>
          <Link to="/topics">Browse all topics</Link>
        </li>
        <li>
          <Link to="/guide">Answer the questionnaire</Link>
        </li>
        <li>
          <Link to="/">Go to the home page</Link>
        </li>
      </ul>
    </main>
  );
}
