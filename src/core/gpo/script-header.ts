/** The header of gpo.ps1 and gpo-rollback.ps1: where to run them and what they do. */
import type { ScriptModel } from '../powershell/common';
import { runOrderText, summaryLine } from '../powershell/common';
import { GUIDE_NAME } from '../rules/constants';
import type { PsWriter } from '../powershell/writer';
import { usesHttpListenerPolicy } from './rows';

export function gpoDoes(m: ScriptModel): string[] {
  const does = [
    'checks everything first: the GPO name and OU, $AdminSubnet, the GroupPolicy and NetSecurity modules, that the domain answers, and that you may edit the GPO if it exists',
    'creates the GPO $GpoName, or backs up the existing one (Backup-GPO, into a folder only you, SYSTEM and Administrators can read) before its first change',
    "writes the servers' policy values into it (Set-GPRegistryValue): the WinRM service settings, logging and UAC remote restrictions of the settings table",
    `writes the firewall rule${m.firewall.rules.length > 1 ? 's' : ''} into it (New-NetFirewallRule -PolicyStore): TCP ${m.firewall.rules.map((r) => r.port).join(' and ')} from $AdminSubnet only`,
  ];
  if (usesHttpListenerPolicy(m)) does.push('enables the WinRM listener policy with the server address filters $ListenerIPv4Filter and $ListenerIPv6Filter');
  does.push(
    'links the GPO to $LinkOU last, once every value is in it (only if you set $LinkOU)',
    'changes nothing and says Unchanged for what is already so; records what it did for gpo-rollback.ps1',
    "does not build the admin workstations' GPO (WinRM client settings), nor what no policy sets (listeners, certificates, endpoints): see the settings table",
  );
  return does;
}

export interface GpoHeader {
  title: string;
  does: string[];
}

export function writeGpoHeader(w: PsWriter, m: ScriptModel, h: GpoHeader): void {
  w.code({ lines: ['#Requires -Version 5.1'] });
  w.comment(`${GUIDE_NAME} - ${h.title}`);
  w.comment(`Ruleset ${m.rulesetVersion}. Generated from: ${m.permalink}`);
  w.comment(`Recommendation: ${summaryLine(m)}.`);
  w.comment(
    "Run on: a computer of the servers' domain with the Group Policy Management tools (GroupPolicy module), as an account that may create and edit GPOs and link them to the OU. It does not need an elevated session.",
  );
  w.comment(`Single-server run order: ${runOrderText(m)}`);
  w.comment('This script:');
  for (const item of h.does) w.comment(`  - ${item}`);
  w.comment(
    'It stops with a clear message before changing anything if a pre-flight check fails. Review every line before you run it in production; paste it whole or run it as a .ps1 file.',
  );
}
