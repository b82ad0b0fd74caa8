import type { FleetOutputs, ScriptsRecommendation } from '../../core/model.ts';
import { FLEET_WHERE, ROLLBACK_WHERE, SCRIPT_LABEL } from './labels.ts';

export type ScriptName = keyof typeof SCRIPT_LABEL;
export type CodeLanguage = 'powershell' | 'yaml';

export interface ScriptTab {
  name: ScriptName;
  file: string;
  title: string;
  /** Where to run it, as the run order says ("the server (app01...)"). */
  where: string;
  code: string;
  language: CodeLanguage;
}

type FleetName = keyof typeof FLEET_WHERE;

/** The files for many servers (GPO, Ansible), as opposed to the single-server scripts. */
export const isFleetName = (name: string): name is FleetName => Object.hasOwn(FLEET_WHERE, name);
export const isFleetTab = (tab: ScriptTab): boolean => isFleetName(tab.name);

/** A recommendation with its fleet outputs, or without them while they are being rendered. */
type TabSource = ScriptsRecommendation & Partial<FleetOutputs>;

/** The fleet files of a recommendation: a GPO where the server is domain-joined, Ansible everywhere. */
function fleetCode(rec: TabSource): [FleetName, string | undefined][] {
  return [
    ['gpo', rec.groupPolicy?.script],
    ['gpo-rollback', rec.groupPolicy?.rollback],
    ['playbook', rec.ansible?.playbook],
    ['inventory', rec.ansible?.inventory],
  ];
}

const languageOf = (file: string): CodeLanguage => (file.endsWith('.yml') ? 'yaml' : 'powershell');

/**
 * The single-server scripts in the order they are run, the rollback after them, then the same
 * configuration for many servers: the GPO and its rollback, the Ansible playbook and inventory.
 */
export function scriptTabs(rec: TabSource): ScriptTab[] {
  const where = new Map<ScriptName, string>();
  for (const step of rec.runOrder) if (!where.has(step.script)) where.set(step.script, step.where);
  where.set('rollback', ROLLBACK_WHERE);
  const names: ScriptName[] = [...where.keys()].filter((n) => n !== 'rollback');
  for (const n of ['target', 'client', 'resource'] as const) if (!names.includes(n)) names.push(n);
  names.push('rollback');
  const code = new Map<ScriptName, string | undefined>(
    names.map((n) => [n, n in rec.scripts ? rec.scripts[n as keyof TabSource['scripts']] : undefined]),
  );
  for (const [name, text] of fleetCode(rec)) {
    names.push(name);
    code.set(name, text);
    where.set(name, FLEET_WHERE[name]);
  }
  return names.flatMap((name) => {
    const text = code.get(name);
    if (!text) return [];
    const { file, title } = SCRIPT_LABEL[name];
    return [{ name, file, title, where: where.get(name) ?? '', code: text, language: languageOf(file) }];
  });
}
