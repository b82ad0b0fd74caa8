import { describe, expect, it } from 'vitest';
import { fileForKey, keyForAddress, NOT_FOUND_KEY, prerenderedKeys } from './prerendered.ts';

const isTopic = (slug: string) => ['kerberos', 'credssp'].includes(slug);

describe('prerendered pages', () => {
  it('lists every static page once, the not-found page last', () => {
    const keys = prerenderedKeys(['kerberos', 'credssp']);
    expect(keys).toEqual(['/', '/topics', '/topics/kerberos', '/topics/credssp', '/guide', '/audit', '/recommendation', NOT_FOUND_KEY]);
    expect(new Set(keys.map(fileForKey)).size).toBe(keys.length);
  });

  it('writes each page to the file a static host serves for its address', () => {
    expect(fileForKey('/')).toBe('index.html');
    expect(fileForKey('/topics')).toBe('topics.html');
    expect(fileForKey('/topics/kerberos')).toBe('topics/kerberos.html');
    expect(fileForKey(NOT_FOUND_KEY)).toBe('404.html');
  });

  it.each([
    ['/', '', '/'],
    ['/topics', '', '/topics'],
    ['/topics/', '', '/topics'],
    ['/topics/kerberos', '', '/topics/kerberos'],
    ['/topics/kerberos', '?utm=x', '/topics/kerberos'],
    ['/guide', '', '/guide'],
    ['/audit', '', '/audit'],
    ['/audit/', '', '/audit'],
    ['/recommendation', '?v=1&platform=windows', '/recommendation'],
    ['/no/such/page', '', NOT_FOUND_KEY],
    ['/recommendations', '', NOT_FOUND_KEY],
  ])('%s%s is the page prerendered as %s', (path, search, key) => expect(keyForAddress(path, search, isTopic)).toBe(key));

  it('an unknown address inside a section is rendered afresh (the section shows as current)', () => {
    expect(keyForAddress('/topics/no-such-topic', '', isTopic)).toBeUndefined();
    expect(keyForAddress('/guide/step-9', '', isTopic)).toBeUndefined();
  });

  it('the guide at a later step has no prerendered page (its answers are in the address)', () => {
    expect(keyForAddress('/guide', '?v=1&platform=windows', isTopic)).toBeUndefined();
  });
});
