import { use, type ComponentType } from 'react';
import { settled, tracked } from './thenable.ts';

export interface LazyPage {
  Page: ComponentType;
  /** Undefined once the page's code is loaded; otherwise the promise of it (and starts the load). */
  pending: () => Promise<unknown> | undefined;
}

/**
 * A page whose code is a chunk of its own. Unlike React.lazy, a page whose code has already
 * loaded renders synchronously: the app loads the first page's code before it hydrates, so
 * hydration never meets a suspended page.
 */
export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let code: Promise<ComponentType> | undefined;
  // A failed load is tried again on the next navigation to the page (not on every render).
  const start = (retry: boolean) => (code = !code || (retry && settled(code) === 'rejected') ? tracked(load()) : code);
  function Page() {
    const Component = use(start(false));
    return <Component />;
  }
  return {
    Page,
    pending: () => {
      const current = start(true);
      return settled(current) === 'fulfilled' ? undefined : current;
    },
  };
}
