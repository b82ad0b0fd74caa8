import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './Layout.tsx';
import { RouteError } from './pages/RouteError.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { TopicsIndexPage } from './pages/TopicsIndexPage.tsx';
import { TopicPage } from './pages/TopicPage.tsx';
import { loadTopic } from './topics/load-topic.ts';

/** The one route table of the guide. */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'topics', element: <TopicsIndexPage /> },
      { path: 'topics/:slug', element: <TopicPage />, loader: ({ params }) => loadTopic(params.slug ?? '') },
      { path: 'guide', lazy: () => import('./guide/GuidePage.tsx').then((m) => ({ Component: m.GuidePage })) },
      {
        path: 'recommendation',
        lazy: () => import('./recommendation/RecommendationPage.tsx').then((m) => ({ Component: m.RecommendationPage })),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
