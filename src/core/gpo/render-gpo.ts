/**
 * gpo.ps1, composed from one section renderer per concern. Order: every check first, the backup
 * (or the record of a new GPO) before the first change, the values and firewall rules, the link last.
 */
import { writePrologue, writeVariables, type ScriptModel } from '../powershell/common';
import { ps, PsWriter } from '../powershell/writer';
import { scriptRegistryValues } from './rows';
import { gpoDoes, writeGpoHeader } from './script-header';
import { writeGpoFirewall } from './script-firewall';
import { writeGpoDone, writeGpoLink } from './script-link';
import { writeGpoPreflight } from './script-preflight';
import { writeRegistryValues } from './script-registry';
import { writeGpoCreation, writeGpoState } from './script-state';
import { gpoVariables, type GroupPolicyInput } from './script-variables';
import type { GroupPolicyRow } from './types';

export function renderGpoScript(m: ScriptModel, rows: readonly GroupPolicyRow[], input: GroupPolicyInput): string {
  const w = new PsWriter();
  writeGpoHeader(w, m, { title: 'gpo.ps1 (Group Policy for the servers)', does: gpoDoes(m) });
  writeVariables(w, gpoVariables(m, input));
  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    w.comment('A GPO applies to many servers: there is no single $Target, so the address-family check of $AdminSubnet below is skipped.');
    w.code(ps`$Target = ''`);
    writeGpoPreflight(w, m);
    writeGpoState(w, m.rulesetVersion);
    writeGpoCreation(w);
    writeRegistryValues(w, scriptRegistryValues(rows));
    writeGpoFirewall(w, m);
    writeGpoLink(w);
    writeGpoDone(w, m);
  });
  return w.toString();
}
