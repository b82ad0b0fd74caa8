/**
 * The value of the `$AdminSubnet = ...` line: one quoted string, or an array when the user listed
 * several entries. Each entry goes through quote.ts like every other value.
 */
import type { ScriptModel } from './common';
import { q, qList, type PsFragment } from './quote';

export function adminSubnetValue(m: ScriptModel): PsFragment {
  const values = m.firewall.remoteAddress.values;
  const [only] = values;
  if (values.length === 1 && only !== undefined) return q(only);
  return { code: `@(${qList(values).code})` };
}
