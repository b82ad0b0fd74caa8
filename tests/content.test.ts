import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { collectTopic, collectTopics } from '../scripts/topics-collection.ts';
import { detailsOf } from '../scripts/vite-plugin-topics.ts';
import { citedDocument } from '../src/content/cited-documents.ts';
import { frontmatterSchema } from '../src/content/schema.ts';
import { parsePowerShell } from '../src/core/testing/powershell-parser.ts';
import { TOPIC_SLUGS } from '../src/core/topics.ts';

const contentDir = join(import.meta.dirname, '..', 'content');
const files = readdirSync(contentDir).filter((f) => f.endsWith('.mdx'));
const topics = collectTopics(contentDir);
const bySlug = new Map(topics.map((t) => [t.slug, t]));

describe('the frontmatter schema', () => {
  const valid = {
    title: 'Kerberos',
    description: 'When PowerShell remoting uses Kerberos, what it protects, and what it needs from DNS and SPNs.',
    section: 'Authentication and transport',
    order: 6,
    sources: ['MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/WinRM-Security.md', 'https://learn.microsoft.com/x'],
    reviewed: '2026-11-25',
  };
  it('accepts a complete entry', () => expect(frontmatterSchema.safeParse(valid).success).toBe(true));
  it.each([
    ['no sources', { ...valid, sources: [] }],
    ['a source that is neither URL nor repository path', { ...valid, sources: ['the internet'] }],
    ['an http (not https) URL', { ...valid, sources: ['http://example.com/x'] }],
    ['an unknown section', { ...valid, section: 'Misc' }],
    ['a fractional order', { ...valid, order: 1.5 }],
    ['a bad date', { ...valid, reviewed: '25/11/2026' }],
    ['an unknown field', { ...valid, author: 'x' }],
    ['a missing description', { ...valid, description: undefined }],
  ])('rejects %s', (_, entry) => expect(frontmatterSchema.safeParse(entry).success).toBe(false));
});

describe('topic pages', () => {
  it('there are twenty topics', () => expect(files).toHaveLength(20));

  it.each(files)('%s has valid frontmatter', (file) => {
    const raw = readFileSync(join(contentDir, file), 'utf8');
    const yaml = /^---\n([\s\S]*?)\n---\n/.exec(raw)?.[1];
    expect(yaml, 'frontmatter block').toBeDefined();
    const result = frontmatterSchema.safeParse(parseYaml(yaml!));
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  it('slugs are unique and orders are unique and contiguous', () => {
    expect(new Set(topics.map((t) => t.slug)).size).toBe(topics.length);
    expect(topics.map((t) => t.order).sort((a, b) => a - b)).toEqual(topics.map((_, i) => i + 1));
  });

  it.each(files)('%s lists its sources without duplicates', (file) => {
    const t = collectTopic(join(contentDir, file));
    expect(t.sources.length).toBeGreaterThan(0);
    expect(new Set(t.sources).size).toBe(t.sources.length);
  });

  it.each(files)('%s cites every source by title and publisher, linked, never by a bare repository path', (file) => {
    const t = collectTopic(join(contentDir, file));
    const shown = detailsOf(t).sources;
    expect(shown).toHaveLength(t.sources.length);
    for (const [i, doc] of shown.entries()) {
      const ref = t.sources[i]!;
      expect(doc.title, ref).not.toMatch(/^[\w.-]+\/[\w.-]+: |\.(md|yml|rst)$/);
      expect(doc.publisher, ref).not.toBe('');
      expect(doc.url, ref).toMatch(/^https:\/\/\S+$/);
      // Microsoft's documentation repositories are read on Microsoft Learn, not on GitHub.
      if (ref.startsWith('MicrosoftDocs/')) expect(doc.url, ref).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
    // Two sources of one page never look the same to the reader.
    expect(new Set(shown.map((d) => d.title)).size, 'titles are unique on the page').toBe(shown.length);
  });

  it.each(files)('%s: each footnote links to one of the page\'s own sources, and each is cited', (file) => {
    const raw = readFileSync(join(contentDir, file), 'utf8');
    const urls = new Set(detailsOf(collectTopic(join(contentDir, file))).sources.map((d) => d.url));
    const definitions = [...raw.matchAll(/^\[\^([\w-]+)\]: \[[^\]]+\]\((https:\/\/[^)\s]+)\)/gm)];
    expect(definitions.length, 'every footnote is a link to its document').toBe([...raw.matchAll(/^\[\^[\w-]+\]:/gm)].length);
    for (const [, id, url] of definitions) {
      expect(urls, `footnote ${id} points at a listed source`).toContain(url);
      expect(raw.includes(`[^${id}]`) && raw.split(`[^${id}]`).length - 1, `footnote ${id} is cited in the text`).toBeGreaterThan(1);
    }
  });

  it('a source the guide cannot name has no citation', () => {
    expect(citedDocument('MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/WinRM-Security.md')).toEqual({
      title: 'Security considerations for PowerShell Remoting using WinRM',
      publisher: 'Microsoft Learn',
      url: 'https://learn.microsoft.com/powershell/scripting/security/remoting/winrm-security',
    });
    expect(citedDocument('https://example.com/unknown-page')).toBeUndefined();
    expect(citedDocument('someone/somewhere: notes.txt')).toBeUndefined();
  });

  it.each(files)('%s has at least 250 words of prose and unique heading ids', (file) => {
    const t = collectTopic(join(contentDir, file));
    expect(t.words).toBeGreaterThanOrEqual(250);
    expect(new Set(t.headings.map((h) => h.id)).size).toBe(t.headings.length);
    expect(t.headings.length).toBeGreaterThan(2);
  });

  it.each(files)('%s links only to topics and headings that exist', (file) => {
    const raw = readFileSync(join(contentDir, file), 'utf8');
    const bad: string[] = [];
    for (const [, path, hash] of raw.matchAll(/\]\((\/[^)\s#]*)(?:#([^)\s]+))?\)/g)) {
      const slug = /^\/topics\/([a-z0-9-]+)$/.exec(path!)?.[1];
      if (path === '/topics' || path === '/guide' || path === '/') continue;
      const target = slug ? bySlug.get(slug) : undefined;
      if (!target) bad.push(path!);
      else if (hash && !target.headings.some((h) => h.id === hash)) bad.push(`${path}#${hash}`);
    }
    expect(bad).toEqual([]);
  });
});

const seedPath = join(import.meta.dirname, '..', '..', 'shared', 'seed', '000_4ceee9820a323c10.txt');
describe.runIf(existsSync(seedPath))('own words', () => {
  const words = (t: string) => t.toLowerCase().match(/[a-z0-9']+/g) ?? [];
  // describe.runIf still collects this body, so read the article only when it is there.
  const seed = existsSync(seedPath) ? words(readFileSync(seedPath, 'utf8')) : [];
  const grams = new Set(seed.slice(0, -9).map((_, i) => seed.slice(i, i + 10).join(' ')));
  it.each(topics.map((t) => [t.slug, t] as const))('%s shares no 10-word run with the 2016 article', (_, t) => {
    const w = words(t.text);
    const shared = w.slice(0, -9).map((_, i) => w.slice(i, i + 10).join(' ')).filter((g) => grams.has(g));
    expect(shared).toEqual([]);
  });
});

describe('PowerShell on topic pages', () => {
  const blocks = topics.flatMap((t) =>
    [...readFileSync(t.file, 'utf8').matchAll(/```powershell\n([\s\S]*?)```/g)].map((m, i) => [`${t.slug} block ${i + 1}`, m[1]!] as const),
  );
  it('there is PowerShell to check', () => expect(blocks.length).toBeGreaterThan(40));
  it.each(blocks)('%s parses as PowerShell', async (_, code) => {
    expect((await parsePowerShell(code)).errors).toEqual([]);
  });
});

describe('the engine and the pages agree', () => {
  it('every topic the engine links to has a page, and every page is a topic the engine knows', () => {
    expect([...TOPIC_SLUGS].sort()).toEqual(topics.map((t) => t.slug).sort());
  });
});
