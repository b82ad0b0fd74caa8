import { matchRoutes, type RouteObject } from 'react-router';
import { lazyPage } from './lazy-page.tsx';
import { Layout } from './Layout.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { RecommendationShell } from './pages/RecommendationShell.tsx';
import { TopicPage } from './pages/TopicPage.tsx';
import { pendingTopic } from './topics/load-topic.ts';

// Each page but the topic pages (most of the guide) is a chunk of its own; the questionnaire
// (xstate) and the recommendation (the rules and the PowerShell renderers) above all: pages that
// do not need them do not load them.
const home = lazyPage(() => import('./pages/HomePage.tsx').then((m) => m.HomePage));
const topicsIndex = lazyPage(() => import('./pages/TopicsIndexPage.tsx').then((m) => m.TopicsIndexPage));
const guide = lazyPage(() => import('./guide/GuidePage.tsx').then((m) => m.GuidePage));
const audit = lazyPage(() => import('./audit/AuditPage.tsx').then((m) => m.AuditPage));
const recommendation = lazyPage(() => import('./recommendation/RecommendationPage.tsx').then((m) => m.RecommendationPage));

/** What a route needs loaded before it renders: undefined when it is ready. */
export interface RouteHandle {
  pending: (params: Record<string, string | undefined>) => Promise<unknown> | undefined;
}

const handle = (pending: RouteHandle['pending']): RouteHandle => ({ pending });

/** The one route table of the guide (declarative React Router: see README, "Rendering"). */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <home.Page />, handle: handle(home.pending) },
      { path: 'topics', element: <topicsIndex.Page />, handle: handle(topicsIndex.pending) },
      { path: 'topics/:slug', element: <TopicPage />, handle: handle(({ slug }) => pendingTopic(slug ?? '')) },
      { path: 'guide', element: <guide.Page />, handle: handle(guide.pending) },
      { path: 'audit', element: <audit.Page />, handle: handle(audit.pending) },
      {
        path: 'recommendation',
        // Worked out in the browser from the address: the prerendered file is a shell.
        element: import.meta.env.SSR ? <RecommendationShell /> : <recommendation.Page />,
        handle: handle(() => (import.meta.env.SSR ? undefined : recommendation.pending())),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Starts loading what the page at `pathname` needs; undefined when it can render right away. */
export function pendingRoute(pathname: string): Promise<unknown> | undefined {
  const waits = (matchRoutes(routes, pathname) ?? [])
    .map((m) => (m.route.handle as RouteHandle | undefined)?.pending(m.params))
    .filter((p): p is Promise<unknown> => p !== undefined);
  return waits.length > 0 ? Promise.all(waits) : undefined;
}
