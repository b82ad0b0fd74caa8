import { Component, type ReactNode } from 'react';
import { Link } from 'react-router';

/** Last-resort boundary: something failed while rendering; say so plainly and offer a way on. */
export function RouteError({ error }: { error: unknown }) {
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

/** Catches what a page throws; `resetKey` (the address) starts afresh on the next navigation. */
export class RouteErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: unknown; key: string }> {
  override state = { error: undefined as unknown, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('An unexpected error occurred.') };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: unknown; key: string }) {
    return props.resetKey === state.key ? null : { error: undefined, key: props.resetKey };
  }

  override render() {
    return this.state.error === undefined ? this.props.children : <RouteError error={this.state.error} />;
  }
}
