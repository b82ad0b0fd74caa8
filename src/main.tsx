import { StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { AppRoutes, BrowserAppRouter } from './app/App.tsx';
import { keyForAddress, SHELL_KEYS } from './app/prerendered.ts';
import { pendingRoute } from './app/router.tsx';
import { adoptTopicBody, isTopicSlug } from './app/topics/load-topic.ts';
import './app/styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// The build prerenders every static page and marks which one a file holds (data-page). When the
// file holds exactly this address's page, the app takes over that HTML (hydration); otherwise
// (the recommendation's shell, the guide at a later step, no prerendered file) it renders afresh.
const key = keyForAddress(window.location.pathname, window.location.search, isTopicSlug);
const hydrate = key !== undefined && container.dataset.page === key && !SHELL_KEYS.includes(key);

// A topic page keeps its prerendered text instead of loading the same text again as code.
const topic = hydrate ? /^\/topics\/([^/]+)$/.exec(key)?.[1] : undefined;
const article = topic ? container.querySelector('article.prose') : null;
if (topic && article) adoptTopicBody(topic, article.innerHTML);

const app = (
  <StrictMode>
    <BrowserAppRouter rendered={hydrate ? 'hydrated' : 'rendered'}>
      <AppRoutes />
    </BrowserAppRouter>
  </StrictMode>
);

// The page's code loads first, so the first render never waits (nor shows a fallback).
// In a transition React renders (and hydrates) in slices of a few milliseconds, yielding to the
// browser between them, instead of one long task that would hold up a tap on a slow phone.
const start = () =>
  startTransition(() => {
    if (hydrate) hydrateRoot(container, app);
    else createRoot(container).render(app);
  });
void Promise.resolve(pendingRoute(window.location.pathname)).then(start, start);

// Offline support: the production build registers a service worker that caches the whole guide.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without a service worker the guide still works online.
    });
  });
}
