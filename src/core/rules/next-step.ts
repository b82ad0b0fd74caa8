/**
 * What each script says when it is done: the step that follows it in the run order
 * (run-order.ts), so the run-order list, the script tabs and the scripts' closing lines agree.
 */
import type { RunStep } from '../model';
import type { Plan } from './plan';

type RunScript = RunStep['script'];

/** How the scripts name each other in their closing lines (the file names are the download names). */
export const RUN_SCRIPT_NAME: Record<RunScript, string> = {
  target: 'the target script (target.ps1)',
  client: 'the client script (client.ps1)',
  resource: 'the second computer script (resource.ps1)',
};

/** The closing words of the last script of the run order. */
export const LAST_SCRIPT_TEXT = 'This was the last script of the run order.';

/** The facts the closing lines depend on (a Plan, or the model the renderers get, has them). */
type NextStepFacts = Pick<Plan, 'authentication' | 'certificate'> & { runOrder: readonly RunStep[] };

/** What must be carried over before the next script can run. */
function handOver(current: RunScript, following: RunScript, m: NextStepFacts): string {
  if (current === 'client' && following === 'target' && m.authentication === 'certificate') return 'copy the exported client certificate to the server, then ';
  if (current === 'target' && following === 'client' && m.certificate?.source === 'self-signed') return 'copy the exported server certificate to each client, then ';
  return '';
}

/** What the next script does after it runs, where the user must act on this computer. */
function afterwards(current: RunScript, m: NextStepFacts): string {
  return current === 'target' && m.authentication === 'ssh' ? ', then add the public key it prints on this server' : '';
}

/** Where the following step runs; the server is named by `$Target` (the script prints its value). */
function whereOf(step: RunStep): string {
  return step.script === 'target' ? 'the server ($Target)' : step.where;
}

/**
 * The closing line of the script of run-order step `index`: "Next: run <the following script> on
 * <where>." or, for the last step, LAST_SCRIPT_TEXT.
 */
export function nextStepLine(m: NextStepFacts, index: number): string {
  const current = m.runOrder[index];
  if (!current) throw new Error(`The run order has no step ${index}`);
  const following = m.runOrder[index + 1];
  if (!following) return LAST_SCRIPT_TEXT;
  const again = m.runOrder.slice(0, index + 1).some((s) => s.script === following.script) ? ' again' : '';
  return `Next: ${handOver(current.script, following.script, m)}run ${RUN_SCRIPT_NAME[following.script]}${again} on ${whereOf(following)}${afterwards(current.script, m)}.`;
}

/** The closing lines of `script`, one per time it appears in the run order (the client script may run twice). */
export function nextStepLines(m: NextStepFacts, script: RunScript): string[] {
  return m.runOrder.flatMap((step, i) => (step.script === script ? [nextStepLine(m, i)] : []));
}
