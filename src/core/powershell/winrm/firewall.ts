/**
 * Firewall: the guide's rules admit only $AdminSubnet, then the built-in rules are disabled. The
 * pre-flight makes sure every active network profile is one the guide's rules cover, so the server is
 * never left without a rule admitting the admin subnet on the network it is on.
 */
import { writeFirewallRules, writeNetworkProfileCheck, type ScriptModel } from '../common';
import type { PsWriter } from '../writer';

export function writeFirewallPreflight(w: PsWriter, m: ScriptModel): void {
  writeNetworkProfileCheck(w, m.firewall.profiles);
}

export function writeFirewall(w: PsWriter, m: ScriptModel): void {
  w.section('Firewall: remoting only from $AdminSubnet');
  writeFirewallRules(w, m);
}
