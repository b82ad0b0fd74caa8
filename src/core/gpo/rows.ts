/**
 * The Group Policy settings table: one row per setting of the recommendation (from POLICY_TABLE),
 * then the firewall plan (rules written into the servers' GPO, built-in rules a GPO cannot turn
 * off) and, on HTTP paths, the listener policy.
 */
import type { ScriptModel } from '../powershell/common';
import { FIREWALL_INBOUND, fromSetting, KEYS, POLICY_TABLE, WINRM_SERVICE, ADMX } from './policy-table';
import type { GroupPolicyRow, PolicyRegistryValue } from './types';

export const LISTENER_POLICY_ID = 'winrm-listener-policy';
/** The editable variables of gpo.ps1 that hold the listener's address filters, and their default. */
export const LISTENER_FILTER_VARIABLES = { ipv4: 'ListenerIPv4Filter', ipv6: 'ListenerIPv6Filter' } as const;
export const LISTENER_FILTER_DEFAULT = '*';

/** Only a domain-joined Windows server takes a GPO. */
export function takesGroupPolicy(m: ScriptModel): boolean {
  return m.answers.platform === 'windows' && (m.answers.domain === 'same' || m.answers.domain === 'untrusted');
}

/** Whether gpo.ps1 sets the listener policy: only where the recommended transport is the HTTP listener. */
export function usesHttpListenerPolicy(m: ScriptModel): boolean {
  return m.transport === 'http';
}

function settingRows(m: ScriptModel): GroupPolicyRow[] {
  return m.settings.map((setting) => {
    const entry = POLICY_TABLE[setting.id];
    if (!entry) throw new Error(`No Group Policy entry for the setting ${setting.id}: add it to POLICY_TABLE`);
    const row: GroupPolicyRow = {
      settingId: setting.id,
      setting: setting.name,
      registry: entry.registry ? fromSetting(entry.registry, setting, m) : [],
      gpo: entry.gpo,
      inScript: entry.inScript === true && entry.gpo === 'servers',
      sources: entry.sources,
    };
    if (entry.path) row.path = fromSetting(entry.path, setting, m);
    if (entry.state) row.state = fromSetting(entry.state, setting, m);
    if (entry.admx) row.admx = entry.admx;
    if (entry.instead) row.instead = fromSetting(entry.instead, setting, m);
    const note = entry.note ? fromSetting(entry.note, setting, m) : '';
    if (note) row.note = note;
    return row;
  });
}

function firewallRows(m: ScriptModel): GroupPolicyRow[] {
  const fw = m.firewall;
  const rules: GroupPolicyRow[] = fw.rules.map((rule) => ({
    settingId: `firewall:${rule.name}`,
    setting: `Firewall rule ${rule.name} (${rule.displayName})`,
    path: `${FIREWALL_INBOUND} > ${rule.displayName}`,
    state: `Allow inbound TCP ${rule.port} from $AdminSubnet only (${fw.remoteAddress.values.join(', ')}), profiles ${rule.profiles.join(', ')}`,
    registry: [],
    gpo: 'servers',
    inScript: true,
    note: 'Written into the GPO by New-NetFirewallRule -PolicyStore; servers add it to their own rules. Never with RemoteAddress Any.',
    sources: ['WSEC', 'NETGPO'],
  }));
  const builtIn: GroupPolicyRow[] = fw.disablesBuiltInRules.map((pattern) => ({
    settingId: `firewall-builtin:${pattern}`,
    setting: `Built-in firewall rules ${pattern}: disabled`,
    registry: [],
    gpo: 'none',
    inScript: false,
    instead: `A GPO adds rules to those of each server; it cannot turn off a server's own rule (only stop applying every local rule, which would drop all of them). The target script disables ${pattern} once on each server (or Disable-NetFirewallRule -Name '${pattern}' in a startup script): until then those rules still admit TCP ${fw.port === 22 ? 22 : 5985} from more than $AdminSubnet.`,
    sources: ['WSEC', 'FWISS'],
  }));
  return [...rules, ...builtIn];
}

function listenerRow(): GroupPolicyRow {
  const registry: PolicyRegistryValue[] = [
    { key: KEYS.winrmService, valueName: 'AllowAutoConfig', type: 'DWord', value: 1 },
    { key: KEYS.winrmService, valueName: 'IPv4Filter', type: 'String', value: LISTENER_FILTER_DEFAULT, variable: LISTENER_FILTER_VARIABLES.ipv4 },
    { key: KEYS.winrmService, valueName: 'IPv6Filter', type: 'String', value: LISTENER_FILTER_DEFAULT, variable: LISTENER_FILTER_VARIABLES.ipv6 },
  ];
  return {
    settingId: LISTENER_POLICY_ID,
    setting: 'WinRM HTTP listener (port 5985) on every server of the OU',
    path: `${WINRM_SERVICE} > Allow remote server management through WinRM`,
    state: `Enabled: IPv4 filter ${LISTENER_FILTER_DEFAULT}, IPv6 filter ${LISTENER_FILTER_DEFAULT} ($${LISTENER_FILTER_VARIABLES.ipv4}, $${LISTENER_FILTER_VARIABLES.ipv6})`,
    registry,
    admx: ADMX.winrm,
    gpo: 'servers',
    inScript: true,
    note: "The filters list the server's own addresses the listener listens on (* = all of them), not the addresses clients connect from: the firewall rule limits clients to $AdminSubnet.",
    sources: ['CSP', 'TRB'],
  };
}

export function groupPolicyRows(m: ScriptModel): GroupPolicyRow[] {
  const rows = [...settingRows(m), ...firewallRows(m)];
  if (usesHttpListenerPolicy(m)) rows.push(listenerRow());
  return rows;
}

/** The registry values gpo.ps1 writes into the servers' GPO, in table order. */
export function scriptRegistryValues(rows: readonly GroupPolicyRow[]): PolicyRegistryValue[] {
  return rows.filter((r) => r.inScript).flatMap((r) => r.registry);
}
