import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseIPv6, trustedHostsEntry, validateHost } from './hosts';
import { HOSTILE_HOSTS, dnsName, ipv4, ipv6 } from './testing/arbitraries';

const ok = (input: string) => {
  const r = validateHost(input);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to be valid: ${r.message}`);
  return r;
};
const bad = (input: string) => {
  const r = validateHost(input);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return r;
};

describe('validateHost', () => {
  test('accepts DNS names, IPv4 and IPv6 addresses', () => {
    expect(ok('srv01')).toEqual({ ok: true, host: 'srv01', kind: 'dns' });
    expect(ok('srv01.contoso.com')).toMatchObject({ kind: 'dns' });
    expect(ok('SRV-01.Contoso.COM')).toMatchObject({ host: 'SRV-01.Contoso.COM' });
    expect(ok('xn--bcher-kva.example')).toMatchObject({ kind: 'dns' });
    expect(ok('192.0.2.10')).toEqual({ ok: true, host: '192.0.2.10', kind: 'ipv4' });
    expect(ok('2001:db8::10')).toEqual({ ok: true, host: '2001:db8::10', kind: 'ipv6' });
    expect(ok('::1')).toMatchObject({ kind: 'ipv6' });
    expect(ok('fe80::1:2:3:4')).toMatchObject({ kind: 'ipv6' });
    expect(ok('::ffff:192.0.2.1')).toMatchObject({ kind: 'ipv6' });
    expect(ok('64:ff9b::192.0.2.33')).toMatchObject({ kind: 'ipv6' });
    expect(ok('2001:0db8:0000:0000:0000:ff00:0042:8329')).toMatchObject({ kind: 'ipv6' });
    expect(ok(`${'a'.repeat(63)}.example`)).toMatchObject({ kind: 'dns' });
  });

  test('normalises a trailing dot and IPv6 brackets', () => {
    expect(ok('srv01.contoso.com.').host).toBe('srv01.contoso.com');
    expect(ok('[2001:db8::10]').host).toBe('2001:db8::10');
  });

  test('rejects malformed names and addresses with a specific message', () => {
    expect(bad('').problem).toBe('empty');
    expect(bad('-srv.contoso.com').problem).toBe('dns-hyphen');
    expect(bad('srv-.contoso.com').problem).toBe('dns-hyphen');
    expect(bad('srv..contoso.com').message).toMatch(/Label 2 .* empty/);
    expect(bad('.srv').problem).toBe('dns-label');
    expect(bad(`${'a'.repeat(64)}.example`).message).toMatch(/64 characters.*at most 63/);
    expect(bad(`${'abcdefghi.'.repeat(26)}com`).problem).toBe('too-long');
    expect(bad('srv.123').problem).toBe('dns-numeric-tld');
    expect(bad('256.1.1.1').message).toMatch(/number 1 is greater than 255/);
    expect(bad('192.168.01.1').message).toMatch(/leading zero/);
    expect(bad('1.2.3').message).toMatch(/exactly four numbers/);
    expect(bad('1.2.3.4.5').problem).toBe('ipv4');
    expect(bad('0.0.0.0').problem).toBe('not-a-host-address');
    expect(bad('255.255.255.255').problem).toBe('not-a-host-address');
    expect(bad('224.0.0.1').problem).toBe('not-a-host-address');
    expect(bad('::').problem).toBe('not-a-host-address');
    expect(bad('ff02::1').problem).toBe('not-a-host-address');
    expect(bad('2001:db8::1::2').message).toMatch(/"::" may appear only once/);
    expect(bad('2001:db8:0:0:0:0:0:0:1').problem).toBe('ipv6');
    expect(bad('2001:db8:0:0:0:0:1').message).toMatch(/exactly 8 groups/);
    expect(bad('12345::1').message).toMatch(/more than four hex digits/);
    expect(bad('::ffff:192.0.2.256').message).toMatch(/embedded IPv4/);
    expect(bad('fe80::1%eth0').problem).toBe('ipv6-zone');
    expect(bad('fe80::1%12').problem).toBe('ipv6-zone');
    expect(bad('[2001:db8::1]:5986').problem).toBe('brackets');
    expect(bad('[srv01]').problem).toBe('brackets');
    expect(bad('srv_01.contoso.com').message).toMatch(/underscore/);
    expect(bad('*.contoso.com').message).toMatch(/wildcards are never allowed/);
    expect(bad('srv01,srv02').message).toMatch(/comma/);
  });

  test('parseIPv6 expands :: and embedded IPv4', () => {
    expect(parseIPv6('::ffff:192.0.2.1')).toEqual({ ok: true, groups: [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201] });
    expect(parseIPv6('1::')).toEqual({ ok: true, groups: [1, 0, 0, 0, 0, 0, 0, 0] });
  });

  test('TrustedHosts entries put IPv6 in brackets', () => {
    expect(trustedHostsEntry('2001:db8::10', 'ipv6')).toBe('[2001:db8::10]');
    expect(trustedHostsEntry('192.0.2.10', 'ipv4')).toBe('192.0.2.10');
  });

  test('property: generated valid DNS names, IPv4 and IPv6 addresses are accepted unchanged', () => {
    fc.assert(fc.property(dnsName, (name) => {
      expect(validateHost(name)).toEqual({ ok: true, host: name, kind: 'dns' });
    }), { numRuns: 500 });
    fc.assert(fc.property(ipv4, (a) => {
      expect(validateHost(a)).toEqual({ ok: true, host: a, kind: 'ipv4' });
    }), { numRuns: 500 });
    fc.assert(fc.property(ipv6, (a) => {
      expect(validateHost(a)).toMatchObject({ ok: true, kind: 'ipv6' });
    }), { numRuns: 500 });
  });

  test('property: never throws, and accepted hosts contain only safe characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        const r = validateHost(s);
        if (r.ok) expect(r.host).toMatch(/^[A-Za-z0-9.:-]{1,253}$/);
        else expect(r.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('hostile host names', () => {
  test.each(HOSTILE_HOSTS)('rejects %j', (input, message) => {
    const r = validateHost(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      // Messages never echo control characters or line breaks.
      expect([...r.message].some((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u2028' || c === '\u2029')).toBe(false);
    }
  });
});
