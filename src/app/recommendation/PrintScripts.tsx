import type { RunStep } from '../../core/model.ts';
import { isFleetTab, type ScriptTab } from './script-tabs.ts';

/** The run-order steps ("1, 3") at which a script is run; none for the rollback. */
const stepsOf = (tab: ScriptTab, runOrder: RunStep[]) =>
  runOrder.flatMap((s, i) => (s.script === tab.name ? [i + 1] : [])).join(', ');

/**
 * The printed appendix a change request may want (the "include scripts in print" box): the
 * single-server scripts in the order they are run, then the rollback, each in full. Paper only:
 * on screen the script tabs show the same code.
 */
export function PrintScripts({ tabs, runOrder }: { tabs: ScriptTab[]; runOrder: RunStep[] }) {
  const scripts = tabs.filter((t) => !isFleetTab(t));
  if (scripts.length === 0) return null;
  return (
    <section className="print-only print-scripts" aria-labelledby="print-scripts-title">
      <h2 id="print-scripts-title">Appendix: the scripts in run order</h2>
      {scripts.map((tab) => {
        const steps = stepsOf(tab, runOrder);
        return (
          <div key={tab.name} className="print-script">
            <h3>
              {steps ? `Step ${steps}: ` : ''}
              {tab.file} <span className="muted">on {tab.where}</span>
            </h3>
            <pre>
              <code>{tab.code}</code>
            </pre>
          </div>
        );
      })}
    </section>
  );
}
