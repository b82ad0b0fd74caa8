import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_ADMIN_SUBNET_ENTRIES, isBlankAdminSubnet, validateAdminSubnet, type AdminSubnetOptions, type AdminSubnetProblem } from './admin-subnet';
import { ADMIN_SUBNET_POLICY } from './rules/constants';
import { HOSTILE_ADMIN_SUBNETS, adminSubnetList } from './testing/admin-subnet-arbitraries';

const ok = (input: string, options?: AdminSubnetOptions) => {
  const r = validateAdminSubnet(input, options);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to be accepted: ${r.message}`);
  return r.entries;
};
const refused = (input: string, problem: AdminSubnetProblem, message: RegExp, options?: AdminSubnetOptions) => {
  const r = validateAdminSubnet(input, options);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  expect(r.problem, r.message).toBe(problem);
  expect(r.message).toMatch(message);
};

describe('validateAdminSubnet accepts', () => {
  test('IPv4 and IPv6 addresses, prefixes and ranges, and LocalSubnet', () => {
    expect(ok('10.0.50.7')).toEqual(['10.0.50.7']);
    expect(ok('10.0.50.0/24')).toEqual(['10.0.50.0/24']);
    expect(ok('10.0.0.0/8')).toEqual(['10.0.0.0/8']);
    expect(ok('10.0.50.7/32')).toEqual(['10.0.50.7/32']);
    expect(ok('2001:db8:50::7')).toEqual(['2001:db8:50::7']);
    expect(ok('2001:db8::/48')).toEqual(['2001:db8::/48']);
    expect(ok('2001:DB8:50::/64')).toEqual(['2001:DB8:50::/64']);
    expect(ok('10.0.50.10-10.0.50.20')).toEqual(['10.0.50.10-10.0.50.20']);
    expect(ok('10.0.0.0-10.255.255.255')).toEqual(['10.0.0.0-10.255.255.255']);
    expect(ok('2001:db8::1-2001:db8::ff')).toEqual(['2001:db8::1-2001:db8::ff']);
    expect(ok('LocalSubnet')).toEqual(['LocalSubnet']);
    expect(ok('localsubnet')).toEqual(['LocalSubnet']);
  });

  test('several entries separated by commas, spaces or line breaks, in the order typed', () => {
    expect(ok('10.0.50.0/24, 2001:db8::/48')).toEqual(['10.0.50.0/24', '2001:db8::/48']);
    expect(ok(' 10.0.50.0/24,10.0.51.0/24\r\n10.0.52.0/24\n\nLocalSubnet ,, ')).toEqual(['10.0.50.0/24', '10.0.51.0/24', '10.0.52.0/24', 'LocalSubnet']);
    expect(ok(Array.from({ length: MAX_ADMIN_SUBNET_ENTRIES }, (_, i) => `10.0.${i}.0/24`).join(','))).toHaveLength(MAX_ADMIN_SUBNET_ENTRIES);
  });

  test('the limits come from the shared policy', () => {
    expect(ADMIN_SUBNET_POLICY.minPrefixLength).toEqual({ ipv4: 8, ipv6: 48 });
    expect(ADMIN_SUBNET_POLICY.allowedKeywords).toEqual(['LocalSubnet']);
  });

  test('property: every generated list is accepted as typed', () => {
    fc.assert(
      fc.property(adminSubnetList, ({ entries, text }) => {
        expect(validateAdminSubnet(text)).toEqual({ ok: true, entries });
      }),
      { numRuns: 500 },
    );
  });
});

describe('validateAdminSubnet refuses, naming the entry', () => {
  test('Any, * and every other firewall keyword', () => {
    refused('Any', 'keyword', /"Any".*admits every address/);
    refused('any', 'keyword', /admits every address/);
    refused('*', 'keyword', /"\*".*admits every address/);
    refused('Internet', 'keyword', /whole Internet/);
    refused('Internet4', 'keyword', /whole Internet/);
    refused('Intranet', 'keyword', /"Intranet".*intranet/);
    refused('IntranetRemoteAccess', 'keyword', /remote-access/);
    refused('DefaultGateway', 'keyword', /default gateway/);
    refused('DNS', 'keyword', /DNS servers/);
    refused('DHCP', 'keyword', /DHCP servers/);
    refused('WINS', 'keyword', /WINS servers/);
    refused('PlayToDevice', 'keyword', /Play To/);
    refused('CaptivePortal6', 'keyword', /captive-portal/);
    refused('LocalSubnet4', 'keyword', /write LocalSubnet without the 4 or 6/);
    refused('10.0.50.0/24, Any', 'keyword', /Entry 2 \("Any"\)/);
  });

  test('prefixes shorter than the policy minimum', () => {
    refused('0.0.0.0/0', 'too-broad', /\/0 holds 4294967296 addresses.*largest prefix accepted is \/8 for IPv4/);
    refused('0.0.0.0/1', 'too-broad', /"0\.0\.0\.0\/1".*admits too much/);
    refused('10.0.0.0/7', 'too-broad', /\/8 for IPv4/);
    refused('::/0', 'too-broad', /\/48 for IPv6/);
    refused('2001:db8::/47', 'too-broad', /"2001:db8::\/47"\) admits too much.*\/48 for IPv6/);
  });

  test('host bits set in a prefix, saying what the network is', () => {
    refused('10.0.50.1/24', 'host-bits', /"10\.0\.50\.1\/24".*the network is 10\.0\.50\.0\/24/);
    refused('2001:db8:0:1::5/48', 'host-bits', /the network is 2001:db8::\/48/);
    refused('2001:db8:50:1:2:3:4:5/64', 'host-bits', /the network is 2001:db8:50:1::\/64/);
  });

  test('malformed prefixes, subnet masks and addresses', () => {
    refused('10.0.50.0/33', 'prefix-length', /0 to 32/);
    refused('10.0.50.0/08', 'prefix-length', /leading zeros/);
    refused('2001:db8::/129', 'prefix-length', /0 to 128/);
    refused('10.0.0.0/255.0.0.0', 'prefix-length', /subnet mask/);
    refused('10.0.50.256', 'address', /not a valid IPv4 address: number 4 is greater than 255/);
    refused('010.0.50.0/24', 'address', /leading zero/);
    refused('2001:db8:::1', 'address', /not a valid IPv6 address/);
    refused('srv01.contoso.com', 'not-an-address', /"srv01\.contoso\.com"\) is not an IP address/);
    refused('admins', 'not-an-address', /host names are not accepted/);
    refused('fe80::1%12', 'character', /zone id/);
  });

  test('addresses that name no computer', () => {
    refused('0.0.0.0', 'not-an-admin-address', /unspecified address/);
    refused('::', 'not-an-admin-address', /unspecified address/);
    refused('::ffff:10.0.50.0/120', 'not-an-admin-address', /IPv4-mapped/);
    refused('::ffff:10.0.50.7', 'not-an-admin-address', /IPv4-mapped/);
  });

  test('ranges: reversed, mixed families, too large, malformed', () => {
    refused('10.0.50.20-10.0.50.10', 'range', /ends before it starts/);
    refused('10.0.50.1-2001:db8::1', 'range', /same family/);
    refused('10.0.0.0-11.0.0.0', 'too-broad', /larger than a \/8/);
    refused('0.0.0.0-255.255.255.255', 'too-broad', /admits too much/);
    refused('2001:db8::-2001:db9::', 'too-broad', /larger than a \/48/);
    refused('10.0.50.1-10.0.50.2-10.0.50.3', 'range', /two addresses joined by one "-"/);
    refused('10.0.50.1-', 'range', /two addresses/);
    refused('10.0.50.0/24-10.0.51.0', 'range', /cannot contain a prefix/);
  });

  test('duplicates, also written differently', () => {
    refused('10.0.50.0/24, 10.0.50.0/24', 'duplicate', /Entry 2 \("10\.0\.50\.0\/24"\) is already in the list as entry 1/);
    refused('10.0.50.7 10.0.50.7/32', 'duplicate', /already in the list/);
    refused('2001:db8::/48 2001:DB8:0::/48', 'duplicate', /already in the list/);
    refused('10.0.50.0-10.0.50.255, 10.0.50.0/24', 'duplicate', /already in the list/);
    refused('LocalSubnet, localsubnet', 'duplicate', /"LocalSubnet"/);
  });

  test('too many entries, too long', () => {
    refused(Array.from({ length: MAX_ADMIN_SUBNET_ENTRIES + 1 }, (_, i) => `10.0.${i}.0/24`).join(','), 'too-many', /at most 64/);
    refused('1'.repeat(120), 'too-long', /120 characters long/);
    refused('10.0.50.0/24 '.repeat(400), 'too-long', /at most 4000/);
  });

  test('empty', () => {
    refused('', 'empty', /empty/);
    refused(' ,\n', 'empty', /empty/);
    expect(validateAdminSubnet(undefined).ok).toBe(false);
    expect(validateAdminSubnet(42).ok).toBe(false);
    expect(isBlankAdminSubnet(' , \r\n')).toBe(true);
    expect(isBlankAdminSubnet('\u00a0')).toBe(false);
    expect(isBlankAdminSubnet(undefined)).toBe(false);
  });

  test.each(HOSTILE_ADMIN_SUBNETS)('hostile %j', (input, message) => {
    const r = validateAdminSubnet(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  test('a hostile entry is described, never echoed', () => {
    const r = validateAdminSubnet("10.0.50.0/24, x';Remove-Item C:\\ -Recurse;'");
    expect(r).toMatchObject({ ok: false, problem: 'character' });
    if (!r.ok) {
      expect(r.message).toMatch(/^Entry 2 contains a single quote "'" at position 2\./);
      expect(r.message).not.toContain('Remove-Item');
    }
  });
});

describe('the address family of the target', () => {
  test('an IPv6 target needs an IPv6 entry or LocalSubnet', () => {
    refused('10.0.50.0/24, 10.0.51.0/24', 'family', /IPv6 address.*only IPv4 entries.*block every client that reaches the server over IPv6/, { targetKind: 'ipv6' });
    expect(ok('10.0.50.0/24, 2001:db8:50::/64', { targetKind: 'ipv6' })).toHaveLength(2);
    expect(ok('10.0.50.0/24 LocalSubnet', { targetKind: 'ipv6' })).toHaveLength(2);
    expect(ok('2001:db8:50::10-2001:db8:50::20', { targetKind: 'ipv6' })).toHaveLength(1);
  });

  test('an IPv4 target needs an IPv4 entry or LocalSubnet', () => {
    refused('2001:db8:50::/64', 'family', /IPv4 address.*only IPv6 entries/, { targetKind: 'ipv4' });
    expect(ok('2001:db8:50::/64, 10.0.50.7', { targetKind: 'ipv4' })).toHaveLength(2);
  });

  test('a DNS name or no target: either family', () => {
    expect(ok('10.0.50.0/24', { targetKind: 'dns' })).toHaveLength(1);
    expect(ok('2001:db8:50::/64', { targetKind: 'dns' })).toHaveLength(1);
    expect(ok('2001:db8:50::/64')).toHaveLength(1);
  });
});

describe('never throws', () => {
  const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF.:/-, \n\r\t%*\'"`;$LocalSubnet\u2019\u2028\u00a0\u0000'.split(''));
  test('on thousands of strings; accepted entries hold only address characters; messages are printable ASCII', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: alphabet, maxLength: 60 })),
        fc.constantFrom<AdminSubnetOptions>({}, { targetKind: 'ipv4' }, { targetKind: 'ipv6' }, { targetKind: 'dns' }),
        (input, options) => {
          const r = validateAdminSubnet(input, options);
          if (r.ok) for (const entry of r.entries) expect(entry).toMatch(/^[A-Za-z0-9.:/-]+$/);
          else {
            expect(r.message).toMatch(/^[\x20-\x7e]+$/);
            expect(r.message).not.toMatch(/could not be read/);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
