import type { Recommendation } from '../../core/model.ts';
import { ROLLBACK_WHERE, SCRIPT_LABEL } from './labels.ts';

export type ScriptName = keyof typeof SCRIPT_LABEL;

export interface ScriptTab {
  name: ScriptName;
  file: string;
  title: string;
  /** Where to run it, as the run order says ("the server (app01...)"). */
  where: string;
  code: string;
}

/** The recommendation's scripts in the order they are run, the rollback last. */
export function scriptTabs(rec: Recommendation): ScriptTab[] {
  const where = new Map<ScriptName, string>();
  for (const step of rec.runOrder) if (!where.has(step.script)) where.set(step.script, step.where);
  where.set('rollback', ROLLBACK_WHERE);
  const names: ScriptName[] = [...where.keys()].filter((n) => n !== 'rollback');
  for (const n of ['target', 'client', 'resource'] as const) if (!names.includes(n)) names.push(n);
  names.push('rollback');
  return names.flatMap((name) => {
    const code = rec.scripts[name];
    if (!code) return [];
    return [{ name, file: SCRIPT_LABEL[name].file, title: SCRIPT_LABEL[name].title, where: where.get(name) ?? '', code }];
  });
}
