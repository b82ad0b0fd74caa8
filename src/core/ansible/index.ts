/**
 * Ansible output: playbook.yml and an example inventory.yml for the same configuration as the
 * single-server target script (issue 10). Built as typed data and serialized by the yaml package
 * (yaml-data.ts); the plays are in windows.ts (WinRM paths, Windows SSH) and linux.ts (Linux SSH).
 */
import { GUIDE_NAME } from '../rules/constants';
import { summaryLine, type ScriptModel } from '../powershell/common';
import { inventoryData, type AnsibleTarget } from './inventory';
import { linuxSshPlay } from './linux';
import type { AnsiblePlan } from './types';
import { windowsSshPlay, winrmPlay } from './windows';
import { toYaml } from './yaml-data';

export type { AnsiblePlan } from './types';
export type { AnsibleTarget } from './inventory';

/** Which play a path gets: Windows over WinRM, Windows over SSH, or (platform mixed) a Linux server over SSH. */
export function ansibleTarget(m: ScriptModel): AnsibleTarget {
  if (m.transport !== 'ssh') return 'windows-winrm';
  return m.answers.platform === 'mixed' ? 'linux-ssh' : 'windows-ssh';
}

function header(m: ScriptModel, what: string, lines: string[], first: string[] = []): string {
  return [...first, `${GUIDE_NAME} - ${what}`, `Ruleset ${m.rulesetVersion}. Generated from: ${m.permalink}`, `Recommendation: ${summaryLine(m)}.`, ...lines].join('\n');
}

const PLAYBOOK_NOTES: Record<AnsibleTarget, string[]> = {
  'windows-winrm': [
    'The same checks and changes as the target script, on every host of the group psremoting_targets; run it with',
    'ansible-playbook -i inventory.yml playbook.yml --check first: nothing changes then. Needs the collections ansible.windows',
    'and community.windows. Ansible itself connects over WinRM: the play never removes or re-keys the listener or closes',
    'the port it is connected through; a step that would is left for a run over HTTPS, and the play says so.',
  ],
  'windows-ssh': [
    'The same checks and changes as the target script (SSH, Windows server), on every host of the group psremoting_targets;',
    'run it with --check first: nothing changes then. Needs the collection ansible.windows. If Ansible connects over SSH,',
    'its account must be in psremoting_allow_groups (the pre-flight checks it), or AllowGroups would shut the play out.',
  ],
  'linux-ssh': [
    'The same sshd_config block as the target script (SSH, Linux server), on every host of the group psremoting_targets;',
    'run it with --check first: nothing changes then. Needs ansible.posix and community.general (firewall). Ansible connects',
    'over SSH: its account must be in psremoting_allow_groups (the pre-flight checks it), and a reload keeps open sessions.',
  ],
};

export function renderAnsible(model: ScriptModel): AnsiblePlan {
  const target = ansibleTarget(model);
  const play = target === 'windows-winrm' ? winrmPlay(model) : target === 'windows-ssh' ? windowsSshPlay(model) : linuxSshPlay(model);
  // yamllint's line-length rule (160) cannot apply: the embedded PowerShell is the target script's own
  // code, whose messages are long lines that cannot be wrapped without changing the script, and the
  // permalink line is as long as the permalink. The directive comes first so that it covers the header.
  const playbookHeader = header(model, 'playbook.yml', PLAYBOOK_NOTES[target], [
    'yamllint disable rule:line-length',
    "(for yamllint: the embedded PowerShell is the target script's own code, whose long lines cannot be wrapped)",
  ]);
  return {
    target,
    playbook: toYaml([play], playbookHeader),
    inventory: toYaml(
      inventoryData(model, target),
      header(model, 'inventory.yml (an example: edit the hosts and values)', [
        'Every value the playbook reads is here. Keep passwords in a vault, never in this file.',
      ]),
    ),
  };
}
