import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { QUESTION_ORDER, QUESTION_VALUES, type Answers } from './model';
import { decodePermalink, encodeAnswers, type PermalinkProblem } from './permalink';
import { allCompleteAnswers } from './testing/answers';
import { HOSTILE_ADMIN_SUBNETS, adminSubnetList } from './testing/admin-subnet-arbitraries';
import { dnsName, ipv4, ipv6 } from './testing/arbitraries';

const kinds = (problems: PermalinkProblem[]) => problems.map((p) => p.kind);
const COMPLETE = allCompleteAnswers();

describe('encodeAnswers', () => {
  test('writes v=1 and the asked questions in question order', () => {
    const answers: Answers = { hop: 'none', who: 'admins', network: 'private', platform: 'mixed' };
    expect(encodeAnswers(answers)).toBe('v=1&platform=mixed&network=private&who=admins&hop=none');
  });

  test('leaves out answers that do not apply, and hosts unless asked to include them', () => {
    const answers = { platform: 'mixed', domain: 'same', network: 'private', who: 'admins', hop: 'none' } as Answers;
    expect(encodeAnswers(answers, { target: 'srv01.contoso.com' })).toBe('v=1&platform=mixed&network=private&who=admins&hop=none');
    expect(encodeAnswers(answers, { target: '2001:db8::1', resource: 'srv02' }, { includeHosts: true })).toBe(
      'v=1&platform=mixed&network=private&who=admins&hop=none&target=2001%3Adb8%3A%3A1&resource=srv02',
    );
    expect(encodeAnswers(answers, { target: "x';calc" }, { includeHosts: true })).not.toContain('target');
  });

  test('writes the admin addresses (entries joined by commas) only with the hosts, and only when valid', () => {
    const answers = { platform: 'mixed', network: 'private', who: 'admins', hop: 'none' } as Answers;
    const hosts = { target: 'srv01', adminSubnet: '10.0.50.0/24\n 2001:db8::/48' };
    expect(encodeAnswers(answers, hosts)).not.toContain('adminSubnet');
    expect(encodeAnswers(answers, hosts, { includeHosts: true })).toBe(
      `v=1&platform=mixed&network=private&who=admins&hop=none&target=srv01&adminSubnet=${encodeURIComponent('10.0.50.0/24,2001:db8::/48')}`,
    );
    expect(encodeAnswers(answers, { adminSubnet: 'Any' }, { includeHosts: true })).not.toContain('adminSubnet');
    expect(encodeAnswers(answers, { adminSubnet: ' ' }, { includeHosts: true })).not.toContain('adminSubnet');
    // The link never carries a list the recommendation would refuse for this target.
    expect(encodeAnswers(answers, { target: '2001:db8::10', adminSubnet: '10.0.50.0/24' }, { includeHosts: true })).not.toContain('adminSubnet');
  });
});

describe('decodePermalink: problem classes', () => {
  test('empty input is a fresh start without problems', () => {
    expect(decodePermalink('')).toEqual({ answers: {}, hosts: {}, problems: [] });
    expect(decodePermalink('?')).toEqual({ answers: {}, hosts: {}, problems: [] });
  });

  test('unknown-key', () => {
    const d = decodePermalink('v=1&platform=mixed&colour=blue');
    expect(kinds(d.problems)).toContain('unknown-key');
    const p = d.problems.find((x) => x.kind === 'unknown-key');
    expect(p?.message).toMatch(/"colour" is not a known parameter/);
    expect(p?.message).toMatch(/"platform"/);
    expect(d.answers).toEqual({ platform: 'mixed' });
  });

  test('invalid-value names the key and the allowed values', () => {
    const d = decodePermalink('v=1&platform=linux');
    const p = d.problems.find((x) => x.kind === 'invalid-value');
    expect(p).toMatchObject({ kind: 'invalid-value', key: 'platform', value: 'linux', allowed: ['windows', 'mixed'] });
    expect(p?.message).toBe('"linux" is not a valid answer for "platform"; allowed: "windows", "mixed".');
    expect(d.answers).toEqual({});
  });

  test('duplicate-key keeps the first value', () => {
    const d = decodePermalink('v=1&platform=mixed&platform=windows');
    expect(kinds(d.problems)).toContain('duplicate-key');
    expect(d.answers.platform).toBe('mixed');
    expect(d.problems.find((p) => p.kind === 'duplicate-key')?.message).toMatch(/"platform" appears more than once/);
  });

  test('unsupported-version uses nothing from the link', () => {
    const d = decodePermalink('v=2&platform=mixed&network=private');
    expect(d).toEqual({
      answers: {},
      hosts: {},
      problems: [expect.objectContaining({ kind: 'unsupported-version', key: 'v', value: '2', allowed: ['1'] })],
    });
    expect(d.problems[0]?.message).toMatch(/version "2".*reads version "1"/);
  });

  test('missing-version reads the link as version 1', () => {
    const d = decodePermalink('platform=mixed&network=private&who=admins&hop=none');
    expect(kinds(d.problems)).toEqual(['missing-version']);
    expect(d.answers).toEqual({ platform: 'mixed', network: 'private', who: 'admins', hop: 'none' });
  });

  test('malformed-encoding in a value or a key', () => {
    const d = decodePermalink('v=1&platform=%E0%A4%A&network=%ZZ&%C0=x');
    expect(kinds(d.problems).filter((k) => k === 'malformed-encoding')).toHaveLength(3);
    expect(d.problems.find((p) => p.kind === 'malformed-encoding' && p.key === 'platform')?.message).toMatch(/The value of "platform" has broken percent-encoding/);
  });

  test('not-applicable names the question and why', () => {
    const d = decodePermalink('v=1&platform=mixed&domain=same&network=private&who=admins&hop=none');
    const p = d.problems.find((x) => x.kind === 'not-applicable');
    expect(p).toMatchObject({ kind: 'not-applicable', key: 'domain', value: 'same' });
    expect(p?.message).toBe('"domain" is only asked when platform = windows (this link has platform=mixed); its answer was ignored.');
    expect(d.answers).toEqual({ platform: 'mixed', network: 'private', who: 'admins', hop: 'none' });
  });

  test('missing-answer names each question on the path without an answer', () => {
    const d = decodePermalink('v=1&platform=windows&domain=same');
    expect(d.problems.filter((p) => p.kind === 'missing-answer').map((p) => p.key)).toEqual(['address', 'network', 'who', 'hop']);
    const p = d.problems.find((x) => x.kind === 'missing-answer');
    expect(p?.message).toMatch(/no answer for "address".*allowed: "name", "ip"/);
  });

  test('invalid-host', () => {
    const d = decodePermalink(`v=1&platform=mixed&network=private&who=admins&hop=none&target=${encodeURIComponent("srv01';calc")}&resource=srv02`);
    expect(kinds(d.problems)).toEqual(['invalid-host']);
    expect(d.problems[0]).toMatchObject({ kind: 'invalid-host', key: 'target' });
    expect(d.problems[0]?.message).toMatch(/The target host was ignored: .*single quote/);
    expect(d.hosts).toEqual({ resource: 'srv02' });
  });

  test('adminSubnet: valid lists are read, normalised for the field', () => {
    const d = decodePermalink(`v=1&platform=mixed&network=private&who=admins&hop=none&adminSubnet=${encodeURIComponent('10.0.50.0/24,2001:db8::/48,localsubnet')}`);
    expect(d.problems).toEqual([]);
    expect(d.hosts).toEqual({ adminSubnet: '10.0.50.0/24, 2001:db8::/48, LocalSubnet' });
    expect(decodePermalink('v=1&adminSubnet=10.0.50.0/24+10.0.51.0/24').hosts).toEqual({ adminSubnet: '10.0.50.0/24, 10.0.51.0/24' });
  });

  test('invalid-admin-subnet names the key and says why; nothing of it is used', () => {
    for (const [value, why] of [
      ['Any', /keyword that admits every address/],
      ['0.0.0.0/1', /admits too much/],
      ['10.0.50.1/24', /the network is 10\.0\.50\.0\/24/],
      ['', /empty/],
      ["10.0.50.0/24';calc", /single quote/],
      ['<img src=x onerror=alert(1)>', /angle bracket/],
    ] as const) {
      const d = decodePermalink(`v=1&platform=mixed&network=private&who=admins&hop=none&adminSubnet=${encodeURIComponent(value)}`);
      expect(d.hosts).toEqual({});
      expect(d.problems).toEqual([expect.objectContaining({ kind: 'invalid-admin-subnet', key: 'adminSubnet' })]);
      expect(d.problems[0]?.message).toMatch(/^The admin addresses \("adminSubnet"\) were ignored: /);
      expect(d.problems[0]?.message).toMatch(why);
    }
  });

  test('invalid-admin-subnet: an IPv4-only list for an IPv6 target', () => {
    const d = decodePermalink(`v=1&platform=mixed&network=private&who=admins&hop=none&target=${encodeURIComponent('2001:db8::10')}&adminSubnet=${encodeURIComponent('10.0.50.0/24')}`);
    expect(d.hosts).toEqual({ target: '2001:db8::10' });
    expect(d.problems.map((p) => p.kind)).toEqual(['invalid-admin-subnet']);
    expect(d.problems[0]?.message).toMatch(/only IPv4 entries.*over IPv6/);
    const both = decodePermalink(`v=1&target=${encodeURIComponent('2001:db8::10')}&adminSubnet=${encodeURIComponent('10.0.50.0/24,2001:db8:50::/64')}`);
    expect(both.hosts.adminSubnet).toBe('10.0.50.0/24, 2001:db8:50::/64');
  });

  test.each(HOSTILE_ADMIN_SUBNETS)('hostile adminSubnet %j is ignored with a message', (value) => {
    const d = decodePermalink(`v=1&platform=mixed&network=private&who=admins&hop=none&adminSubnet=${encodeURIComponent(value)}`);
    expect(d.hosts).toEqual({});
    expect(d.problems.map((p) => p.kind)).toEqual(['invalid-admin-subnet']);
  });

  test('accepts a leading "?", "+" as space and keys in any order', () => {
    const d = decodePermalink('?hop=none&who=admins&network=private&platform=mixed&v=1');
    expect(d.problems).toEqual([]);
    expect(d.answers).toEqual({ platform: 'mixed', network: 'private', who: 'admins', hop: 'none' });
    expect(kinds(decodePermalink('v=1&platform=win+dows').problems)).toContain('invalid-value');
  });
});

describe('round trip', () => {
  test('decode(encode(a)) = a for every complete answer set', () => {
    for (const answers of COMPLETE) {
      const d = decodePermalink(encodeAnswers(answers));
      expect(d.problems).toEqual([]);
      expect(d.answers).toEqual(answers);
    }
  });

  test('property: admin-address lists round-trip (normalised for the field)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMPLETE), adminSubnetList, (answers, { entries, text }) => {
        const d = decodePermalink(encodeAnswers(answers, { adminSubnet: text }, { includeHosts: true }));
        expect(d.problems).toEqual([]);
        expect(d.hosts).toEqual({ adminSubnet: entries.join(', ') });
        expect(decodePermalink(encodeAnswers(answers, d.hosts, { includeHosts: true })).hosts).toEqual(d.hosts);
      }),
      { numRuns: 500 },
    );
  });

  test('property: partial answers and hosts round-trip', () => {
    const prefix = fc.tuple(fc.constantFrom(...COMPLETE), fc.nat({ max: 11 })).map(([answers, n]) => Object.fromEntries(Object.entries(answers).slice(0, n)) as Answers);
    const host = fc.option(fc.oneof(dnsName, ipv4, ipv6), { nil: undefined });
    fc.assert(
      fc.property(prefix, host, host, (answers, target, resource) => {
        const hosts = { ...(target ? { target } : {}), ...(resource ? { resource } : {}) };
        const d = decodePermalink(encodeAnswers(answers, hosts, { includeHosts: true }));
        expect(d.answers).toEqual(answers);
        expect(d.hosts).toEqual(hosts);
        expect(d.problems.every((p) => p.kind === 'missing-answer')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('never throws', () => {
  const keys = fc.constantFrom('v', ...QUESTION_ORDER, 'target', 'resource', 'adminSubnet', 'x', '', '%', '__proto__', 'constructor');
  const values = fc.oneof(
    fc.constantFrom(...Object.values(QUESTION_VALUES).flat(), '1', '2', '', '10.0.50.0/24,2001:db8::/48', 'LocalSubnet', 'Any', '2001:db8::10'),
    fc.string(),
    fc.string({ unit: 'binary' }),
  );
  const pair = fc.tuple(keys, values, fc.boolean()).map(([k, v, raw]) => `${k}=${raw ? v : encodeURIComponent(v)}`);

  test('on thousands of random strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.webQueryParameters()), (s) => {
        const d = decodePermalink(s);
        expect(Array.isArray(d.problems)).toBe(true);
        for (const p of d.problems) expect(typeof p.message).toBe('string');
      }),
      { numRuns: 5000 },
    );
  });

  test('on thousands of random parameter lists, and what it returns is always valid', () => {
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 15 }), fc.boolean(), (pairs, question) => {
        const d = decodePermalink((question ? '?' : '') + pairs.join('&'));
        // Answers are always a valid, pruned set; hosts and admin addresses always valid.
        const again = decodePermalink(encodeAnswers(d.answers, d.hosts, { includeHosts: true }));
        expect(again.answers).toEqual(d.answers);
        expect(again.hosts).toEqual(d.hosts);
        for (const [k, v] of Object.entries(d.answers)) expect((QUESTION_VALUES as Record<string, readonly string[]>)[k]).toContain(v);
        const { adminSubnet, ...hosts } = d.hosts;
        for (const h of Object.values(hosts)) expect(h).toMatch(/^[A-Za-z0-9.:-]+$/);
        if (adminSubnet !== undefined) expect(adminSubnet).toMatch(/^[A-Za-z0-9.:/-]+(, [A-Za-z0-9.:/-]+)*$/);
      }),
      { numRuns: 3000 },
    );
  });

  test('on non-string input', () => {
    for (const x of [undefined, null, 42, {}, [], Symbol('x')]) expect(decodePermalink(x)).toEqual({ answers: {}, hosts: {}, problems: [] });
  });
});
