/**
 * The PowerShell that the Windows tasks run through ansible.windows.win_powershell: the same
 * section renderers as the single-server target script (src/core/powershell/), so the fleet gets
 * the same checks and the same changes. Values reach a script only as `parameters:` of the task
 * (its param() block), never inside the script text.
 *
 * The single-server script records each change for its rollback with Save-GuideChange before it
 * makes it. Here Save-GuideChange tells Ansible instead: it sets $Ansible.Changed, and in check mode
 * it stops the script right there, before the change (the script declares SupportsShouldProcess,
 * so win_powershell runs it in check mode with $Ansible.CheckMode set).
 */
import { EXAMPLE_VALUES } from '../rules/constants';
import { psQuote, qList } from '../powershell/quote';
import { ps, PsWriter } from '../powershell/writer';

export type PsParameterType = 'string' | 'string[]' | 'int' | 'bool';

/** The check-mode stop: a message no section of the script throws. */
const CHECK_MODE_STOP = 'PSRemotingGuide: check mode stops before the first change.';

/**
 * A win_powershell script: param() block, strict errors, the example values the pre-flight
 * refuses, Save-GuideChange for Ansible, and the body (written by `body`) inside a try whose catch
 * lets the check-mode stop end the script quietly.
 */
export function winScript(parameters: Record<string, PsParameterType>, body: (w: PsWriter) => void): string {
  const w = new PsWriter();
  const names = Object.entries(parameters);
  for (const [name] of names) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`Not a parameter name: ${name}`);
  w.code({ lines: ['[CmdletBinding(SupportsShouldProcess)]'] });
  if (names.length === 0) {
    w.code({ lines: ['param()'] });
  } else {
    w.code({ lines: ['param(', ...names.map(([name, type], i) => `    [${type}]$${name}${i < names.length - 1 ? ',' : ''}`), ')'] });
  }
  w.code(ps`
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @(${qList(EXAMPLE_VALUES)})
    $GuideBackupFolder = 'the Ansible output of this task'
    $Ansible.Changed = $false
    function Save-GuideChange {
        param([Parameter(Mandatory = $true)][hashtable]$Change)
        # The single-server script records the change for its rollback here; Ansible reports it.
        $Ansible.Changed = $true
        if ($Ansible.CheckMode) { throw ${{ code: psQuote(CHECK_MODE_STOP) }} }
    }
  `);
  w.indented('try {', () => body(w));
  w.indented('catch {', () => {
    w.code({ lines: [`if ($_.Exception.Message -cne ${psQuote(CHECK_MODE_STOP)}) { throw }`] });
  });
  return w.toString();
}
