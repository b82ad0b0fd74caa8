import mdx from '@mdx-js/rollup';
import rehypeShiki from '@shikijs/rehype';
import react from '@vitejs/plugin-react';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeSlug from 'rehype-slug';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { defineConfig, type Plugin } from 'vite';
import { deployFilesPlugin } from './scripts/vite-plugin-deploy-files.ts';
import { topicsPlugin } from './scripts/vite-plugin-topics.ts';

/**
 * The stylesheet (about 5.6 KiB compressed) goes into each page's HTML as a <style>: the first
 * paint then waits for the HTML alone, not for a second request (on a phone's connection that
 * is a round trip or two). The prerendered pages are made from this HTML, so they have it too.
 * The file itself is then dropped from the build: with one stylesheet (`cssCodeSplit: false`) no
 * chunk asks for it either, where a lazy page's import used to fetch it again and restyle the page.
 */
function inlineStylesheet(): Plugin {
  return {
    name: 'psremoting-inline-stylesheet',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        return html.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/g, (tag, file: string) => {
          const asset = bundle?.[file];
          if (asset?.type !== 'asset') return tag;
          const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
          delete bundle![file];
          return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
        });
      },
    },
  };
}

export default defineConfig({
  plugins: [
    {
      enforce: 'pre',
      ...mdx({
        providerImportSource: undefined,
        remarkPlugins: [[remarkFrontmatter, ['yaml']], remarkGfm],
        rehypePlugins: [
          rehypeSlug,
          [rehypeAutolinkHeadings, { behavior: 'wrap', properties: { className: ['heading-anchor'] } }],
          // Highlighting happens here, at build time: the browser gets coloured HTML, not a highlighter.
          [
            rehypeShiki,
            {
              themes: { light: 'github-light-default', dark: 'github-dark-default' },
              defaultColor: false,
              // github-light-default's comment grey is below 4.5:1 on our code background.
              colorReplacements: { 'github-light-default': { '#6e7781': '#57606a' } },
            },
          ],
        ],
      }),
    },
    react({ include: /\.(mdx|ts|tsx)$/ }),
    topicsPlugin('content'),
    deployFilesPlugin('content'),
    inlineStylesheet(),
  ],
  // `vite build` builds the browser bundle and a server bundle of src/entry-server.tsx, which
  // prerenders every static page into dist/ (scripts/vite-plugin-deploy-files.ts).
  builder: {},
  environments: {
    ssr: {
      build: { ssr: 'src/entry-server.tsx', outDir: 'node_modules/.cache/psremoting-prerender', emptyOutDir: true },
    },
  },
  // Every browser the guide supports preloads modules itself: no polyfill in every page's entry.
  // One stylesheet, inlined into every page (inlineStylesheet above).
  build: {
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What reading an address needs (the guide and the recommendation both do), in one
          // chunk: left alone, the bundler splits it where the questionnaire's machine (loaded
          // later) shares modules with it, and each extra file costs the first load a request.
          // Plain modules only: a group takes in what its modules import, and a component would
          // bring React's JSX runtime out of the entry (then every page would load this chunk).
          groups: [{ name: 'guide-url', test: /\/src\/(core\/(model|questions|hosts|admin-subnet|jea-commands|permalink|rules\/constants)|app\/guide\/guide-url)\.ts$/ }],
        },
      },
    },
  },
  // The recommendation's workers (the fleet outputs, the scripts' colouring) are module workers,
  // so they load what they need (a grammar, a library) as chunks of their own, when they need it.
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
