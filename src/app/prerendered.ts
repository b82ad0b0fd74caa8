// Which prerendered file answers which address. Shared by the build (scripts/prerender.ts), the
// browser (src/main.tsx decides between hydrating and rendering afresh) and the service worker.

/** The key of the not-found page; its file is 404.html, which static hosts serve for unknown paths. */
export const NOT_FOUND_KEY = '/404';

/** Prerendered as a shell only (their content comes from the address): rendered afresh, never hydrated. */
export const SHELL_KEYS: readonly string[] = ['/recommendation'];

/** Every prerendered page, given the topic slugs. */
export function prerenderedKeys(slugs: readonly string[]): string[] {
  return ['/', '/topics', ...slugs.map((s) => `/topics/${s}`), '/guide', '/audit', ...SHELL_KEYS, NOT_FOUND_KEY];
}

/** The file a key is written to: `/` is index.html, `/topics/kerberos` is topics/kerberos.html. */
export function fileForKey(key: string): string {
  return key === '/' ? 'index.html' : `${key.slice(1)}.html`;
}

export function normalizePath(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}

/**
 * The prerendered page whose HTML is exactly what the app renders at this address, or undefined
 * when there is none (the guide at a later step is not prerendered: its answers are in the query).
 */
export function keyForAddress(pathname: string, search: string, isTopicSlug: (slug: string) => boolean): string | undefined {
  const path = normalizePath(pathname);
  if (path === '/' || path === '/topics' || path === '/audit' || SHELL_KEYS.includes(path)) return path;
  if (path === '/guide') return search === '' || search === '?' ? path : undefined;
  const topic = /^\/topics\/([^/]+)$/.exec(path);
  if (topic && isTopicSlug(topic[1]!)) return path;
  // 404.html is rendered with no section of the main navigation current; an unknown address
  // inside a section (/topics/no-such-topic) shows that section as current, so it renders afresh.
  if (/^\/(topics|guide|audit)\//.test(path)) return undefined;
  return NOT_FOUND_KEY;
}
