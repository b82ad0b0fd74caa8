import MiniSearch from 'minisearch';
import { describe, expect, test } from 'vitest';
import { collectTopics } from '../../scripts/topics-collection.ts';
import { searchDocsOf } from '../../scripts/vite-plugin-topics.ts';
import { indexTerms, isIdLike, queryTerms, SEARCH_OPTIONS, type SearchDoc } from './search-options.ts';
import { indexSections, searchTopics } from './search-rank.ts';
import { snippet, type SnippetPart } from './search-snippet.ts';

const shown = (parts: SnippetPart[]) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

const section = (slug: string, anchor: string, text: string, heading = ''): SearchDoc => ({ id: `${slug}#${anchor}`, slug, anchor, title: '', heading, text });

describe('tokenizer', () => {
  test('keeps ids, cmdlets and file names whole', () => {
    expect(queryTerms('CVE-2018-0886 and WN22-CC-000330, Enable-WSManCredSSP -Role Server; sshd_config')).toEqual([
      'CVE-2018-0886',
      'and',
      'WN22-CC-000330',
      'Enable-WSManCredSSP',
      'Role',
      'Server',
      'sshd_config',
    ]);
  });

  test('indexes a joined word whole and by its parts', () => {
    expect(indexTerms('see CVE-2018-0886.')).toEqual(['see', 'CVE-2018-0886', 'CVE', '2018', '0886']);
    expect(indexTerms('Microsoft.PowerShell')).toEqual(['Microsoft.PowerShell', 'Microsoft', 'PowerShell']);
  });

  test('markup in a query is only words', () => {
    expect(queryTerms('<img src=x onerror="alert(1)">')).toEqual(['img', 'src', 'x', 'onerror', 'alert', '1']);
    expect(queryTerms('<>"\'&;')).toEqual([]);
  });

  test('ids are never matched fuzzily', () => {
    expect(isIdLike('CVE-2018-0886')).toBe(true);
    expect(isIdLike('4104')).toBe(true);
    expect(isIdLike('credssp')).toBe(false);
  });
});

describe('ranking', () => {
  const filler = 'Remoting sessions, listeners and endpoints are configured per host. '.repeat(12);
  const docs = [
    // Names the CVE once, in a long section.
    section('credssp', 'patches', `${filler} The update for CVE-2018-0886 refuses to fall back to unpatched CredSSP. ${filler}`),
    // Has every part of the id, often, in a short text: a split tokenizer ranks it first.
    section('history', 'timeline', 'In 2018 CVE numbers: 2018, CVE 0886 lists, CVE feeds 2018.'),
    section('credssp', 'intro', 'CredSSP hands your credentials to the server.'),
    // One digit away: a different vulnerability, not a typo of the query.
    section('other', 'cve', 'CVE-2018-0887 is a different bug.'),
  ];
  const index = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
  index.addAll(docs);

  test('an id ranks the text that names it first, lands on its section, and nothing one digit away', () => {
    const hits = searchTopics(index, 'CVE-2018-0886');
    expect(hits.map((h) => h.slug)).toEqual(['credssp']);
    expect(hits[0]).toMatchObject({ anchor: 'patches', terms: ['cve-2018-0886'] });
  });

  test('a prefix of an id still finds it, and its parts typed apart find it too', () => {
    expect(searchTopics(index, 'CVE-2018-08').map((h) => h.anchor)).toContain('patches');
    expect(searchTopics(index, 'CVE 2018 0886').map((h) => h.slug)).toContain('credssp');
  });

  test('each topic once, at its best section', () => {
    const hits = searchTopics(index, 'CredSSP');
    expect(hits.map((h) => h.slug)).toEqual(['credssp']);
    expect(hits[0]?.anchor).toBe('intro');
  });
});

describe('ranking the guide’s own topics', async () => {
  const topics = collectTopics('content');
  const index = await indexSections(searchDocsOf(topics));

  test.each([
    ['CVE-2018-0886', 'credssp'],
    ['Enable-WSManCredSSP', 'credssp'],
    ['WN22-CC-000480', 'hardening-checklist'],
    ['AllowFreshCredentials', 'credssp'],
    ['4104', 'event-logs-and-auditing'],
  ])('%s ranks %s first', (query, slug) => {
    const [first] = searchTopics(index, query);
    expect(first?.slug).toBe(slug);
    // It lands on a section whose text has the id, and the snippet shows it marked.
    expect(first?.anchor).not.toBe('');
    expect(first?.text).toContain(query);
    expect(snippet(first!.text, first!.terms)).toContainEqual({ text: query, mark: true });
  });

  test.each([
    ['CredSSP', 'credssp'],
    ['NTLM', 'ntlm'],
    ['JEA', 'jea-and-runas-endpoints'],
    ['second hop', 'second-hop'],
  ])('a topic’s name, %s, lands on the top of its page', (query, slug) => {
    expect(searchTopics(index, query)[0]).toMatchObject({ slug, anchor: '' });
  });

  test('every section anchor is one of its page’s headings, and table cells do not run together', () => {
    for (const t of topics) expect(t.sections.slice(1).map((s) => s.anchor)).toEqual(t.headings.map((h) => h.id));
    const hardening = topics.find((t) => t.slug === 'hardening-checklist')!;
    expect(hardening.sections.some((s) => s.text.includes('= 0 STIG WN22-CC-000480'))).toBe(true);
  });
});

describe('snippet', () => {
  const text = `${'word '.repeat(40)}the CredSSP encryption oracle (CVE-2018-0886) is fixed. ${'more '.repeat(60)}`.trim();

  test('shows the text around the first match, with every match marked and the cuts shown', () => {
    const parts = snippet(text, ['credssp', 'cve-2018-0886']);
    expect(shown(parts)).toMatch(/^…(word )+the \[CredSSP\] encryption oracle \(\[CVE-2018-0886\]\) is fixed\. (more )+more…$/);
    expect(shown(parts).length).toBeLessThan(200);
  });

  test('marks a joined id whole, not its parts, and only whole words', () => {
    expect(shown(snippet('Run Enable-WSManCredSSP, then enable it. Enabled stays.', ['enable-wsmancredssp', 'enable']))).toBe(
      'Run [Enable-WSManCredSSP], then [enable] it. Enabled stays.',
    );
  });

  test('without a match, the start of the text', () => {
    expect(shown(snippet('Short text.', ['absent']))).toBe('Short text.');
    expect(shown(snippet('Short text.', []))).toBe('Short text.');
  });

  test('text that looks like markup stays text, and regex characters in terms are literal', () => {
    expect(snippet('a <b>x</b> (a+b)', ['a+b', '<b>'])).toEqual([{ text: 'a <b>x</b> (', mark: false }, { text: 'a+b', mark: true }, { text: ')', mark: false }]);
  });
});
