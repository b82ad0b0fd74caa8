import { describe, expect, it } from 'vitest';
import { hasHostText, hostTextOf, includeHostsOf, readCarried, validHostsOf } from '../src/app/guide/carry.ts';
import { guideHref, parseGuideSearch, recommendationHref } from '../src/app/guide/guide-url.ts';
import { progressText } from '../src/app/guide/progress-text.ts';
import { decodePermalink } from '../src/core/permalink.ts';

const HOSTS = { target: 'app01.corp.example.com', resource: 'files01.corp.example.com', adminSubnet: '10.0.50.0/24' };
const RBKCD = { platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'admins', hop: 'files', adcontrol: 'yes', trust: 'normal', protected: 'no' } as const;

describe('what the guide and the recommendation carry in the history state', () => {
  it('reads its own state back, and drops anything else (history state is anyone to write)', () => {
    const state = { hosts: HOSTS, includeHosts: false, returnTo: 'recommendation' };
    expect(readCarried(state)).toEqual(state);
    for (const junk of [null, undefined, 'x', 42, [], { usr: HOSTS }]) expect(readCarried(junk)).toEqual({});
    expect(readCarried({ hosts: { target: 7, resource: 'a'.repeat(20_001), adminSubnet: {} }, includeHosts: 'yes', returnTo: 'elsewhere' })).toEqual({
      hosts: { target: '', resource: '', adminSubnet: '' },
    });
  });

  it('prefers the carried text to the address, and falls back to the address (a link opened fresh)', () => {
    const decoded = decodePermalink(recommendationHref(RBKCD, HOSTS, true).split('?')[1]);
    expect(hostTextOf(decoded, {})).toEqual(HOSTS);
    expect(includeHostsOf(decoded, {})).toBe(true);
    const typed = { target: 'web07 being typed', resource: '', adminSubnet: '' };
    expect(hostTextOf(decoded, { hosts: typed, includeHosts: false })).toEqual(typed);
    expect(includeHostsOf(decoded, { includeHosts: false })).toBe(false);
    const bare = decodePermalink(recommendationHref(RBKCD).split('?')[1]);
    expect(hostTextOf(bare, {})).toEqual({ target: '', resource: '', adminSubnet: '' });
    expect(includeHostsOf(bare, {})).toBe(false);
  });

  it('only valid values reach the engine or a link', () => {
    expect(validHostsOf(HOSTS)).toEqual({ hosts: HOSTS, targetKind: 'dns' });
    expect(validHostsOf({ target: "x';calc;'", resource: ' files01 ', adminSubnet: 'Any' })).toEqual({ hosts: { resource: 'files01' }, targetKind: undefined });
    // An IPv6 target needs an IPv6 entry: an IPv4-only list is left out.
    expect(validHostsOf({ target: '2001:db8::10', resource: '', adminSubnet: '10.0.50.0/24' }).hosts).toEqual({ target: '2001:db8::10' });
    expect(hasHostText({ target: '', resource: ' ', adminSubnet: '\n' })).toBe(false);
    expect(hasHostText({ target: 'bad host', resource: '', adminSubnet: '' })).toBe(true);
  });

  it('the guide address carries the hosts only when asked, and round-trips with its step', () => {
    expect(guideHref(RBKCD, 'done', HOSTS)).not.toMatch(/target|resource|adminSubnet/);
    const href = guideHref(RBKCD, 'network', HOSTS, true);
    expect(href).toMatch(/&target=app01\.corp\.example\.com&resource=files01\.corp\.example\.com&adminSubnet=10\.0\.50\.0%2F24&step=network$/);
    const { decoded, step } = parseGuideSearch(href.slice('/guide'.length));
    expect(step).toBe('network');
    expect(decoded.problems).toEqual([]);
    expect(decoded.hosts).toEqual(HOSTS);
    expect(decoded.answers).toEqual(RBKCD);
    expect(guideHref(RBKCD, 'done', { target: 'bad host' }, true)).not.toContain('target');
  });
});

describe('progress in words', () => {
  it('answered, and the most still to come', () => {
    expect(progressText({ answered: 0, remaining: 10 })).toBe('Up to 10 questions');
    expect(progressText({ answered: 3, remaining: 7 })).toBe('3 answered, up to 7 questions to go');
    expect(progressText({ answered: 9, remaining: 1 })).toBe('9 answered, up to 1 question to go');
    expect(progressText({ answered: 6, remaining: 0 })).toBe('All 6 answered');
  });
});
