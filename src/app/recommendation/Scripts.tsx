import type { Recommendation } from '../../core/model.ts';
import { SCRIPT_LABEL } from './labels.ts';
import { ScriptView } from './ScriptView.tsx';

export function Scripts({ rec }: { rec: Recommendation }) {
  return (
    <section aria-labelledby="scripts-title" className="scripts">
      <h2 id="scripts-title">Scripts</h2>
      <p>Run them in this order, in an elevated PowerShell session. Each script saves what it changes so the rollback script can undo it.</p>
      <ol className="run-order">
        {rec.runOrder.map((s) => (
          <li key={s.script}>
            <strong>{SCRIPT_LABEL[s.script].file}</strong> on {s.where}: {s.purpose}
          </li>
        ))}
      </ol>
      {(['target', 'client', 'resource', 'rollback'] as const).map((name) => {
        const code = rec.scripts[name];
        if (!code) return null;
        return (
          <section key={name} aria-labelledby={`script-${name}`}>
            <h3 id={`script-${name}`}>{SCRIPT_LABEL[name].title}</h3>
            <ScriptView code={code} fileName={SCRIPT_LABEL[name].file} label={SCRIPT_LABEL[name].title} />
          </section>
        );
      })}
    </section>
  );
}
