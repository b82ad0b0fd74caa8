/** Test helpers: generators of admin-address lists the validator accepts, and hostile ones. */
import fc from 'fast-check';

const octet = fc.integer({ min: 0, max: 255 });

/** IPv4 prefixes /8 to /32 in canonical form (host bits clear), never 0.0.0.0 and never in 10/8 (the ranges' block). */
export const ipv4Prefix = fc
  .tuple(fc.integer({ min: 11, max: 223 }), octet, octet, octet, fc.integer({ min: 8, max: 32 }))
  .map(([a, b, c, d, length]) => {
    const value = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    const network = length === 32 ? value : (value & ~((2 ** (32 - length) - 1) >>> 0)) >>> 0;
    const text = [24, 16, 8, 0].map((s) => (network >>> s) & 0xff).join('.');
    return length === 32 ? text : `${text}/${length}`;
  });

/** Global-unicast IPv6 prefixes /48 to /128, fully written out (so no IPv4-mapped or unspecified). */
export const ipv6Prefix = fc
  .tuple(fc.integer({ min: 0x2000, max: 0x3fff }), fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 7, maxLength: 7 }), fc.integer({ min: 48, max: 128 }))
  .map(([first, rest, length]) => {
    const groups = [first, ...rest].map((g, i) => {
      const keep = Math.max(0, Math.min(16, length - 16 * i));
      return keep === 16 ? g : g & (0xffff << (16 - keep)) & 0xffff;
    });
    const text = groups.map((g) => g.toString(16)).join(':');
    return length === 128 ? text : `${text}/${length}`;
  });

/** IPv4 ranges in 10/8, so that no range covers exactly what a generated prefix covers. */
export const ipv4Range = fc
  .tuple(octet, octet, fc.integer({ min: 0, max: 254 }), fc.integer({ min: 1, max: 255 }))
  .map(([b, c, d, span]) => `10.${b}.${c}.${d}-10.${b}.${c}.${Math.min(255, d + span)}`);

/** A list of distinct accepted entries, as the user might type it (mixed separators). */
export const adminSubnetList = fc
  .uniqueArray(fc.oneof(ipv4Prefix, ipv6Prefix, ipv4Range, fc.constant('LocalSubnet')), { minLength: 1, maxLength: 6 })
  .chain((entries) =>
    fc.array(fc.constantFrom(', ', ',', ' ', '\n', '\r\n', ' ,\n'), { minLength: entries.length, maxLength: entries.length }).map((seps) => ({
      entries,
      text: entries.map((e, i) => (i === 0 ? e : `${seps[i]}${e}`)).join(''),
    })),
  );

/** Lists that must never reach a script, each with what the message must say. */
export const HOSTILE_ADMIN_SUBNETS: Array<[string, RegExp]> = [
  ["10.0.50.0/24'", /single quote/],
  ["10.0.50.0/24';Remove-Item C:\\ -Recurse;'", /single quote/],
  ['10.0.50.0/24"', /double quote/],
  ['10.0.50.0/24;calc', /semicolon/],
  ['$(Remove-Item C:\\)', /dollar sign/],
  ['10.0.50.0/24`whoami`', /backtick/],
  ['10.0.50.0/24\u2019;calc', /typographic single quote \(U\+2019\)/],
  ['10.0.50.0/24\u2018', /typographic single quote \(U\+2018\)/],
  ['10.0.50.0/24\u201b', /typographic single quote \(U\+201B\)/],
  ['10.0.50.0/24\uff07', /full-width single quote/],
  ['10.0.50.0/24\u2028Remove-Item', /line break/],
  ['10.0.50.0/24\u0085', /line break/],
  ['1\u0660.0.50.0/24', /non-ASCII character \(U\+0660\)/],
  ['10.0.50.0/24\u00a0', /non-ASCII space/],
  ['10.0.50.0/24\u0000', /control character/],
  ['<img src=x onerror=alert(1)>', /angle bracket/],
  ['10.0.50.0/24|whoami', /pipe/],
  ['10.0.50.0/24&whoami', /ampersand/],
  ['Any', /keyword that admits every address/],
  ['*', /admits every address/],
  ['0.0.0.0/0', /admits too much/],
  ['::/0', /admits too much/],
  ['0.0.0.0-255.255.255.255', /admits too much/],
  ['Internet', /whole Internet/],
];
