/**
 * The admin-address list: the addresses a firewall rule admits ($AdminSubnet in the scripts, the
 * admin-address field on the recommendation page, `adminSubnet` in a link). It follows
 * ADMIN_SUBNET_POLICY, which the scripts' pre-flight applies as well, so the page never produces a
 * value the scripts would refuse.
 *
 * Accepted entries, separated by commas, spaces or line breaks: IPv4/IPv6 addresses, CIDR prefixes
 * no shorter than the policy's minimum, a-b ranges of one family no larger than such a prefix, and
 * the LocalSubnet keyword. Entries are kept as typed (only the keyword's letter case is normalised).
 * Messages name the entry, but only once its characters are known to be harmless.
 */
import { describeCharacter, parseIPv4, parseIPv6 } from './hosts';
import type { HostKind } from './model';
import { ADMIN_SUBNET_POLICY } from './rules/constants';

export type AdminSubnetProblem =
  | 'empty'
  | 'too-long'
  | 'too-many'
  | 'character'
  | 'keyword'
  | 'not-an-address'
  | 'address'
  | 'prefix-length'
  | 'too-broad'
  | 'host-bits'
  | 'range'
  | 'not-an-admin-address'
  | 'duplicate'
  | 'family';

export type AdminSubnetValidation =
  | { ok: true; entries: string[] }
  | { ok: false; problem: AdminSubnetProblem; message: string };

export interface AdminSubnetOptions {
  /** The kind of the target the user named: a literal address needs an entry of its own family. */
  targetKind?: HostKind;
}

export const MAX_ADMIN_SUBNET_ENTRIES = 64;
/** Longer than any valid entry (the longest is an IPv6 range with embedded IPv4 addresses, 91). */
const MAX_ENTRY_LENGTH = 100;
const MAX_INPUT_LENGTH = 4000;

export const ADMIN_SUBNET_HINT = `Separate entries with commas, spaces or new lines. Each is an IPv4 or IPv6 address (10.0.50.7, 2001:db8:50::7), a prefix (10.0.50.0/24, 2001:db8:50::/64; at most /${ADMIN_SUBNET_POLICY.minPrefixLength.ipv4} for IPv4 and /${ADMIN_SUBNET_POLICY.minPrefixLength.ipv6} for IPv6), a range (10.0.50.10-10.0.50.20) or LocalSubnet.`;

const SEPARATOR_RUN = /[, \t\r\n]+/;
const ENTRY_CHARACTER = /^[A-Za-z0-9.:/-]$/;

type Family = 'ipv4' | 'ipv6';
const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };

/** The addresses an entry admits, as an inclusive interval of one family. */
interface Span {
  family: Family;
  start: bigint;
  end: bigint;
}

type EntryCheck = { ok: true; normalised: string; span?: Span } | { ok: false; problem: AdminSubnetProblem; message: string };

const FIX = 'Enter the addresses you administer from, for example 10.0.50.0/24 or LocalSubnet.';

/** Firewall keywords (New-NetFirewallRule -RemoteAddress) and why each is refused. */
const REFUSED_KEYWORDS: Record<string, string> = {
  any: 'admits every address',
  internet: 'admits every address outside your intranet, that is the whole Internet',
  intranet: 'admits every address Windows counts as your intranet, far more than the computers you administer from',
  intranetremoteaccess: 'admits every intranet and remote-access address, far more than the computers you administer from',
  defaultgateway: "means this computer's default gateway, not the computers you administer from",
  dns: "means this computer's DNS servers, not the computers you administer from",
  dhcp: "means this computer's DHCP servers, not the computers you administer from",
  wins: "means this computer's WINS servers, not the computers you administer from",
  playtodevice: 'means media devices on the network (Play To), not the computers you administer from',
  captiveportal: 'means captive-portal addresses, not the computers you administer from',
};

function fail(problem: AdminSubnetProblem, message: string): { ok: false; problem: AdminSubnetProblem; message: string } {
  return { ok: false, problem, message };
}

function toBigInt(parts: number[], bitsPerPart: number): bigint {
  return parts.reduce((acc, part) => (acc << BigInt(bitsPerPart)) | BigInt(part), 0n);
}

/** RFC 5952 text of an IPv6 address: lower case, the longest run of zero groups written as "::". */
function formatIPv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function formatAddress(family: Family, value: bigint): string {
  if (family === 'ipv6') return formatIPv6(value);
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

type AddressCheck = { ok: true; family: Family; value: bigint } | { ok: false; problem: AdminSubnetProblem; reason: string };

function parseAddress(text: string): AddressCheck {
  if (text.includes(':')) {
    const v6 = parseIPv6(text);
    return v6.ok ? { ok: true, family: 'ipv6', value: toBigInt(v6.groups, 16) } : { ok: false, problem: 'address', reason: `is not a valid IPv6 address: ${v6.reason}` };
  }
  if (/^[0-9.]+$/.test(text)) {
    const v4 = parseIPv4(text);
    return v4.ok ? { ok: true, family: 'ipv4', value: toBigInt(v4.octets, 8) } : { ok: false, problem: 'address', reason: `is not a valid IPv4 address: ${v4.reason}` };
  }
  return {
    ok: false,
    problem: 'not-an-address',
    reason: 'is not an IP address: the firewall matches addresses, not names',
  };
}

const IPV4_MAPPED_START = 0xffffn << 32n;
const IPV4_MAPPED_END = IPV4_MAPPED_START | 0xffffffffn;

/** Entries that are well-formed but name no computer you could administer from. */
function notAnAdminAddress(span: Span): string | undefined {
  if (span.start === 0n && span.end === 0n) return `is the unspecified address (${formatAddress(span.family, 0n)}), which no computer connects from`;
  if (span.family === 'ipv6' && span.start <= IPV4_MAPPED_END && span.end >= IPV4_MAPPED_START) {
    return 'covers IPv4-mapped IPv6 addresses (::ffff:0:0/96); write IPv4 addresses and subnets in their IPv4 form, for example 10.0.50.0/24';
  }
  return undefined;
}

function checkPrefix(text: string, name: string): EntryCheck {
  const slash = text.indexOf('/');
  const addressText = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  const address = parseAddress(addressText);
  if (!address.ok) return fail(address.problem, `${name}: the part before "/" ${address.reason}. ${FIX}`);
  const bits = BITS[address.family];
  if (lengthText.includes('.') || lengthText.includes(':')) {
    return fail('prefix-length', `${name} uses a subnet mask; write the prefix length instead (for example 10.0.50.0/24 rather than 10.0.50.0/255.255.255.0).`);
  }
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lengthText) || Number(lengthText) > bits) {
    return fail('prefix-length', `${name}: the prefix length after "/" must be a whole number from 0 to ${bits} for an ${address.family === 'ipv4' ? 'IPv4' : 'IPv6'} address, without leading zeros.`);
  }
  const length = Number(lengthText);
  const minimum = ADMIN_SUBNET_POLICY.minPrefixLength[address.family];
  if (length < minimum) {
    return fail(
      'too-broad',
      `${name} admits too much: a /${length} holds ${address.family === 'ipv4' ? `${2 ** (32 - length)} addresses` : `2^${128 - length} addresses`}. The largest prefix accepted is /${minimum} for ${address.family === 'ipv4' ? 'IPv4' : 'IPv6'}; list the subnets you administer from.`,
    );
  }
  const hostMask = (1n << BigInt(bits - length)) - 1n;
  const network = address.value & ~hostMask;
  if ((address.value & hostMask) !== 0n) {
    const networkText = `${formatAddress(address.family, network)}/${length}`;
    return fail('host-bits', `${name} has host bits set after the prefix: the network is ${networkText}. Write ${networkText}, or the address alone for one computer.`);
  }
  const span: Span = { family: address.family, start: network, end: network | hostMask };
  const why = notAnAdminAddress(span);
  if (why) return fail('not-an-admin-address', `${name} ${why}.`);
  return { ok: true, normalised: text, span };
}

function checkRange(text: string, name: string): EntryCheck {
  const parts = text.split('-');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    return fail('range', `${name}: a range is two addresses joined by one "-", without spaces, for example 10.0.50.10-10.0.50.20.`);
  }
  const [startText, endText] = parts as [string, string];
  if (startText.includes('/') || endText.includes('/')) {
    return fail('range', `${name}: a range joins two addresses; it cannot contain a prefix ("/").`);
  }
  const start = parseAddress(startText);
  if (!start.ok) return fail(start.problem, `${name}: the start of the range ${start.reason}.`);
  const end = parseAddress(endText);
  if (!end.ok) return fail(end.problem, `${name}: the end of the range ${end.reason}.`);
  if (start.family !== end.family) return fail('range', `${name} joins an IPv4 and an IPv6 address; both ends of a range must be of the same family.`);
  if (start.value > end.value) return fail('range', `${name} ends before it starts; write the lower address first.`);
  const minimum = ADMIN_SUBNET_POLICY.minPrefixLength[start.family];
  const largest = 1n << BigInt(BITS[start.family] - minimum);
  if (end.value - start.value + 1n > largest) {
    return fail('too-broad', `${name} admits too much: it is larger than a /${minimum}, the largest block accepted for ${start.family === 'ipv4' ? 'IPv4' : 'IPv6'}. List the subnets you administer from.`);
  }
  const span: Span = { family: start.family, start: start.value, end: end.value };
  const why = notAnAdminAddress(span);
  if (why) return fail('not-an-admin-address', `${name} ${why}.`);
  return { ok: true, normalised: text, span };
}

function checkKeyword(text: string, name: string): EntryCheck {
  const lower = text.toLowerCase();
  if (lower === 'localsubnet') return { ok: true, normalised: 'LocalSubnet' };
  if (lower === 'localsubnet4' || lower === 'localsubnet6') {
    return fail('keyword', `${name}: write LocalSubnet without the 4 or 6 (this guide accepts the keyword only in that form).`);
  }
  const base = lower.replace(/[46]$/, '');
  const why = REFUSED_KEYWORDS[lower] ?? REFUSED_KEYWORDS[base];
  if (why) return fail('keyword', `${name} is a firewall keyword that ${why}; it is never accepted here. ${FIX}`);
  return fail('not-an-address', `${name} is not an IP address, a prefix, a range or LocalSubnet; host names are not accepted, because the firewall matches addresses. ${FIX}`);
}

function checkEntry(text: string, name: string): EntryCheck {
  if (text === '*') return fail('keyword', `${name} ("*") admits every address; it is never accepted here. ${FIX}`);
  let position = 0;
  for (const ch of text) {
    position += 1;
    if (ch === '%' && text.includes(':')) {
      return fail('character', `${name} has an IPv6 zone id (the "%" and what follows), which a firewall rule does not take. Write the address or prefix without it.`);
    }
    if (!ENTRY_CHARACTER.test(ch)) {
      return fail('character', `${name} contains ${describeCharacter(ch)} at position ${position}. Quotes, ";", "$", backticks and other characters are never part of an address. ${ADMIN_SUBNET_HINT}`);
    }
  }
  if (text.length > MAX_ENTRY_LENGTH) return fail('too-long', `${name} is ${text.length} characters long; no address, prefix or range is longer than ${MAX_ENTRY_LENGTH}.`);
  const shown = `${name} ("${text}")`;
  if (text.includes('-')) return checkRange(text, shown);
  if (text.includes('/')) return checkPrefix(text, shown);
  if (/^[A-Za-z0-9]+$/.test(text) && /[A-Za-z]/.test(text)) return checkKeyword(text, shown);
  const address = parseAddress(text);
  if (!address.ok) return fail(address.problem, `${shown} ${address.reason}. ${FIX}`);
  const span: Span = { family: address.family, start: address.value, end: address.value };
  const why = notAnAdminAddress(span);
  if (why) return fail('not-an-admin-address', `${shown} ${why}.`);
  return { ok: true, normalised: text, span };
}

function familyProblem(checked: Array<{ normalised: string; span?: Span }>, targetKind: HostKind | undefined): string | undefined {
  if (targetKind !== 'ipv4' && targetKind !== 'ipv6') return undefined;
  if (checked.some((c) => c.span === undefined || c.span.family === targetKind)) return undefined;
  if (targetKind === 'ipv6') {
    return 'The target server is an IPv6 address, and this list has only IPv4 entries: the firewall rule would block every client that reaches the server over IPv6, including you. Add the IPv6 prefix you administer from (for example 2001:db8:50::/64) or LocalSubnet.';
  }
  return 'The target server is an IPv4 address, and this list has only IPv6 entries: the firewall rule would block every client that reaches the server over IPv4, including you. Add the IPv4 subnet you administer from (for example 10.0.50.0/24) or LocalSubnet.';
}

function validate(input: unknown, options: AdminSubnetOptions): AdminSubnetValidation {
  if (typeof input !== 'string') return fail('empty', `Enter the addresses you administer from. ${ADMIN_SUBNET_HINT}`);
  if (input.length > MAX_INPUT_LENGTH) return fail('too-long', `The list is ${input.length} characters long; at most ${MAX_INPUT_LENGTH} are accepted.`);
  const texts = input.split(SEPARATOR_RUN).filter((t) => t !== '');
  if (texts.length === 0) return fail('empty', `The list of admin addresses is empty. ${ADMIN_SUBNET_HINT}`);
  if (texts.length > MAX_ADMIN_SUBNET_ENTRIES) {
    return fail('too-many', `The list has ${texts.length} entries; at most ${MAX_ADMIN_SUBNET_ENTRIES} are accepted. Combine neighbouring addresses into prefixes (for example 10.0.50.0/24).`);
  }
  const checked: Array<{ normalised: string; span?: Span; name: string }> = [];
  for (const [i, text] of texts.entries()) {
    const name = texts.length === 1 ? 'The entry' : `Entry ${i + 1}`;
    const result = checkEntry(text, name);
    if (!result.ok) return result;
    const shown = `${name} ("${result.normalised}")`;
    const same = checked.find((c) =>
      result.span && c.span ? c.span.family === result.span.family && c.span.start === result.span.start && c.span.end === result.span.end : c.normalised === result.normalised,
    );
    if (same) return fail('duplicate', `${shown} is already in the list as ${same.name.toLowerCase()} ("${same.normalised}"); list each address or subnet once.`);
    checked.push(result.span ? { normalised: result.normalised, span: result.span, name } : { normalised: result.normalised, name });
  }
  const family = familyProblem(checked, options.targetKind);
  if (family) return fail('family', family);
  return { ok: true, entries: checked.map((c) => c.normalised) };
}

/**
 * Validates an admin-address list as typed (or read from a link). Never throws; never echoes a
 * character that is not part of an address.
 */
export function validateAdminSubnet(input: unknown, options: AdminSubnetOptions = {}): AdminSubnetValidation {
  try {
    return validate(input, options);
  } catch {
    // Defensive: nothing above is expected to throw (the property tests check it).
    return fail('not-an-address', `The list could not be read. ${ADMIN_SUBNET_HINT}`);
  }
}

/** True when the text holds no entry, only separators: the user gave no list (the example stays). */
export function isBlankAdminSubnet(text: unknown): boolean {
  return typeof text === 'string' && text.split(SEPARATOR_RUN).every((t) => t === '');
}
