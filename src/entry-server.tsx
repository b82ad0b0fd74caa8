// Build-time rendering of the static pages (scripts/prerender.ts calls `render` for each).
import { StrictMode } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';
import { StaticRouter } from 'react-router';
import { topics } from 'virtual:topics';
import { AppRoutes } from './app/App.tsx';
import { pendingRoute } from './app/router.tsx';

export { topics };
export { fileForKey, NOT_FOUND_KEY, prerenderedKeys, SHELL_KEYS } from './app/prerendered.ts';

export interface RenderedPage {
  /** <title> and <meta> (React puts a page's hoistable elements first): they belong in <head>. */
  head: string;
  /** The markup of #root. */
  body: string;
}

export async function render(url: string): Promise<RenderedPage> {
  await pendingRoute(new URL(url, 'https://build.invalid').pathname);
  // The same tree as the browser's (src/main.tsx), so hydration finds the same markup and ids.
  const { prelude } = await prerenderToNodeStream(
    <StrictMode>
      <StaticRouter location={url}>
        <AppRoutes />
      </StaticRouter>
    </StrictMode>,
    // The whole page inline: React would otherwise move a large Suspense boundary's content to the
    // end of the HTML, hidden until a script reveals it (nothing to read with JavaScript off).
    { progressiveChunkSize: Number.POSITIVE_INFINITY },
  );
  let html = '';
  for await (const chunk of prelude) html += String(chunk);
  const head = /^(?:<(?:title|meta|link)\b[^>]*>(?:[^<]*<\/title>)?)*/.exec(html)?.[0] ?? '';
  return { head, body: html.slice(head.length) };
}
