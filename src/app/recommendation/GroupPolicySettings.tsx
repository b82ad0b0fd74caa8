import type { ShownRecommendation } from './files.ts';
import { ScriptFiles } from './ScriptFiles.tsx';
import { isFleetTab, scriptTabs } from './script-tabs.ts';
import type { GroupPolicyRow, GroupPolicyTarget } from '../../core/gpo/types.ts';

const GROUP_TITLE: Record<GroupPolicyTarget, string> = {
  servers: "In the servers' GPO (gpo.ps1 writes these)",
  'admin-workstations': 'In a separate GPO for the computers administrators connect from (linked to their OU)',
  none: 'No policy sets these',
};

function PolicyCell({ row }: { row: GroupPolicyRow }) {
  if (!row.path) return <span className="instead">No policy sets this. {row.instead}</span>;
  return (
    <>
      {row.path}
      {row.state && (
        <>
          : <strong>{row.state}</strong>
        </>
      )}
      {row.admx && <span className="admx"> ({row.admx})</span>}
    </>
  );
}

function RegistryCell({ row }: { row: GroupPolicyRow }) {
  if (row.registry.length === 0) return <>-</>;
  return (
    <ul className="plain">
      {row.registry.map((v) => (
        <li key={`${v.key}\\${v.valueName}`}>
          <code>
            {v.key}\{v.valueName}
          </code>{' '}
          = <code>{String(v.value)}</code> ({v.type})
        </li>
      ))}
    </ul>
  );
}

/** The GPO's settings, for the change request: policy path, state, ADMX and registry value per setting. */
export function GroupPolicySettings({ rec }: { rec: ShownRecommendation }) {
  const gpo = rec.groupPolicy;
  if (!gpo || !rec.scripts) return null;
  return (
    <section aria-labelledby="gpo-settings-title" className="gpo">
      <h2 id="gpo-settings-title">Group Policy settings</h2>
      <p>
        What gpo.ps1 puts into the GPO {gpo.gpoName}, for domain servers. Group Policy wins over local settings: where one of
        these comes from a GPO already, change it there.
      </p>
      <ScriptFiles
        tabs={scriptTabs({ ...rec, scripts: rec.scripts }).filter(isFleetTab)}
        runOrder={rec.runOrder}
        intro="For many servers, instead of running the scripts one by one: the GPO (gpo.ps1, undone by gpo-rollback.ps1) or the Ansible playbook. Check each file with Get-FileHash (SHA-256) before running it."
      />
      {/* Scrollable content must be reachable by keyboard. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="table-scroll" role="region" aria-label="Group Policy settings (scrolls sideways)" tabIndex={0}>
        <table className="gpo-settings">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Policy</th>
              <th scope="col">Registry value it writes</th>
            </tr>
          </thead>
          {(['servers', 'admin-workstations', 'none'] as const).map((group) => {
            const rows = gpo.rows.filter((row) => row.gpo === group);
            if (rows.length === 0) return null;
            return (
              <tbody key={group}>
                <tr>
                  <th scope="colgroup" colSpan={3} className="group-title">
                    {GROUP_TITLE[group]}
                  </th>
                </tr>
                {rows.map((row) => (
                  <tr key={row.settingId}>
                    <th scope="row">{row.setting}</th>
                    <td>
                      <PolicyCell row={row} />
                      {row.note && <p className="row-note">{row.note}</p>}
                    </td>
                    <td>
                      <RegistryCell row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
    </section>
  );
}
