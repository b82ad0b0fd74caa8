/**
 * Validation of the values gpo.ps1 takes from the administrator: the GPO name and the distinguished
 * name of the OU it is linked to. The same patterns are checked by the script's pre-flight (they
 * are placed in it as quoted literals), so a value edited in the script is held to the same rule.
 *
 * Both rules are the guide's own and stricter than Active Directory: they accept what names of
 * GPOs and OUs usually are, and nothing that PowerShell could read as code or as a quote.
 */
import { describeCharacter } from '../hosts';

export const GPO_NAME_MAX_LENGTH = 100;
export const OU_NAME_MAX_LENGTH = 64;

/** ASCII letters and digits, spaces and - _ . ( ), starting with a letter or digit, not ending with a space or dot. */
export const GPO_NAME_PATTERN = `^[A-Za-z0-9](?:[A-Za-z0-9 _.()-]{0,${GPO_NAME_MAX_LENGTH - 2}}[A-Za-z0-9_()-])?$`;

/** One character of an OU name: a letter or digit in any script, a few punctuation marks, or an RFC 4514 escape. */
const OU_CHAR = String.raw`(?:[\p{L}\p{M}\p{N}_.&()!@%/-]|\\[,+\\<>;=# ]|\\[0-9A-Fa-f]{2})`;
const OU_VALUE = `${OU_CHAR}(?:(?:${OU_CHAR}| )*${OU_CHAR})?`;
const DC_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

/**
 * `OU=Servers,OU=Tier1,DC=contoso,DC=com`: one or more OU components then the domain's DC
 * components, in RFC 4514 form (no spaces around commas; , + \ < > ; = # escaped with a backslash).
 * Case-insensitive (attribute types); PowerShell's -match is too.
 */
export const OU_DN_PATTERN = `^OU=${OU_VALUE}(?:,OU=${OU_VALUE})*(?:,DC=${DC_LABEL})+$`;

export type GroupPolicyInputValidation = { ok: true; value: string } | { ok: false; message: string };

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const SCRIPT_HAZARDS = /['"`$\u2018-\u201f\u2032\u2033\uff02\uff07\u0000-\u001f\u007f\u0085\u2028\u2029]/u;

function firstHazard(text: string): string | undefined {
  return SCRIPT_HAZARDS.exec(text)?.[0];
}

export function validateGpoName(input: unknown): GroupPolicyInputValidation {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, message: 'Enter a GPO name.' };
  const hazard = firstHazard(input);
  if (hazard !== undefined) {
    return { ok: false, message: `The GPO name contains ${describeCharacter(hazard)}: use letters, digits, spaces and - _ . ( ) only.` };
  }
  if ([...input].length > GPO_NAME_MAX_LENGTH) return { ok: false, message: `The GPO name is longer than ${GPO_NAME_MAX_LENGTH} characters.` };
  if (!new RegExp(GPO_NAME_PATTERN, 'u').test(input)) {
    const other = [...input].find((ch) => !/[A-Za-z0-9 _.()-]/.test(ch));
    if (other !== undefined) return { ok: false, message: `The GPO name contains ${describeCharacter(other)}: use letters, digits, spaces and - _ . ( ) only.` };
    return { ok: false, message: 'The GPO name must start with a letter or digit and not end with a space or a dot.' };
  }
  return { ok: true, value: input };
}

/** Splits at commas that are not escaped. */
function components(dn: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === '\\' && i + 1 < dn.length) {
      current += ch + dn[i + 1]!;
      i++;
    } else if (ch === ',') {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

const EXAMPLE_DN = 'OU=Servers,DC=contoso,DC=com';

/** The OU gpo.ps1 links the GPO to. Empty means no link (the administrator links it later). */
export function validateOuDn(input: unknown): GroupPolicyInputValidation {
  if (typeof input !== 'string') return { ok: false, message: 'Enter the OU as a distinguished name, for example OU=Servers,DC=contoso,DC=com.' };
  if (input === '') return { ok: true, value: '' };
  const hazard = firstHazard(input);
  if (hazard !== undefined) {
    return { ok: false, message: `The OU distinguished name contains ${describeCharacter(hazard)}, which this guide does not accept in an OU name.` };
  }
  if (input.trim() !== input) return { ok: false, message: 'The OU distinguished name starts or ends with a space.' };
  if (/(?<!\\)\s,|(?<!\\),\s/.test(input)) return { ok: false, message: `The distinguished name has a space beside a comma: write it without (RFC 4514), for example ${EXAMPLE_DN}.` };
  const parts = components(input);
  const types = parts.map((p) => /^([A-Za-z]+)=/.exec(p)?.[1]?.toUpperCase());
  if (types.some((t) => t === undefined)) {
    return { ok: false, message: `Each part of the distinguished name is TYPE=value, separated by commas (escape a comma in a name as \\,), for example ${EXAMPLE_DN}.` };
  }
  if (types[0] !== 'OU') {
    return { ok: false, message: `The GPO is linked to an organizational unit: the distinguished name starts with OU= (not ${types[0]}=; the default Computers container cannot be linked), for example ${EXAMPLE_DN}.` };
  }
  const firstDc = types.indexOf('DC');
  if (firstDc < 0) return { ok: false, message: `The distinguished name ends with the domain's DC= parts, for example ${EXAMPLE_DN}.` };
  if (types.slice(0, firstDc).some((t) => t !== 'OU') || types.slice(firstDc).some((t) => t !== 'DC')) {
    return { ok: false, message: `Only OU= parts then DC= parts are accepted, for example ${EXAMPLE_DN}.` };
  }
  for (const part of parts.slice(0, firstDc)) {
    const value = part.slice(3);
    if ([...value].length > OU_NAME_MAX_LENGTH) return { ok: false, message: `The OU name ${value.slice(0, 20)}... is longer than ${OU_NAME_MAX_LENGTH} characters.` };
  }
  if (!new RegExp(OU_DN_PATTERN, 'iu').test(input)) {
    return {
      ok: false,
      message: `The distinguished name is not in RFC 4514 form: no spaces around commas, OU names of letters, digits, spaces and _ . & ( ) ! @ % / - with , + \\ < > ; = # escaped by a backslash, DC parts of letters, digits and hyphens. For example ${EXAMPLE_DN}.`,
    };
  }
  return { ok: true, value: input };
}
