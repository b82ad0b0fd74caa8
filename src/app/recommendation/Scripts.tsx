import { fleetUsage } from '../../core/fleet.ts';
import type { Recommendation } from '../../core/model.ts';
import { SCRIPT_LABEL } from './labels.ts';
import { ScriptFiles } from './ScriptFiles.tsx';
import { isFleetTab, scriptTabs, type ScriptName } from './script-tabs.ts';
import { ScriptTabs } from './ScriptTabs.tsx';

interface Props {
  rec: Recommendation;
  /** The `script` value from the address; anything that is not one of these scripts shows the first. */
  requested: string | undefined;
  /** Called with the tab chosen, or undefined for the first (the address then stays the plain permalink). */
  onRequest: (script: ScriptName | undefined) => void;
}

export function Scripts({ rec, requested, onRequest }: Props) {
  const tabs = scriptTabs(rec);
  const selected = tabs.find((t) => t.name === requested) ?? tabs[0]!;
  return (
    <section aria-labelledby="scripts-title" className="scripts">
      <h2 id="scripts-title">Scripts</h2>
      <p className="print-hide">Run them in this order, in an elevated PowerShell session. Each script saves what it changes so the rollback script can undo it.</p>
      <ol className="run-order print-hide">
        {rec.runOrder.map((s, i) => (
          <li key={i}>
            <strong>{SCRIPT_LABEL[s.script].file}</strong> on {s.where}: {s.purpose}
          </li>
        ))}
      </ol>
      <FleetUsage rec={rec} />
      {/* In print, a domain server's fleet files go with the GPO on its own page. */}
      <ScriptFiles tabs={rec.groupPolicy ? tabs.filter((t) => !isFleetTab(t)) : tabs} runOrder={rec.runOrder} />
      <ScriptTabs tabs={tabs} selected={selected.name} onSelect={(name) => onRequest(name === tabs[0]!.name ? undefined : name)} />
    </section>
  );
}

/** When the GPO or the playbook replaces running the scripts one server at a time. */
function FleetUsage({ rec }: { rec: Recommendation }) {
  const usage = fleetUsage(rec);
  if (usage.length === 0) return null;
  return (
    <>
      <p className="fleet-intro print-hide">For more than one server, the last tabs hold the same configuration:</p>
      <ul className="fleet-usage print-hide">
        {usage.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </>
  );
}
