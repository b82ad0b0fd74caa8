import { isBlankAdminSubnet, validateAdminSubnet } from '../../core/admin-subnet.ts';
import { validateHost } from '../../core/hosts.ts';
import { isBlankJeaCommands, validateJeaCommands } from '../../core/jea-commands.ts';
import type { HostInput, HostKind } from '../../core/model.ts';
import type { DecodedPermalink } from '../../core/permalink.ts';

/**
 * What the recommendation and the guide hand each other on the way round ("Edit answers", a
 * changed answer, back to the recommendation) besides the answers: the host fields as typed and
 * whether they go in the link. It travels in the history entry's state, which survives the
 * guide's steps, back/forward and a reload in that tab, but is never part of an address: host
 * names reach a link only when the user ticked "include". A link opened fresh has no state, and
 * the page falls back to what its address holds.
 */
export interface HostText {
  target: string;
  resource: string;
  adminSubnet: string;
  /** The JEA role's commands (recommendation page, JEA path only); absent when none were typed. */
  jeaCommands?: string;
}

export interface Carried {
  hosts?: HostText;
  includeHosts?: boolean;
  /** Where a completed change goes: the recommendation, or the guide's "all answered" (the user was reviewing there). */
  returnTo?: 'recommendation' | 'guide';
}

export const EMPTY_HOSTS: HostText = { target: '', resource: '', adminSubnet: '' };

/** Longer than any field accepts (the admin list has no maxLength; its validator refuses long lists). */
const MAX_CARRIED = 20_000;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length <= MAX_CARRIED ? value : undefined);

/** The carried state of a history entry. History state is anyone's to write: anything unexpected is dropped. */
export function readCarried(state: unknown): Carried {
  if (typeof state !== 'object' || state === null) return {};
  const { hosts, includeHosts, returnTo } = state as Record<string, unknown>;
  const out: Carried = {};
  if (typeof hosts === 'object' && hosts !== null) {
    const h = hosts as Record<string, unknown>;
    out.hosts = { target: text(h.target) ?? '', resource: text(h.resource) ?? '', adminSubnet: text(h.adminSubnet) ?? '' };
    const commands = text(h.jeaCommands);
    if (commands) out.hosts.jeaCommands = commands;
  }
  if (typeof includeHosts === 'boolean') out.includeHosts = includeHosts;
  if (returnTo === 'recommendation' || returnTo === 'guide') out.returnTo = returnTo;
  return out;
}

const hasHosts = (hosts: HostInput) => Boolean(hosts.target || hosts.resource || hosts.adminSubnet || hosts.jeaCommands);

/** The host fields for a page: the carried text when there is some, else what the address holds. */
export function hostTextOf(decoded: DecodedPermalink, carried: Carried): HostText {
  if (carried.hosts) return carried.hosts;
  const { jeaCommands } = decoded.hosts;
  return {
    target: decoded.hosts.target ?? '',
    resource: decoded.hosts.resource ?? '',
    adminSubnet: decoded.hosts.adminSubnet ?? '',
    ...(jeaCommands ? { jeaCommands } : {}),
  };
}

/** Whether the host fields go in the link: as carried, else whether the address holds any. */
export function includeHostsOf(decoded: DecodedPermalink, carried: Carried): boolean {
  return carried.includeHosts ?? hasHosts(decoded.hosts);
}

/** The values of the fields that pass validation (only these reach the engine or a link), and the target's kind. */
export function validHostsOf(fields: HostText): { hosts: HostInput; targetKind: HostKind | undefined } {
  const hosts: HostInput = {};
  let targetKind: HostKind | undefined;
  for (const key of ['target', 'resource'] as const) {
    const v = fields[key].trim();
    const checked = v ? validateHost(v) : undefined;
    if (checked?.ok) {
      hosts[key] = v;
      if (key === 'target') targetKind = checked.kind;
    }
  }
  const admin = fields.adminSubnet;
  if (!isBlankAdminSubnet(admin) && validateAdminSubnet(admin, targetKind ? { targetKind } : {}).ok) hosts.adminSubnet = admin;
  const commands = fields.jeaCommands ?? '';
  if (!isBlankJeaCommands(commands) && validateJeaCommands(commands).ok) hosts.jeaCommands = commands;
  return { hosts, targetKind };
}

/** True when the fields hold something (typed, valid or not): worth carrying, worth a note when left out of the link. */
export function hasHostText(fields: HostText): boolean {
  return fields.target.trim() !== '' || fields.resource.trim() !== '' || !isBlankAdminSubnet(fields.adminSubnet) || !isBlankJeaCommands(fields.jeaCommands ?? '');
}
