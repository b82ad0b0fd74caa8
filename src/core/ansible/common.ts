/** Pieces shared by the Windows and Linux plays: names, the inventory checks, task shapes. */
import { REFUSED_REMOTE_ADDRESSES } from '../rules/constants';
import type { YamlData } from './yaml-data';

export type Task = { [key: string]: YamlData };

/** The inventory group every play targets. */
export const TARGET_GROUP = 'psremoting_targets';

/**
 * A static string (never user input) as a Jinja string literal for an expression. Backslashes are
 * passed as they are: Ansible hands the literal's text to the filter without unescaping them (a
 * regex's `\r` stays `\r`), so only a quote, a brace or a non-ASCII character is refused.
 */
export function jinjaString(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text) || /[{}']/.test(text) || text.endsWith('\\')) throw new Error(`Not a static Jinja literal: ${text}`);
  return `'${text}'`;
}

export function jinjaList(items: readonly string[]): string {
  return `[${items.map(jinjaString).join(', ')}]`;
}

/**
 * The admin-address list: present, a list, not empty, and none of the values that open the port to
 * any address (the scripts refuse the same; the full check of each entry runs on the host, with
 * the scripts' own validator).
 */
export function adminSubnetAssertions(): string[] {
  return [
    'psremoting_admin_subnet is defined',
    'psremoting_admin_subnet is iterable and psremoting_admin_subnet is not string and psremoting_admin_subnet is not mapping',
    'psremoting_admin_subnet | length > 0',
    `psremoting_admin_subnet | map('string') | map('lower') | intersect(${jinjaList(REFUSED_REMOTE_ADDRESSES.map((v) => v.toLowerCase()))}) | length == 0`,
  ];
}

export function assertTask(name: string, that: string[], failMsg: string): Task {
  return {
    name,
    'ansible.builtin.assert': { that, fail_msg: failMsg, quiet: true },
  };
}
