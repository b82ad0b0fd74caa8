/**
 * Host name validation. A host is a DNS name (ASCII letters, digits and hyphens in dot-separated
 * labels), a strict dotted-quad IPv4 address, or an IPv6 address. Nothing else reaches a script.
 *
 * Normalisation (the only changes made to accepted input):
 * - one trailing dot of a DNS name is removed (`srv01.contoso.com.` -> `srv01.contoso.com`);
 * - brackets around an IPv6 address are removed (`[2001:db8::1]` -> `2001:db8::1`).
 * Letter case is kept as typed.
 */
import type { HostKind } from './model';

export type HostProblem =
  | 'empty'
  | 'character'
  | 'too-long'
  | 'dns-label'
  | 'dns-hyphen'
  | 'dns-numeric-tld'
  | 'ipv4'
  | 'ipv6'
  | 'ipv6-zone'
  | 'brackets'
  | 'not-a-host-address';

export type HostValidation =
  | { ok: true; host: string; kind: HostKind }
  | { ok: false; problem: HostProblem; message: string };

export const MAX_DNS_NAME_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

const ALLOWED_HINT =
  'A host is a DNS name (letters a-z, digits and hyphens, in labels separated by dots, for example srv01.contoso.com), an IPv4 address (192.0.2.10) or an IPv6 address (2001:db8::10).';

const QUOTE_LOOKALIKES: Record<number, string> = {
  0x2018: 'a typographic single quote',
  0x2019: 'a typographic single quote',
  0x201a: 'a typographic single quote',
  0x201b: 'a typographic single quote',
  0x201c: 'a typographic double quote',
  0x201d: 'a typographic double quote',
  0x201e: 'a typographic double quote',
  0x201f: 'a typographic double quote',
  0x2032: 'a prime sign (looks like a quote)',
  0x2033: 'a double prime sign (looks like a quote)',
  0xff07: 'a full-width single quote',
  0xff02: 'a full-width double quote',
};

function codePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A description of a character that is safe to show (never the raw control character). */
export function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x20) return 'a space';
  if (cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029 || cp === 0x85) return 'a line break';
  if (cp === 0x09) return 'a tab';
  if (cp < 0x20 || cp === 0x7f) return `a control character (${codePoint(cp)})`;
  if (cp === 0xa0 || cp === 0x2007 || cp === 0x202f || cp === 0x3000 || (cp >= 0x2000 && cp <= 0x200b)) {
    return `a non-ASCII space (${codePoint(cp)})`;
  }
  const lookalike = QUOTE_LOOKALIKES[cp];
  if (lookalike) return `${lookalike} (${codePoint(cp)})`;
  if (cp > 0x7e) return `a non-ASCII character (${codePoint(cp)})`;
  const names: Record<string, string> = {
    "'": 'a single quote',
    '"': 'a double quote',
    '`': 'a backtick',
    ';': 'a semicolon',
    $: 'a dollar sign',
    '(': 'a parenthesis',
    ')': 'a parenthesis',
    '{': 'a brace',
    '}': 'a brace',
    '<': 'an angle bracket',
    '>': 'an angle bracket',
    '&': 'an ampersand',
    '|': 'a pipe',
    '\\': 'a backslash',
    '/': 'a slash',
    '_': 'an underscore',
    '*': 'an asterisk (wildcards are never allowed)',
    '?': 'a question mark',
    ',': 'a comma (enter one host only)',
    '@': 'an at sign',
    '#': 'a hash sign',
    '%': 'a percent sign',
  };
  return `${names[ch] ?? 'the character'} "${ch}"`;
}

function fail(problem: HostProblem, message: string): HostValidation {
  return { ok: false, problem, message };
}

/** Strict dotted quad: four decimal numbers 0-255 without leading zeros. */
export function parseIPv4(text: string): { ok: true; octets: number[] } | { ok: false; reason: string } {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return { ok: false, reason: `it has ${parts.length} part${parts.length === 1 ? '' : 's'}; an IPv4 address has exactly four numbers separated by dots` };
  }
  const octets: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (part.length === 0) return { ok: false, reason: `number ${i + 1} is empty` };
    if (!/^[0-9]+$/.test(part)) return { ok: false, reason: `number ${i + 1} is not a decimal number` };
    if (part.length > 1 && part.startsWith('0')) {
      return { ok: false, reason: `number ${i + 1} has a leading zero (it could be read as octal); write it without leading zeros` };
    }
    if (part.length > 3 || Number(part) > 255) return { ok: false, reason: `number ${i + 1} is greater than 255` };
    octets.push(Number(part));
  }
  return { ok: true, octets };
}

/** RFC 4291 text form: hex groups, at most one "::", optional embedded IPv4 in the last 32 bits. */
export function parseIPv6(text: string): { ok: true; groups: number[] } | { ok: false; reason: string } {
  if (text.length === 0) return { ok: false, reason: 'it is empty' };
  const doubleColon = text.indexOf('::');
  if (doubleColon !== -1 && text.indexOf('::', doubleColon + 1) !== -1) {
    return { ok: false, reason: '"::" may appear only once' };
  }
  if (text.includes(':::')) return { ok: false, reason: 'it contains ":::"' };
  const [headText, tailText] = doubleColon === -1 ? [text, undefined] : [text.slice(0, doubleColon), text.slice(doubleColon + 2)];

  const parseSide = (side: string, allowIPv4: boolean): { ok: true; groups: number[] } | { ok: false; reason: string } => {
    if (side === '') return { ok: true, groups: [] };
    const pieces = side.split(':');
    const groups: number[] = [];
    for (const [i, piece] of pieces.entries()) {
      const last = i === pieces.length - 1;
      if (piece.includes('.')) {
        if (!last || !allowIPv4) return { ok: false, reason: 'an embedded IPv4 address may only be the last part' };
        const v4 = parseIPv4(piece);
        if (!v4.ok) return { ok: false, reason: `the embedded IPv4 address is invalid: ${v4.reason}` };
        const [a, b, c, d] = v4.octets as [number, number, number, number];
        groups.push((a << 8) | b, (c << 8) | d);
        continue;
      }
      if (piece === '') return { ok: false, reason: 'it has an empty group (a single ":" at the start or end, or two colons where "::" is not allowed)' };
      if (!/^[0-9A-Fa-f]{1,4}$/.test(piece)) {
        return { ok: false, reason: piece.length > 4 ? 'a group has more than four hex digits' : 'a group contains something other than hex digits' };
      }
      groups.push(parseInt(piece, 16));
    }
    return { ok: true, groups };
  };

  if (tailText === undefined) {
    const all = parseSide(headText, true);
    if (!all.ok) return all;
    if (all.groups.length !== 8) {
      return { ok: false, reason: `it has ${all.groups.length} groups; without "::" an IPv6 address has exactly 8 groups of up to four hex digits` };
    }
    return all;
  }
  const head = parseSide(headText, false);
  if (!head.ok) return head;
  const tail = parseSide(tailText, true);
  if (!tail.ok) return tail;
  const count = head.groups.length + tail.groups.length;
  if (count > 7) return { ok: false, reason: 'it has too many groups for an address with "::"' };
  return { ok: true, groups: [...head.groups, ...new Array<number>(8 - count).fill(0), ...tail.groups] };
}

/**
 * Validates one host name. Returns the normalised host and its kind, or a message that says what
 * is wrong and what is allowed. Never echoes the raw input (it may be hostile or very long).
 */
export function validateHost(input: unknown): HostValidation {
  if (typeof input !== 'string') return fail('empty', `Enter a host name. ${ALLOWED_HINT}`);
  if (input.length === 0) return fail('empty', `The host name is empty. ${ALLOWED_HINT}`);

  const percent = input.indexOf('%');
  if (percent !== -1 && input.includes(':')) {
    return fail('ipv6-zone', 'IPv6 zone ids (the "%" and what follows, e.g. %eth0 or %12) are not supported: remoting to a link-local address needs a zone id that differs per computer. Use a global or unique-local IPv6 address, or a DNS name.');
  }

  let index = 0;
  for (const ch of input) {
    if (!/^[A-Za-z0-9.:[\]-]$/.test(ch)) {
      return fail(
        'character',
        `The host name contains ${describeCharacter(ch)} at position ${index + 1}. Quotes, spaces, line breaks, ";", "$", "(", ")" and backticks are never part of a host name. ${ALLOWED_HINT}`,
      );
    }
    index += 1;
  }

  if (input.length > MAX_DNS_NAME_LENGTH + 1) {
    return fail('too-long', `The host name is ${input.length} characters long; a DNS name has at most ${MAX_DNS_NAME_LENGTH} characters.`);
  }

  // IPv6 (with or without brackets)
  if (input.includes(':') || input.includes('[') || input.includes(']')) {
    let text = input;
    if (text.startsWith('[') || text.endsWith(']')) {
      if (!(text.startsWith('[') && text.endsWith(']'))) {
        return fail('brackets', 'Brackets are only allowed around a whole IPv6 address, as in [2001:db8::10]; a port number is not part of the host.');
      }
      text = text.slice(1, -1);
    }
    if (text.includes('[') || text.includes(']')) {
      return fail('brackets', 'Brackets are only allowed around a whole IPv6 address, as in [2001:db8::10].');
    }
    if (!text.includes(':')) {
      return fail('brackets', 'Brackets are only used around IPv6 addresses. Enter a DNS name or an IPv4 address without brackets.');
    }
    const v6 = parseIPv6(text);
    if (!v6.ok) return fail('ipv6', `This is not a valid IPv6 address: ${v6.reason}. ${ALLOWED_HINT}`);
    if (v6.groups.every((g) => g === 0)) {
      return fail('not-a-host-address', 'The IPv6 unspecified address (::) does not name a computer. Enter the address of the server.');
    }
    if (((v6.groups[0] ?? 0) & 0xff00) === 0xff00) {
      return fail('not-a-host-address', 'This is an IPv6 multicast address (ff00::/8), which does not name one computer. Enter the address of the server.');
    }
    return { ok: true, host: text, kind: 'ipv6' };
  }

  // IPv4: only digits and dots
  if (/^[0-9.]+$/.test(input)) {
    const v4 = parseIPv4(input);
    if (!v4.ok) {
      return fail('ipv4', `This looks like an IPv4 address but is not valid: ${v4.reason}. Write four numbers from 0 to 255 separated by dots, for example 192.0.2.10.`);
    }
    const [a] = v4.octets as [number, number, number, number];
    if (a === 0) {
      return fail('not-a-host-address', 'Addresses starting with 0 (such as 0.0.0.0) do not name a remote computer. Enter the address of the server.');
    }
    if (a >= 224 && a <= 239) {
      return fail('not-a-host-address', 'This is a multicast address (224.0.0.0 to 239.255.255.255), which does not name one computer. Enter the address of the server.');
    }
    if (v4.octets.every((o) => o === 255)) {
      return fail('not-a-host-address', 'The broadcast address 255.255.255.255 does not name one computer. Enter the address of the server.');
    }
    return { ok: true, host: input, kind: 'ipv4' };
  }

  // DNS name
  let name = input;
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length === 0) return fail('dns-label', `The host name has no labels. ${ALLOWED_HINT}`);
  if (name.length > MAX_DNS_NAME_LENGTH) {
    return fail('too-long', `The host name is ${name.length} characters long; a DNS name has at most ${MAX_DNS_NAME_LENGTH} characters.`);
  }
  const labels = name.split('.');
  for (const [i, label] of labels.entries()) {
    if (label.length === 0) {
      return fail('dns-label', `Label ${i + 1} of the host name is empty (two dots in a row, or a leading dot). Each label between dots needs 1 to ${MAX_LABEL_LENGTH} characters.`);
    }
    if (label.length > MAX_LABEL_LENGTH) {
      return fail('dns-label', `Label ${i + 1} of the host name is ${label.length} characters long; a label between dots has at most ${MAX_LABEL_LENGTH} characters.`);
    }
    if (label.startsWith('-') || label.endsWith('-')) {
      return fail('dns-hyphen', `Label ${i + 1} of the host name starts or ends with a hyphen; hyphens are only allowed inside a label.`);
    }
  }
  const last = labels[labels.length - 1] ?? '';
  if (labels.length > 1 && /^[0-9]+$/.test(last)) {
    return fail('dns-numeric-tld', 'The last label of the host name is all digits, which no DNS name has; if you meant an IPv4 address, it needs exactly four numbers from 0 to 255.');
  }
  return { ok: true, host: name, kind: 'dns' };
}

/** The TrustedHosts entry for a host: IPv6 addresses in brackets, everything else as is. */
export function trustedHostsEntry(host: string, kind: HostKind): string {
  return kind === 'ipv6' ? `[${host}]` : host;
}
