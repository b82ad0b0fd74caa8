import { fleetUsage } from '../../core/fleet-usage.ts';
import type { ShownRecommendation } from './files.ts';
import { SCRIPT_LABEL } from './labels.ts';
import { ScriptFiles } from './ScriptFiles.tsx';
import { isFleetName, isFleetTab, scriptTabs, type ScriptName } from './script-tabs.ts';
import { ScriptTabs } from './ScriptTabs.tsx';

/** Where a part of the files is: not rendered yet, being rendered again for new host names, or current. */
export type RenderState = 'pending' | 'updating' | 'current';
export interface FilesState {
  scripts: RenderState;
  fleet: RenderState;
}

interface Props {
  rec: ShownRecommendation;
  files: FilesState;
  /** The `script` value from the address; anything that is not one of these scripts shows the first. */
  requested: string | undefined;
  /** Called with the tab chosen, or undefined for the first (the address then stays the plain permalink). */
  onRequest: (script: ScriptName | undefined) => void;
}

export function Scripts({ rec, files, requested, onRequest }: Props) {
  const tabs = rec.scripts ? scriptTabs({ ...rec, scripts: rec.scripts }) : [];
  // A link to a fleet file waits for the fleet tabs (they come a moment after the scripts).
  const waitingFor = files.fleet === 'pending' && requested && isFleetName(requested) ? requested : undefined;
  const selected = waitingFor ? undefined : (tabs.find((t) => t.name === requested) ?? tabs[0]);
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
      {tabs.length === 0 ? (
        <p className="script-panel script-waiting">Preparing the scripts…</p>
      ) : (
        <ScriptTabs
          tabs={tabs}
          selected={selected?.name}
          waitingFor={waitingFor && SCRIPT_LABEL[waitingFor].file}
          busy={files.scripts !== 'current' || files.fleet !== 'current'}
          onSelect={(name) => onRequest(name === tabs[0]!.name ? undefined : name)}
        />
      )}
    </section>
  );
}

/** When the GPO or the playbook replaces running the scripts one server at a time. */
function FleetUsage({ rec }: { rec: ShownRecommendation }) {
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
