/**
 * Runs a Windows play (playbook.yml of a 'windows-winrm' or 'windows-ssh' path) on a simulated
 * Windows host, doing what Ansible does for each task (tests/ansible/windows-plays.test.ts):
 *
 * - tasks in order; `when:` (evaluated per loop item), `loop:`, `register:`, `changed_when: false`,
 *   `notify:`; handlers at the end of the play, after a failed task only with `force_handlers: true`
 *   (Ansible's rule); a failed task ends the play for the host;
 * - task arguments templated with the inventory variables (jinja.ts; `!unsafe` values never are);
 * - ansible.windows.win_powershell through Invoke-WindowsPlaySim.ps1 (the module's own way of
 *   running a script: fresh $Ansible, parameters splatted, -WhatIf in check mode); win_regedit,
 *   win_reg_stat, win_service and win_certificate_store through the PowerShell emulations in
 *   tests/ansible/modules/, run the same way on the simulated host's shadows; win_copy copies the
 *   controller's file (the one the client script exported on the simulated admin client);
 *   builtin assert, set_fact, debug, fail, copy (on the controller) and wait_for_connection.
 *
 * Ansible's connection is a remote session over the listener the inventory names ($PSSenderInfo in
 * the simulation), so a task that removes that listener or restarts WinRM under it loses the
 * session. Anything else in a play (another module, keyword or Jinja construct) throws.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { evalCondition, resolve, UnsafeText, type Vars } from './jinja';

/* eslint-disable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------------------------------------
// The PowerShell process

export interface PsAnswer {
  outcome?: string;
  message?: string;
  line?: number;
  lineText?: string;
  sessionLost?: string | null;
  unknown?: string[];
  output?: string[];
  changed?: boolean;
  failed?: boolean;
  result?: any;
  calls?: string[];
  snapshot?: string;
  thumbprint?: string | null;
  ok?: boolean;
  error?: string;
}

const SERVER_SCRIPT = join(import.meta.dirname, 'Invoke-WindowsPlaySim.ps1');

/** One pwsh process running Invoke-WindowsPlaySim.ps1: requests are answered in order. */
export class SimWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private readonly waiting: { resolve: (a: PsAnswer) => void; reject: (e: Error) => void }[] = [];
  private stderr = '';
  requests = 0;

  constructor(pwsh: string) {
    this.child = spawn(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', SERVER_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => {
      this.buffer += d;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl).replace(/\r$/, '');
        this.buffer = this.buffer.slice(nl + 1);
        if (!line.startsWith('@@')) continue;
        this.waiting.shift()?.resolve(JSON.parse(line.slice(2)) as PsAnswer);
      }
    });
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.child.on('close', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`Invoke-WindowsPlaySim.ps1 exited (${code}): ${this.stderr}`));
    });
  }

  /** Milliseconds spent per request kind (WINPLAYS_VERBOSE prints them). */
  readonly time = new Map<string, number>();

  request(body: Record<string, unknown>): Promise<PsAnswer> {
    this.requests++;
    const t0 = Date.now();
    const kind = String(body.op);
    return new Promise((resolvePromise, reject) => {
      this.waiting.push({
        resolve: (a) => {
          this.time.set(kind, (this.time.get(kind) ?? 0) + Date.now() - t0);
          if (a.error) reject(new Error(`${kind}: ${a.error}`));
          else resolvePromise(a);
        },
        reject,
      });
      this.child.stdin.write(`${JSON.stringify(body)}\n`);
    });
  }

  async close(): Promise<void> {
    await this.request({ op: 'exit' }).catch(() => undefined);
    this.child.stdin.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Playbooks and inventories as Ansible reads them

/** YAML with Ansible's !unsafe tag kept as UnsafeText (never templated). */
export function parseAnsibleYaml(text: string): any {
  return parse(text, { customTags: [{ tag: '!unsafe', resolve: (s: string) => new UnsafeText(s) }] });
}

const MODULE_SCRIPTS: Record<string, { file: string; args: Record<string, string> }> = {
  'ansible.windows.win_regedit': { file: 'win_regedit.ps1', args: { path: 'Path', name: 'Name', data: 'Data', type: 'Type', state: 'State' } },
  'ansible.windows.win_reg_stat': { file: 'win_reg_stat.ps1', args: { path: 'Path', name: 'Name' } },
  'ansible.windows.win_service': { file: 'win_service.ps1', args: { name: 'Name', start_mode: 'StartMode', state: 'State' } },
  'ansible.windows.win_certificate_store': { file: 'win_certificate_store.ps1', args: { path: 'Path', store_location: 'StoreLocation', store_name: 'StoreName', state: 'State' } },
};

const moduleText = new Map<string, string>();
function moduleScript(file: string): string {
  let t = moduleText.get(file);
  if (!t) {
    t = readFileSync(join(import.meta.dirname, 'modules', file), 'utf8');
    moduleText.set(file, t);
  }
  return t;
}

/** The texts a play runs in PowerShell (win_powershell scripts), with the task names. */
export function embeddedPowerShell(play: any): { task: string; text: string }[] {
  const out: { task: string; text: string }[] = [];
  for (const t of [...(play.tasks ?? []), ...(play.handlers ?? [])]) {
    const args = t['ansible.windows.win_powershell'];
    if (args) out.push({ task: t.name, text: args.script instanceof UnsafeText ? args.script.text : String(args.script) });
  }
  return out;
}

export function moduleEmulations(): { task: string; text: string }[] {
  return Object.entries(MODULE_SCRIPTS).map(([m, s]) => ({ task: m, text: moduleScript(s.file) }));
}

// ---------------------------------------------------------------------------------------------
// Running a play

export interface Session {
  ConnectionString: string;
  Transport: 'HTTP' | 'HTTPS';
  Port: number;
  ClientAddress: string;
}

export interface TaskRecord {
  name: string;
  module: string;
  status: 'ok' | 'changed' | 'skipped' | 'failed' | 'unreachable';
  /** For a loop, one entry per item. */
  items?: string[];
  message?: string;
  detail?: string;
  handler?: boolean;
}

export interface PlayRunResult {
  tasks: TaskRecord[];
  /** The task that ended the play (failed or unreachable), if any. */
  stoppedAt?: TaskRecord;
  handlersRun: string[];
  /** Handlers notified but not run (the play failed first). */
  handlersLost: string[];
}

export interface RunOptions {
  worker: SimWorker;
  /** The simulated server the play runs on. */
  hostId: string;
  /** The simulated admin client: the controller's files/ come from there (win_copy src). */
  controllerFilesHost: string;
  play: any;
  inventoryHostname: string;
  /** Group vars of the inventory (parsed, !unsafe kept). */
  inventoryVars: Record<string, unknown>;
  /** -e key=value (strings, as on the command line). */
  extraVars?: Record<string, string>;
  checkMode: boolean;
  /** Where Ansible connects from. */
  controllerAddress: string;
  /** The controller's file system (copy on the controller); kept between runs. */
  controllerFiles: Map<string, string>;
  /** Is the connection the vars describe reachable now? null when it is (checked before the play and by wait_for_connection). */
  reachable: (session: Session | null, vars: Vars) => Promise<string | null>;
}

const TASK_KEYS = new Set(['name', 'when', 'loop', 'register', 'notify', 'changed_when', 'no_log', 'delegate_to', 'become', 'async', 'poll']);
let tmpCounter = 0;

/** The session Ansible's connection is: WinRM over the listener the variables name, or none (SSH). */
export function connectionSession(vars: Vars, host: string, controllerAddress: string): Session | null {
  const connection = String(resolve(vars.ansible_connection, vars) ?? 'ssh');
  if (connection === 'ssh') return null;
  if (connection !== 'winrm') throw new Error(`connection ${connection} is not emulated`);
  const port = Number(resolve(vars.ansible_port, vars) ?? 5986);
  const scheme = String(resolve(vars.ansible_winrm_scheme, vars) ?? (port === 5985 ? 'http' : 'https'));
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return { ConnectionString: `${scheme}://${hostPart}:${port}/wsman`, Transport: scheme.toUpperCase() as 'HTTP' | 'HTTPS', Port: port, ClientAddress: controllerAddress };
}

function moduleOf(task: any): string {
  const modules = Object.keys(task).filter((k) => !TASK_KEYS.has(k));
  if (modules.length !== 1) throw new Error(`task "${task.name}": expected one module, found ${modules.join(', ') || 'none'}`);
  return modules[0]!;
}

function describeAnswer(a: PsAnswer): string {
  const where = a.line ? ` at line ${a.line}: ${a.lineText}` : '';
  const unknown = a.unknown?.length ? `; not simulated: ${a.unknown.join(', ')}` : '';
  const output = (a.output ?? []).slice(-10).map((l) => `\n    | ${l}`).join('');
  return `${a.outcome}: ${a.message}${where}${unknown}${output}`;
}

export async function runPlay(o: RunOptions): Promise<PlayRunResult> {
  const vars: Vars = {
    ...o.inventoryVars,
    ...(o.extraVars ?? {}),
    inventory_hostname: o.inventoryHostname,
    playbook_dir: '/controller/playbook',
    ansible_check_mode: o.checkMode,
  };
  const session = connectionSession(vars, o.inventoryHostname, o.controllerAddress);
  const result: PlayRunResult = { tasks: [], handlersRun: [], handlersLost: [] };
  const before = await o.reachable(session, vars);
  if (before) {
    const rec: TaskRecord = { name: '(connection)', module: 'connection', status: 'unreachable', message: before };
    result.tasks.push(rec);
    result.stoppedAt = rec;
    return result;
  }
  const notified: string[] = [];
  if (o.play.gather_facts !== false) throw new Error('the play gathers facts: not emulated');
  for (const k of Object.keys(o.play)) if (!['name', 'hosts', 'gather_facts', 'tasks', 'handlers', 'force_handlers'].includes(k)) throw new Error(`play keyword ${k} is not emulated`);

  const runTask = async (task: any, handler: boolean): Promise<TaskRecord> => {
    for (const k of Object.keys(task)) if (!TASK_KEYS.has(k) && !k.startsWith('ansible.')) throw new Error(`task "${task.name}": keyword ${k} is not emulated`);
    const module = moduleOf(task);
    const record: TaskRecord = { name: task.name, module, status: 'ok', handler };
    const conditions: string[] = task.when === undefined ? [] : Array.isArray(task.when) ? task.when : [task.when];
    const items: unknown[] | undefined = task.loop === undefined ? undefined : (resolve(task.loop, vars) as unknown[]);
    if (items !== undefined && !Array.isArray(items)) throw new Error(`task "${task.name}": loop is not a list`);
    if (task.changed_when !== undefined && task.changed_when !== false) throw new Error(`task "${task.name}": changed_when ${String(task.changed_when)} is not emulated`);
    if (task.delegate_to !== undefined && (task.delegate_to !== 'localhost' || module !== 'ansible.builtin.copy')) throw new Error(`task "${task.name}": delegate_to is emulated only for copy to localhost`);
    if (task.async !== undefined && !(handler && task.poll === 0)) throw new Error(`task "${task.name}": async is emulated only for fire-and-forget handlers`);

    const runs: { status: TaskRecord['status']; changed: boolean; registered: Record<string, unknown>; message?: string; detail?: string }[] = [];
    for (const item of items ?? [undefined]) {
      if (items) vars.item = item;
      if (!conditions.every((c) => evalCondition(c, vars))) {
        runs.push({ status: 'skipped', changed: false, registered: { changed: false, skipped: true, skip_reason: 'Conditional result was False' } });
        continue;
      }
      const args = resolve(task[module], vars) as Record<string, unknown>;
      runs.push(await runModule(module, args, task));
    }
    delete vars.item;
    const changed = task.changed_when === false ? false : runs.some((r) => r.changed);
    const failed = runs.find((r) => r.status === 'failed' || r.status === 'unreachable');
    if (failed) {
      record.status = failed.status;
      record.message = failed.message;
      record.detail = failed.detail;
    } else if (runs.every((r) => r.status === 'skipped')) record.status = 'skipped';
    else record.status = changed ? 'changed' : 'ok';
    if (items) record.items = runs.map((r) => r.status);
    if (task.register) {
      vars[task.register] = items
        ? { changed, failed: !!failed, results: runs.map((r) => r.registered), skipped: record.status === 'skipped' }
        : { ...runs[0]!.registered, changed };
    }
    if (changed && task.notify && !failed) for (const h of [task.notify].flat() as string[]) if (!notified.includes(h)) notified.push(h);
    return record;
  };

  const runModule = async (module: string, args: Record<string, unknown>, task: any): Promise<{ status: TaskRecord['status']; changed: boolean; registered: Record<string, unknown>; message?: string; detail?: string }> => {
    const ok = (changed: boolean, registered: Record<string, unknown> = {}) => ({ status: (changed ? 'changed' : 'ok') as TaskRecord['status'], changed, registered: { changed, ...registered } });
    const fail = (message: string, detail?: string) => ({ status: 'failed' as const, changed: false, registered: { failed: true, msg: message }, message, detail });
    switch (module) {
      case 'ansible.builtin.assert': {
        const that = task[module].that as string[];
        const bad = that.find((c) => !evalCondition(c, vars));
        return bad ? fail(String(args.fail_msg), `assertion failed: ${bad}`) : ok(false);
      }
      case 'ansible.builtin.set_fact':
        for (const [k, v] of Object.entries(args)) vars[k] = v;
        return ok(false);
      case 'ansible.builtin.debug':
        return ok(false, { msg: args.msg });
      case 'ansible.builtin.fail':
        return fail(String(args.msg));
      case 'ansible.builtin.copy': {
        const dest = String(args.dest);
        const content = String(args.content);
        const changed = o.controllerFiles.get(dest) !== content;
        if (changed && !o.checkMode) o.controllerFiles.set(dest, content);
        return ok(changed, { dest });
      }
      case 'ansible.builtin.wait_for_connection': {
        const why = await o.reachable(session, vars);
        return why ? { status: 'unreachable', changed: false, registered: {}, message: why } : ok(false);
      }
      case 'ansible.windows.win_copy': {
        const src = String(args.src);
        const dest = String(args.dest);
        if (!src.startsWith('files/')) throw new Error(`win_copy from ${src}: only files/ on the controller is emulated`);
        const leaf = src.slice('files/'.length);
        const found = await o.worker.request({ op: 'thumbprint', id: o.controllerFilesHost, fileName: leaf });
        if (!found.thumbprint) return fail(`Could not find or access '${src}' on the Ansible Controller.`);
        const existing = await o.worker.request({ op: 'thumbprint', id: o.hostId, path: dest });
        const changed = existing.thumbprint !== found.thumbprint;
        if (changed && !o.checkMode) {
          const copied = await o.worker.request({ op: 'copyFile', from: o.controllerFilesHost, to: o.hostId, fileName: leaf, toPath: dest });
          if (!copied.ok) return fail(`copy of ${leaf} failed`);
        }
        return ok(changed, { dest });
      }
      case 'ansible.windows.win_powershell': {
        for (const k of Object.keys(args)) if (!['script', 'parameters'].includes(k)) throw new Error(`win_powershell option ${k} is not emulated`);
        return powershell(String(args.script), (args.parameters ?? {}) as Record<string, unknown>, task.async !== undefined);
      }
      default: {
        const emulation = MODULE_SCRIPTS[module];
        if (!emulation) throw new Error(`task "${task.name}": module ${module} is not emulated`);
        const parameters: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(args)) {
          const name = emulation.args[k];
          if (!name) throw new Error(`task "${task.name}": ${module} option ${k} is not emulated`);
          parameters[name] = v;
        }
        return powershell(moduleScript(emulation.file), parameters, task.async !== undefined, module === 'ansible.windows.win_reg_stat');
      }
    }
  };

  const powershell = async (text: string, parameters: Record<string, unknown>, detached: boolean, spreadResult = false) => {
    tmpCounter++;
    const a = await o.worker.request({
      op: 'task',
      id: o.hostId,
      text,
      parameters,
      checkMode: o.checkMode,
      // A fire-and-forget (async, poll 0) task runs on the host after the connection has let go of it.
      session: detached ? null : session,
      tmpdir: `C:\\Windows\\Temp\\ansible-moduletmp-${tmpCounter}`,
    });
    if (a.outcome === 'SessionLost') return { status: 'unreachable' as const, changed: !!a.changed, registered: {}, message: a.message, detail: describeAnswer(a) };
    if (a.failed) return { status: 'failed' as const, changed: !!a.changed, registered: { failed: true }, message: a.message, detail: describeAnswer(a) };
    const changed = !!a.changed;
    const registered: Record<string, unknown> = { changed, result: a.result ?? {}, output: a.output };
    if (spreadResult) Object.assign(registered, a.result ?? {});
    return { status: (changed ? 'changed' : 'ok') as TaskRecord['status'], changed, registered };
  };

  // Handlers in the order they are defined; a handler may notify another (listed after it).
  const handlers = (o.play.handlers ?? []) as any[];
  const runHandlers = async (): Promise<TaskRecord | undefined> => {
    for (const h of handlers) {
      if (!notified.includes(h.name)) continue;
      const r = await runTask(h, true);
      result.tasks.push(r);
      result.handlersRun.push(h.name);
      if (r.status === 'failed' || r.status === 'unreachable') return r;
    }
    return undefined;
  };
  for (const task of o.play.tasks as any[]) {
    const r = await runTask(task, false);
    result.tasks.push(r);
    if (r.status === 'failed' || r.status === 'unreachable') {
      result.stoppedAt = r;
      // A failed host runs its notified handlers only with force_handlers (and never when unreachable).
      if (o.play.force_handlers === true && r.status === 'failed') await runHandlers();
      else result.handlersLost = [...notified];
      return result;
    }
  }
  const handlerFailure = await runHandlers();
  if (handlerFailure) {
    result.stoppedAt = handlerFailure;
    return result;
  }
  for (const n of notified) if (!handlers.some((h) => h.name === n)) throw new Error(`notify ${n}: no such handler`);
  return result;
}
