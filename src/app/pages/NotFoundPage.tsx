import { Link, useLocation } from 'react-router';
import { PageMeta } from '../components/PageMeta.tsx';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <main className="narrow" aria-labelledby="nf-title">
      <PageMeta title="Page not found" description="This address is not a page of the PowerShell Remoting Security Guide." />
      <h1 id="nf-title">Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. It may have moved, or the link may be mistyped.
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
