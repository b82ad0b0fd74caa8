import { Link, useRouteError } from 'react-router';

/** Last-resort boundary: something failed while rendering; say so plainly and offer a way on. */
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : 'An unexpected error occurred.';
  return (
    <main className="narrow" aria-labelledby="err-title">
      <h1 id="err-title">Something went wrong</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </main>
  );
}
