/** Test helpers: generators of valid hosts, and hostile host names. */
import fc from 'fast-check';
import { validateHost } from '../hosts';

/** Valid DNS names: LDH labels of 1-63 characters, no edge hyphens, total <= 253, TLD not all digits. */
const label = fc
  .stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/)
  .filter((l) => l.length <= 63);
export const dnsName = fc
  .array(label, { minLength: 1, maxLength: 6 })
  .map((labels) => labels.join('.'))
  .filter((name) => name.length <= 253 && !/^[0-9.]+$/.test(name) && !(name.includes('.') && /\.[0-9]+$/.test(name)));
export const ipv4 = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((o) => o.join('.'));
export const ipv6 = fc.ipV6().filter((a) => validateHost(a).ok);

/** Names that must never reach a script. */
export const HOSTILE_HOSTS: Array<[string, RegExp]> = [
  ["srv01'", /single quote/],
  ['srv01"', /double quote/],
  ["x';Remove-Item C:\\ -Recurse;'", /single quote/],
  ['srv01;calc', /semicolon/],
  ['$(Remove-Item C:\\)', /dollar sign/],
  ['srv$(whoami)', /dollar sign/],
  ['srv`whoami`', /backtick/],
  ['srv01\nRemove-Item C:\\', /line break/],
  ['srv01\r\n', /line break/],
  ['srv01 ', /space/],
  ['srv01\t', /tab/],
  ['srv01\u2028x', /line break/],
  ['srv\u2018x', /typographic single quote \(U\+2018\)/],
  ['srv\u2019x', /typographic single quote \(U\+2019\)/],
  ['srv\u201ax', /typographic single quote \(U\+201A\)/],
  ['srv\u201bx', /typographic single quote \(U\+201B\)/],
  ['srv\u201cx\u201d', /typographic double quote/],
  ['srv\uff07x', /full-width single quote/],
  ['s\u0440v01.contoso.com', /non-ASCII character \(U\+0440\)/],
  ['bücher.example', /non-ASCII/],
  ['srv\u00a0x', /non-ASCII space/],
  ['srv\u0000x', /control character/],
  ['<img src=x onerror=alert(1)>', /angle bracket/],
  ['srv01|whoami', /pipe/],
  ['srv01&whoami', /ampersand/],
  ['srv01\\share', /backslash/],
  ['a'.repeat(300), /300 characters long; a DNS name has at most 253/],
  [`${'a'.repeat(100)}.${'b'.repeat(100)}.${'c'.repeat(100)}`, /at most 253/],
  ['%', /percent/],
];

