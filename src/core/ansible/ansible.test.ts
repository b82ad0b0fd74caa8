/**
 * The Ansible output of every path: it renders, parses back to the intended structure, holds the
 * user's values as data only (hostile ones included, given straight to the renderer past the
 * validation that normally refuses them), and never holds a forbidden setting.
 */
import { describe, expect, test } from 'vitest';
import type { ScriptModel } from '../powershell/common';
import { recommend } from '../recommend';
import { REFUSED_REMOTE_ADDRESSES, SSH } from '../rules/constants';
import { allCompleteAnswers, answersKey } from '../testing/answers';
import { HOSTILE_HOSTS } from '../testing/arbitraries';
import { ansibleTarget, renderAnsible } from './index';
import { parseYaml } from './yaml-data';

type Play = { name: string; hosts: string; tasks: Array<Record<string, unknown>>; handlers?: Array<Record<string, unknown>>; [key: string]: unknown };
type Inventory = { all: { children: { psremoting_targets: { hosts: Record<string, unknown>; vars: Record<string, unknown> } } } };

const paths = allCompleteAnswers().map((answers) => ({ key: answersKey(answers), rec: recommend(answers) }));

/** Every task, blocks and handlers included. */
function allTasks(play: Play): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (tasks: Array<Record<string, unknown>>) => {
    for (const task of tasks) {
      out.push(task);
      if (Array.isArray(task.block)) walk(task.block as Array<Record<string, unknown>>);
    }
  };
  walk(play.tasks);
  walk(play.handlers ?? []);
  return out;
}

const scripts = (play: Play): string[] =>
  allTasks(play)
    .map((t) => (t['ansible.windows.win_powershell'] as { script?: string } | undefined)?.script)
    .filter((s): s is string => typeof s === 'string');

describe('the Ansible output of every path', () => {
  test('every path has a playbook and an inventory that parse back', () => {
    expect(paths.length).toBeGreaterThan(300);
    for (const { key, rec } of paths) {
      const playbook = parseYaml(rec.ansible.playbook) as Play[];
      expect(playbook, key).toHaveLength(1);
      const [play] = playbook;
      expect(play?.hosts, key).toBe('psremoting_targets');
      expect(play?.name, key).toMatch(/^PowerShell remoting over /);
      for (const task of allTasks(play as Play)) expect(typeof task.name, `${key}: every task has a name`).toBe('string');
      const inventory = parseYaml(rec.ansible.inventory) as Inventory;
      expect(Object.keys(inventory.all.children.psremoting_targets.hosts), key).toEqual([rec.hosts.target.value]);
      expect(inventory.all.children.psremoting_targets.vars.psremoting_admin_subnet, key).toEqual(rec.firewall.remoteAddress.values);
    }
  });

  test('the play matches the path: WinRM, Windows SSH or Linux SSH', () => {
    const counts = { 'windows-winrm': 0, 'windows-ssh': 0, 'linux-ssh': 0 };
    for (const { key, rec } of paths) {
      const target = rec.ansible.target;
      counts[target] += 1;
      expect(target, key).toBe(ansibleTarget(rec));
      const [play] = parseYaml(rec.ansible.playbook) as Play[];
      const modules = new Set(allTasks(play as Play).flatMap((t) => Object.keys(t).filter((k) => k.includes('.'))));
      if (target === 'linux-ssh') {
        expect(rec.answers.platform, key).toBe('mixed');
        expect(modules.has('ansible.builtin.blockinfile'), key).toBe(true);
        expect([...modules].filter((m) => m.startsWith('ansible.windows.')), key).toEqual([]);
      } else {
        expect(modules.has('ansible.windows.win_powershell'), key).toBe(true);
        expect(modules.has('ansible.builtin.blockinfile'), key).toBe(false);
      }
    }
    expect(counts['windows-winrm']).toBeGreaterThan(0);
    expect(counts['windows-ssh']).toBeGreaterThan(0);
    expect(counts['linux-ssh']).toBeGreaterThan(0);
  });

  test('the WinRM play applies what the target script applies, in its order', () => {
    for (const { key, rec } of paths.filter((p) => p.rec.ansible.target === 'windows-winrm')) {
      const [play] = parseYaml(rec.ansible.playbook) as Play[];
      const text = scripts(play as Play).join('\n');
      expect(text, key).toContain("Set-GuideWSManSetting -Path 'WSMan:\\localhost\\Service\\AllowUnencrypted' -Value 'false'");
      expect(text, key).toContain("Set-GuideWSManSetting -Path 'WSMan:\\localhost\\Service\\Auth\\Basic' -Value 'false'");
      for (const rule of rec.firewall.rules) expect(text, key).toContain(`Set-GuideFirewallRule -Name '${rule.name}'`);
      for (const pattern of rec.firewall.disablesBuiltInRules) expect(text, key).toContain(`Disable-GuideBuiltInFirewallRule -Name '${pattern}'`);
      if (rec.httpListener === 'removed') expect(text, key).toContain('Remove-WSManInstance -ResourceURI winrm/config/Listener');
      if (rec.endpoint === 'jea') expect(text, key).toContain('-Force -NoServiceRestart');
      const names = (play as Play).tasks.map((t) => String(t.name));
      const index = (prefix: string) => names.findIndex((n) => n.startsWith(prefix));
      expect(index('Pre-flight'), key).toBeLessThan(index('WinRM service'));
      if (rec.transport === 'https') expect(index('Server certificate'), key).toBeLessThan(index('Firewall'));
      if (rec.httpListener === 'removed') expect(index('Firewall'), key).toBeLessThan(index('Remove the HTTP listener'));
    }
  });

  test('no listener or port Ansible is connected through goes while it runs', () => {
    for (const { key, rec } of paths.filter((p) => p.rec.ansible.target === 'windows-winrm')) {
      const [play] = parseYaml(rec.ansible.playbook) as Play[];
      const removal = (play as Play).tasks.find((t) => String(t.name).startsWith('Remove the HTTP listener'));
      if (rec.httpListener === 'removed') expect(removal?.when, key).toBe("psremoting_connection_scheme != 'http'");
      else expect(removal, key).toBeUndefined();
    }
  });

  test('the Linux block is the target script\'s block, checked by sshd -t before it is put in place', () => {
    for (const { key, rec } of paths.filter((p) => p.rec.ansible.target === 'linux-ssh')) {
      const [play] = parseYaml(rec.ansible.playbook) as Play[];
      const task = allTasks(play as Play).find((t) => t['ansible.builtin.blockinfile']);
      const args = task?.['ansible.builtin.blockinfile'] as Record<string, string>;
      expect(String(args.marker).replace('{mark}', 'BEGIN'), key).toBe(SSH.blockStart);
      expect(String(args.marker).replace('{mark}', 'END'), key).toBe(SSH.blockEnd);
      expect(args.insertbefore, key).toBe('BOF');
      expect(args.validate, key).toBe('{{ psremoting_sshd_path }} -t -f %s');
      expect(args.block, key).toContain('PubkeyAuthentication yes');
      expect(args.block, key).toContain('Subsystem powershell {{ psremoting_pwsh_path }} -sshs');
      expect(rec.scripts.target, key).toContain("$block.Add('PubkeyAuthentication yes')");
    }
  });

  test('embedded PowerShell is never templated, and values reach it only as parameters', () => {
    for (const { key, rec } of paths) {
      expect(rec.ansible.playbook, key).not.toMatch(/^ *script: (?!!unsafe)/m);
      const [play] = parseYaml(rec.ansible.playbook) as Play[];
      for (const script of scripts(play as Play)) {
        expect(script, key).not.toContain('{{');
        expect(script, key).toMatch(/^\[CmdletBinding\(SupportsShouldProcess\)\]\nparam\(/);
      }
    }
  });

  test('forbidden values never appear', () => {
    for (const { key, rec } of paths) {
      const all = [rec.ansible.playbook, rec.ansible.inventory].join('\n');
      expect(all, key).not.toMatch(/^ *ansible_(winrm_server|psrp)_cert_validation: *(ignore|false|no)/im);
      expect(all, key).not.toMatch(/^ *ansible_(winrm_transport|psrp_auth): *(basic|plaintext)/im);
      expect(all, key).not.toMatch(/AllowUnencrypted' -Value 'true'|Auth\\Basic' -Value 'true'/);
      expect(all, key).not.toMatch(/TrustedHosts[^\n]*'\*'/);
      const inventory = parseYaml(rec.ansible.inventory) as Inventory;
      const admin = inventory.all.children.psremoting_targets.vars.psremoting_admin_subnet as string[];
      for (const refused of REFUSED_REMOTE_ADDRESSES) expect(admin, key).not.toContain(refused);
      // Every firewall rule takes its addresses from psremoting_admin_subnet, and nothing else.
      const [play] = parseYaml(rec.ansible.playbook) as Play[];
      let rules = 0;
      for (const task of allTasks(play as Play)) {
        const win = task['ansible.windows.win_powershell'] as { script: string; parameters?: Record<string, string> } | undefined;
        if (win?.script.includes('Set-GuideFirewallRule -Name')) {
          rules += 1;
          expect(win.parameters?.AdminSubnet, key).toBe('{{ psremoting_admin_subnet }}');
        }
        const ufw = task['community.general.ufw'] as Record<string, unknown> | undefined;
        const firewalld = task['ansible.posix.firewalld'] as Record<string, unknown> | undefined;
        if (ufw && !ufw.delete) {
          rules += 1;
          expect([ufw.from_ip, task.loop], key).toEqual(['{{ item }}', '{{ psremoting_admin_subnet }}']);
        }
        if (firewalld?.rich_rule) {
          rules += 1;
          expect(task.loop, key).toBe('{{ psremoting_admin_subnet }}');
          expect(firewalld.rich_rule, key).toContain('source address="{{ item }}"');
        }
        expect(Object.keys(task), key).not.toContain('community.windows.win_firewall_rule');
      }
      expect(rules, key).toBeGreaterThan(0);
    }
  });

  test('the distinct playbooks (without the header, which names the permalink) are few', () => {
    const bodies = new Set(paths.map(({ rec }) => rec.ansible.playbook.slice(rec.ansible.playbook.indexOf('\n---\n'))));
    expect(bodies.size).toBeGreaterThan(10);
    expect(bodies.size).toBeLessThan(paths.length);
  });
});

describe('hostile values stay data', () => {
  const base = recommend({ platform: 'mixed', network: 'public', who: 'admins', hop: 'none' });
  const hostileSubnets = ["10.0.0.0/8'\n- hosts: all", '{{ lookup("pipe", "id") }}', '"; rm -rf / #', 'a: b\n  c: [d]'];
  const models: ScriptModel[] = [];
  for (const answers of [{ platform: 'mixed', network: 'public', who: 'admins', hop: 'none' }, { platform: 'windows', domain: 'workgroup', pki: 'selfsigned', network: 'public', who: 'delegated', hop: 'none' }] as const) {
    const rec = recommend(answers);
    for (const host of [...HOSTILE_HOSTS.map(([value]) => value), '{{ lookup("pipe", "id") }}', 'srv01\n  ansible_connection: local']) {
      models.push({
        ...rec,
        hosts: { target: { value: host, kind: 'dns', isExample: false } },
        firewall: { ...rec.firewall, remoteAddress: { ...rec.firewall.remoteAddress, values: hostileSubnets, isExample: false } },
      });
    }
  }

  test('hostile hosts and admin addresses round-trip through the inventory, tagged !unsafe, and never reach the playbook', () => {
    expect(base.ansible.target).toBe('linux-ssh');
    for (const model of models) {
      const plan = renderAnsible(model);
      const inventory = parseYaml(plan.inventory) as Inventory;
      expect(Object.keys(inventory.all.children.psremoting_targets.hosts)).toEqual([model.hosts.target.value]);
      expect(inventory.all.children.psremoting_targets.vars.psremoting_admin_subnet).toEqual(hostileSubnets);
      expect(plan.inventory.match(/!unsafe/g)?.length ?? 0).toBeGreaterThanOrEqual(hostileSubnets.length);
      // The playbook holds no user value: it is the same text as for the path's own example values.
      const plain = recommend(model.answers);
      expect(plan.playbook).toBe(plain.ansible.playbook);
    }
  });
});
