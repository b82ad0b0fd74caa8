/**
 * The Windows plays (targets 'windows-winrm' and 'windows-ssh') proven the way the single-server
 * scripts are, for every distinct play (playbooks deduplicated by their text without the header):
 *
 * 1. Every PowerShell text a play runs (each win_powershell script) and the module emulations
 *    (tests/ansible/modules/) parse with 0 errors in PowerShell's own parser (Parse-Scripts.ps1,
 *    one process).
 * 2. The play runs on a simulated Windows server (tests/powershell/sim), task by task as Ansible
 *    runs it (windows-play-emulator.ts), with the example inventory filled as the simulation tests
 *    fill the scripts' "Edit these values" (simulation-context.ts), Ansible connected from the
 *    admin address over the listener the inventory names (a remote session: $PSSenderInfo):
 *    a. stock server: check mode first (changes nothing, no task fails); then applied (an HTTPS
 *       path's first run goes over HTTP, as the inventory says, and may end asking for a run over
 *       HTTPS; that run follows). The final state holds every setting the single-server target
 *       script's run holds on the same path, nothing forbidden, and equals that run's state apart
 *       from the guide's backup folder (the play keeps no rollback log) and Ansible's temporary
 *       folder; WinRM is not left waiting for a restart (JEA registers with -NoServiceRestart).
 *    b. applied again: every task unchanged, the state unchanged;
 *    c. check mode on the configured server: every task unchanged, the state unchanged;
 *    d. each example value left in the inventory stops the play before any change when the
 *       single-server script stops on the same value.
 *
 * The plays run in one pwsh process per core (Invoke-WindowsPlaySim.ps1, a request loop), all
 * plays of a process one after another. Under CI=true a missing pwsh fails (describePwsh).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import type { Answers } from '../../src/core/model';
import { recommend } from '../../src/core/recommend';
import { allCompleteAnswers, answersKey } from '../../src/core/testing/answers';
import { describePwsh, runPwshFile } from '../powershell/pwsh';
import { checkSetting, differences, forbidden, unreachableBecause, withoutFolders, BACKUP_ROOT, TRANSFER_FOLDER, type Snapshot } from '../powershell/simulation-checks';
import { editableVariables, fillScript, hostSpecs, hostVariants, isExampleCode, jeaGmsa, jeaGroup, makeContext, type PathContext } from '../powershell/simulation-context';
import { runPlan } from '../powershell/simulation-programs';
import { resolve, UnsafeText } from './jinja';
import { embeddedPowerShell, moduleEmulations, parseAnsibleYaml, runPlay, SimWorker, type PlayRunResult, type Session, type TaskRecord } from './windows-play-emulator';

/* eslint-disable @typescript-eslint/no-explicit-any */

interface DistinctPlay {
  index: number;
  answers: Answers;
  keys: string[];
  playbook: string;
}

function distinctWindowsPlays(): DistinctPlay[] {
  const byBody = new Map<string, DistinctPlay>();
  for (const answers of allCompleteAnswers()) {
    const rec = recommend(answers);
    if (rec.ansible.target !== 'windows-winrm' && rec.ansible.target !== 'windows-ssh') continue;
    const text = rec.ansible.playbook;
    const body = text.slice(text.indexOf('\n---\n'));
    const seen = byBody.get(body);
    if (seen) seen.keys.push(answersKey(answers));
    else byBody.set(body, { index: byBody.size + 1, answers, keys: [answersKey(answers)], playbook: text });
  }
  return [...byBody.values()];
}

/** Ansible's own temporary folders (ansible-moduletmp-*): not an effect of the play. */
const ANSIBLE_TMP = 'C:\\Windows\\Temp';

/** Files' creation order (Seq) is left out: the play copies its input file at another moment than the user does. */
function comparable(s: Snapshot, extra: string[] = []): Snapshot {
  const copy = withoutFolders(s, [ANSIBLE_TMP, ...extra]);
  for (const f of Object.values<any>(copy.Files ?? {})) delete f.Seq;
  return copy;
}

/**
 * Certificates a run created (not in the stock snapshot) named by their order instead of their
 * thumbprint and key container, with dates only: a self-signed certificate made by the play and
 * one made by the script a simulated minute apart are the same certificate for this comparison.
 */
function withNewCertificatesNamed(s: Snapshot, stock: Snapshot): Snapshot {
  let json = JSON.stringify(s);
  const stockThumbs = new Set(Object.values<any>(stock.Certificates ?? {}).flatMap((store) => Object.keys(store)));
  const created: { thumb: string; order: string }[] = [];
  for (const [store, certs] of Object.entries<any>(s.Certificates ?? {})) {
    for (const [thumb, c] of Object.entries<any>(certs)) if (!stockThumbs.has(thumb)) created.push({ thumb, order: `${store}|${c.Subject}|${JSON.stringify(c.Eku)}` });
  }
  created.sort((a, b) => a.order.localeCompare(b.order));
  created.forEach((c, i) => (json = json.replaceAll(c.thumb, `CREATED-CERTIFICATE-${i + 1}`)));
  for (const certs of Object.values<any>(s.Certificates ?? {})) {
    for (const [thumb, c] of Object.entries<any>(certs)) if (!stockThumbs.has(thumb)) json = json.replaceAll(`"${c.SerialNumber}"`, '"serial of a created certificate"');
  }
  const stockKeys = new Set(Object.keys(stock.KeyContainers ?? {}));
  const copy = JSON.parse(json) as Snapshot;
  const keys = Object.entries<any>(copy.KeyContainers ?? {})
    .filter(([k]) => !stockKeys.has(k))
    .sort((a, b) => `${a[1].Store}|${a[1].Thumbprint}`.localeCompare(`${b[1].Store}|${b[1].Thumbprint}`));
  keys.forEach(([k], i) => (json = json.replaceAll(`"${k}"`, `"CREATED-KEY-${i + 1}"`)));
  return JSON.parse(json.replace(/"(NotBefore|NotAfter)":"(\d{4}-\d{2}-\d{2})T[^"]*"/g, '"$1":"$2"')) as Snapshot;
}

/** The copy of sshd_config the play keeps next to it when it changes it (the play has no backup folder). */
const SSHD_CONFIG_COPY = /^C:\\PROGRAMDATA\\SSH\\SSHD_CONFIG\.\d{8}-\d{6}\.BAK$/;

function withoutSshdConfigCopies(s: Snapshot): Snapshot {
  const copy = structuredClone(s);
  for (const k of Object.keys(copy.Files ?? {})) if (SSHD_CONFIG_COPY.test(k)) delete copy.Files[k];
  return copy;
}

interface PlayReport {
  title: string;
  fatal?: string;
  parse: string[];
  stock: string[];
  rerun: string[];
  check: string[];
  examples: string[];
  tasksRun: number;
  runs: string[];
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

function setVariable(text: string, name: string, code: string): string {
  return text.replace(new RegExp(`^\\$${name} = .*$`, 'm'), () => `$${name} = ${code}`);
}

function summary(r: PlayRunResult): string {
  return r.tasks.map((t) => `${t.handler ? 'handler ' : ''}${t.status}: ${t.name}${t.items ? ` [${t.items.join(', ')}]` : ''}`).join('\n    ');
}

function describeStop(t: TaskRecord | undefined): string {
  return t ? `${t.status} at "${t.name}": ${t.message ?? ''}${t.detail ? `\n      ${t.detail}` : ''}` : 'completed';
}

const RECONNECT_TASK = 'Stop here when a step was left out because this play is connected through what it closes';

/** Inventory variable <- the target script's edit-block variable it stands for. */
const INVENTORY_OF: Record<string, string> = {
  Target: 'inventory_hostname',
  AdminSubnet: 'psremoting_admin_subnet',
  JeaGroup: 'psremoting_jea_group',
  JeaGmsa: 'psremoting_jea_gmsa',
  CertificateTemplate: 'psremoting_certificate_template',
  MappedUser: 'psremoting_mapped_user',
  ClientCertificateThumbprint: 'psremoting_client_certificate_thumbprint',
};

async function playScenario(w: SimWorker, p: DistinctPlay, tamper?: (play: any) => void): Promise<PlayReport> {
  const ctx: PathContext = makeContext(p.answers, hostVariants(p.answers)[0]!);
  const report: PlayReport = { title: `play ${p.index} (${p.keys.length} paths, e.g. ${p.keys[0]})`, parse: [], stock: [], rerun: [], check: [], examples: [], tasksRun: 0, runs: [] };
  const rec = ctx.rec;
  const ssh = rec.ansible.target === 'windows-ssh';
  const play = parseAnsibleYaml(rec.ansible.playbook)[0];
  tamper?.(play);
  const id = (s: string) => `p${p.index}-${s}`;
  const specs = hostSpecs(ctx);
  // Over SSH Ansible needs a running sshd to reach the server: OpenSSH Server is there already
  // (Windows Server 2025 ships it), for the play and for the single-server script alike.
  if (ssh) specs.server!.Variants = [...(specs.server!.Variants ?? []), 'OpenSSHServer'];
  await w.request({ op: 'newHost', id: id('stock'), spec: specs.server });
  await w.request({ op: 'newHost', id: id('client'), spec: specs.client });

  // The client scripts the run order puts before the target (they export the client certificate).
  for (const step of runPlan(ctx)) {
    if (step.role === 'target') break;
    if (step.role !== 'client') continue;
    const r = await w.request({ op: 'script', id: id('client'), text: fillScript(ctx, 'client').text });
    if (r.outcome !== 'Success') throw new Error(`the client script failed: ${r.outcome}: ${r.message} (line ${r.line}: ${r.lineText})`);
  }

  // The single-server target script on a copy of the stock server.
  const runTarget = async (hostId: string, options: { keep?: string } = {}) => {
    const filled = fillScript(ctx, 'target', options);
    let text = filled.text;
    for (const c of filled.copies) await w.request({ op: 'copyFile', from: id('client'), to: hostId, fileName: c.leaf, toPath: c.toPath });
    for (const t of filled.thumbprints) {
      const a = await w.request({ op: 'thumbprint', id: hostId, path: t.file });
      if (a.thumbprint) text = setVariable(text, t.variable, q(a.thumbprint));
    }
    return w.request({ op: 'script', id: hostId, text });
  };
  await w.request({ op: 'copyHost', from: id('stock'), to: id('ref') });
  const refRun = await runTarget(id('ref'));
  if (refRun.outcome !== 'Success') throw new Error(`the single-server target script failed: ${refRun.outcome}: ${refRun.message} (line ${refRun.line}: ${refRun.lineText})`);
  const snap = async (host: string) => JSON.parse((await w.request({ op: 'snapshot', id: host })).snapshot!) as Snapshot;
  const refSnap = await snap(id('ref'));
  const stockSnap = await snap(id('stock'));
  const clientSnap = await snap(id('client'));

  // The inventory, filled as a user would.
  const inventory = parseAnsibleYaml(rec.ansible.inventory).all.children.psremoting_targets;
  const exampleInventory = parseAnsibleYaml(ctx.recExample.ansible.inventory).all.children.psremoting_targets;
  const hostsOf = (inv: any) => Object.keys(inv.hosts);
  expect(hostsOf(inventory)).toEqual([ctx.target]);
  const vars: Record<string, unknown> = { ...inventory.vars };
  vars.psremoting_admin_subnet = [new UnsafeText(ctx.adminSubnet)];
  if ('psremoting_jea_group' in vars) vars.psremoting_jea_group = new UnsafeText(jeaGroup(ctx));
  if ('psremoting_jea_gmsa' in vars) vars.psremoting_jea_gmsa = new UnsafeText(jeaGmsa(ctx));
  if ('psremoting_mapped_user_password' in vars) vars.vault_psremoting_mapped_user_password = 'Sim-Passw0rd!';
  if ('psremoting_client_certificate_thumbprint' in vars) {
    const a = await w.request({ op: 'thumbprint', id: id('client'), fileName: 'PSRemotingGuide-client.cer' });
    if (!a.thumbprint) throw new Error('the client script exported no PSRemotingGuide-client.cer');
    vars.psremoting_client_certificate_thumbprint = a.thumbprint;
  }
  // An HTTPS path's first run goes over HTTP (the inventory's comment): -e ansible_port=5985 -e ansible_winrm_scheme=http.
  const https = !ssh && inventory.vars.ansible_winrm_scheme === 'https';
  const firstRun: Record<string, string> = https ? { ansible_port: '5985', ansible_winrm_scheme: 'http' } : {};
  const controllerFiles = new Map<string, string>();

  const reachable = (hostId: string) => async (session: Session | null, v: Record<string, unknown>): Promise<string | null> => {
    const server = await snap(hostId);
    const how = session ? { transport: session.Transport.toLowerCase(), port: session.Port } : { transport: 'ssh', port: 22 };
    // Ansible authenticates as the inventory says (Kerberos, or NTLM through Negotiate), whatever the clients use.
    const authentication = v.ansible_winrm_transport === 'kerberos' ? 'kerberos' : 'ntlm-trustedhosts';
    const why = unreachableBecause({ ...ctx, rec: { ...ctx.rec, transport: how.transport, port: how.port, authentication } as any }, server);
    if (why) return why;
    // Over HTTPS with a self-signed certificate, Ansible trusts the file the play saved on the controller.
    if (session?.Transport === 'HTTPS' && v.ansible_winrm_ca_trust_path !== undefined) {
      const path = String(resolve(v.ansible_winrm_ca_trust_path, { ...v, inventory_hostname: ctx.target, playbook_dir: '/controller/playbook' }));
      const pem = controllerFiles.get(path);
      if (!pem) return `no certificate at the trust path ${path} on the controller`;
      const listener = ([] as any[]).concat(server.WSMan.Listeners ?? []).find((l) => l.Transport === 'HTTPS');
      const saved = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64').toString('ascii');
      if (saved !== `SIMCERT ${listener?.CertificateThumbprint}`) return `the trust path ${path} holds "${saved}", the HTTPS listener uses ${listener?.CertificateThumbprint}`;
    }
    return null;
  };

  const run = async (hostId: string, label: string, options: { checkMode?: boolean; extraVars?: Record<string, string>; inventoryVars?: Record<string, unknown>; hostname?: string } = {}) => {
    const r = await runPlay({
      worker: w,
      hostId,
      controllerFilesHost: id('client'),
      play,
      inventoryHostname: options.hostname ?? ctx.target,
      inventoryVars: options.inventoryVars ?? vars,
      extraVars: options.extraVars,
      checkMode: options.checkMode ?? false,
      controllerAddress: ctx.adminAddress,
      controllerFiles,
      reachable: reachable(hostId),
    });
    report.tasksRun += r.tasks.filter((t) => t.status !== 'skipped').length;
    report.runs.push(`${label}: ${describeStop(r.stoppedAt)}\n    ${summary(r)}`);
    return r;
  };
  const failedTasks = (r: PlayRunResult) => r.tasks.filter((t) => t.status === 'failed' || t.status === 'unreachable');
  const changedTasks = (r: PlayRunResult) => r.tasks.filter((t) => t.status === 'changed');

  // (c, stock) Check mode on the stock server: no task fails, nothing changes.
  await w.request({ op: 'copyHost', from: id('stock'), to: id('check0') });
  const check0 = await run(id('check0'), 'check mode on the stock server', { checkMode: true, extraVars: firstRun });
  const check0Failed = failedTasks(check0).filter((t) => !(t.name === RECONNECT_TASK && https));
  if (check0Failed.length) report.check.push(`check mode on the stock server: ${describeStop(check0Failed[0])}`);
  const d0 = differences(comparable(stockSnap), comparable(await snap(id('check0'))));
  if (d0.length) report.check.push(`check mode on the stock server changed the state:\n    ${d0.join('\n    ')}`);

  // (a) Applied on the stock server.
  await w.request({ op: 'copyHost', from: id('stock'), to: id('apply') });
  const first = await run(id('apply'), https ? 'apply over HTTP (first run)' : 'apply', { extraVars: firstRun });
  const hasReconnect = (play.tasks as any[]).some((t) => t.name === RECONNECT_TASK);
  const expectStop = https && hasReconnect;
  const firstFailures = failedTasks(first).filter((t) => !(expectStop && t.name === RECONNECT_TASK));
  if (firstFailures.length) report.stock.push(`${https ? 'the first run (over HTTP)' : 'the run'} failed: ${describeStop(firstFailures[0])}`);
  if (expectStop && first.stoppedAt?.name !== RECONNECT_TASK) report.stock.push(`the first run over HTTP should end asking for a run over HTTPS; it ended: ${describeStop(first.stoppedAt)}`);
  let pendingRestart = first.handlersLost.includes('Restart WinRM');
  let last = first;
  if (https && !firstFailures.length) {
    const second = await run(id('apply'), 'apply over HTTPS (second run)');
    if (second.stoppedAt) report.stock.push(`the second run (over HTTPS) failed: ${describeStop(second.stoppedAt)}`);
    if (second.handlersRun.includes('Restart WinRM')) pendingRestart = false;
    if (second.handlersLost.includes('Restart WinRM')) pendingRestart = true;
    last = second;
  }
  if (pendingRestart) report.stock.push('the JEA endpoint was registered with -NoServiceRestart but WinRM was never restarted: the play failed before its handlers ran, and later runs (unchanged) notify nothing');
  const applied = await snap(id('apply'));
  const snaps = { server: applied, client: clientSnap };
  const refSnaps = { server: refSnap, client: clientSnap };
  for (const s of rec.settings) {
    if (s.appliedBy !== 'target') continue;
    if (checkSetting(ctx, s, refSnaps) !== null) continue; // not applied by a single run of the script either
    const problem = checkSetting(ctx, s, snaps);
    if (problem) report.stock.push(`setting ${s.id} (${s.name}): ${problem}`);
  }
  for (const problem of forbidden(ctx, { server: applied }, new Set(['server']))) report.stock.push(`forbidden: ${problem}`);
  const sshdCopies = Object.keys(applied.Files ?? {}).filter((k) => SSHD_CONFIG_COPY.test(k));
  if (sshdCopies.length > 1) report.stock.push(`more than one copy of sshd_config: ${sshdCopies.join(', ')}`);
  // The client certificate the play copies to the server is the file a user copies before running the script.
  const copied = typeof vars.psremoting_client_certificate_remote_path === 'string' ? [vars.psremoting_client_certificate_remote_path] : [];
  const diff = differences(
    withNewCertificatesNamed(comparable(refSnap, [BACKUP_ROOT, TRANSFER_FOLDER]), stockSnap),
    withNewCertificatesNamed(withoutSshdConfigCopies(comparable(applied, [BACKUP_ROOT, TRANSFER_FOLDER, ...copied])), stockSnap),
    30,
  );
  if (diff.length) report.stock.push(`the state differs from the single-server target script's:\n    ${diff.join('\n    ')}`);

  // (b) Applied again: nothing changes.
  if (!report.stock.length || !last.stoppedAt) {
    const again = await run(id('apply'), 'apply again');
    if (again.stoppedAt) report.rerun.push(`the run failed: ${describeStop(again.stoppedAt)}`);
    if (changedTasks(again).length) report.rerun.push(`tasks report a change: ${changedTasks(again).map((t) => t.name).join('; ')}`);
    const d = differences(comparable(applied), comparable(await snap(id('apply'))));
    if (d.length) report.rerun.push(`the state changed:\n    ${d.join('\n    ')}`);
    // (c) Check mode on the configured server.
    const check = await run(id('apply'), 'check mode on the configured server', { checkMode: true });
    if (check.stoppedAt) report.check.push(`check mode on the configured server failed: ${describeStop(check.stoppedAt)}`);
    if (changedTasks(check).length) report.check.push(`check mode on the configured server reports changes: ${changedTasks(check).map((t) => t.name).join('; ')}`);
    const dc = differences(comparable(applied), comparable(await snap(id('apply'))));
    if (dc.length) report.check.push(`check mode changed the state:\n    ${dc.join('\n    ')}`);
  }

  // (d) Example values left in the inventory.
  const exampleTarget = ctx.recExample.scripts.target;
  for (const v of editableVariables(exampleTarget)) {
    if (!isExampleCode(v.code)) continue;
    const inventoryName = INVENTORY_OF[v.name];
    if (!inventoryName) {
      report.examples.push(`the target script's example value $${v.name} has no inventory counterpart known to this test`);
      continue;
    }
    // The script with that value left in, on a stock server.
    await w.request({ op: 'copyHost', from: id('stock'), to: id('exscript') });
    const scriptRun = await runTarget(id('exscript'), { keep: v.name });
    const scriptStopped = scriptRun.outcome !== 'Success' && differences(comparable(stockSnap, [BACKUP_ROOT, TRANSFER_FOLDER]), comparable(await snap(id('exscript')), [BACKUP_ROOT, TRANSFER_FOLDER]), 1).length === 0;
    if (!scriptStopped) continue;
    const exVars = { ...vars };
    let hostname = ctx.target;
    if (inventoryName === 'inventory_hostname') hostname = hostsOf(exampleInventory)[0]!;
    else exVars[inventoryName] = exampleInventory.vars[inventoryName];
    await w.request({ op: 'copyHost', from: id('stock'), to: id('explay') });
    const r = await run(id('explay'), `example value ${inventoryName} left in`, { extraVars: firstRun, inventoryVars: exVars, hostname });
    const d = differences(comparable(stockSnap), comparable(await snap(id('explay')), copied));
    if (!r.stoppedAt) report.examples.push(`${inventoryName} = the example value: the play did not stop (the script does)`);
    if (d.length) report.examples.push(`${inventoryName} = the example value: the play changed the server:\n    ${d.join('\n    ')}`);
  }
  return report;
}

describePwsh('the Windows plays on simulated Windows hosts', (pwsh) => {
  // WINPLAYS_FILTER=<substrings of an answers key, separated by |> runs the plays of the matching paths only.
  const filter = process.env.WINPLAYS_FILTER;
  const allPlays = distinctWindowsPlays();
  const plays = filter ? allPlays.filter((p) => p.keys.some((k) => filter.split('|').some((f) => k.includes(f)))) : allPlays;
  const reports = new Map<number, PlayReport>();
  let parseErrors: string[] = [];
  let parsedCount = 0;
  let seconds = 0;
  let control: PlayReport | undefined;

  beforeAll(async () => {
    // 1. PowerShell's own parser, one process for every text.
    const texts = new Map<string, string>();
    for (const p of plays) for (const s of embeddedPowerShell(parseAnsibleYaml(p.playbook)[0])) if (!texts.has(s.text)) texts.set(s.text, `play ${p.index}: ${s.task}`);
    for (const s of moduleEmulations()) texts.set(s.text, `module emulation ${s.task}`);
    const work = mkdtempSync(join(tmpdir(), 'winplays-parse-'));
    try {
      const list = [...texts.entries()];
      writeFileSync(join(work, 'in.json'), JSON.stringify(list.map(([text], i) => ({ id: String(i), text }))));
      const r = await runPwshFile(pwsh, join(import.meta.dirname, '..', 'powershell', 'Parse-Scripts.ps1'), ['-InputPath', join(work, 'in.json'), '-OutputPath', join(work, 'out.json')]);
      if (r.code !== 0) throw new Error(`Parse-Scripts.ps1 failed: ${r.stderr || r.stdout}`);
      const results = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8').replace(/^\uFEFF/, '')) as { id: string; errors: { line: number; column: number; message: string }[]; statements: number }[];
      parsedCount = results.length;
      parseErrors = results.filter((x) => x.errors.length > 0 || x.statements < 1).map((x) => `${list[Number(x.id)]![1]}: ${x.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ') || 'no statement'}`);
      if (results.length !== list.length) parseErrors.push(`parsed ${results.length} of ${list.length} texts`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }

    // 2. The runs, one pwsh process per core.
    const started = Date.now();
    const processes = Math.max(1, Math.min(availableParallelism(), 4));
    const queue = [...plays].sort((a, b) => b.playbook.length - a.playbook.length);
    await Promise.all(
      Array.from({ length: processes }, async () => {
        const worker = new SimWorker(pwsh);
        try {
          for (let p = queue.shift(); p; p = queue.shift()) {
            try {
              const t0 = Date.now();
              reports.set(p.index, await playScenario(worker, p));
              if (process.env.WINPLAYS_VERBOSE) console.info(`play ${p.index}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
            } catch (e) {
              reports.set(p.index, { title: `play ${p.index} (e.g. ${p.keys[0]})`, fatal: (e as Error).stack ?? String(e), parse: [], stock: [], rerun: [], check: [], examples: [], tasksRun: 0, runs: [] });
            }
          }
        } finally {
          if (process.env.WINPLAYS_VERBOSE) console.info(`worker: ${[...worker.time].map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
          await worker.close();
        }
      }),
    );
    seconds = (Date.now() - started) / 1000;
    // The control: a play that removes the HTTP listener while connected through it must fail these checks.
    const risky = allPlays.find((p) => p.playbook.includes('Remove the HTTP listener (5985)'));
    if (risky) {
      const worker = new SimWorker(pwsh);
      try {
        control = await playScenario(worker, { ...risky, index: 0 }, (play) => {
          const task = (play.tasks as any[]).find((t) => String(t.name).startsWith('Remove the HTTP listener'));
          delete task.when;
        }).catch((e: Error) => ({ fatal: e.message }) as PlayReport);
      } finally {
        await worker.close();
      }
    }
    const tasks = [...reports.values()].reduce((n, r) => n + r.tasksRun, 0);
    if (process.env.WINPLAYS_VERBOSE) for (const r of reports.values()) console.info(`${r.title}\n  ${r.runs.join('\n  ')}`);
    console.info(`[windows plays] ${plays.length} distinct plays, ${parsedCount} PowerShell texts parsed, ${tasks} tasks run in ${seconds.toFixed(1)} s on ${processes} pwsh processes`);
  }, 1_800_000);

  test('covers every Windows path', () => {
    const paths = allPlays.reduce((n, p) => n + p.keys.length, 0);
    const windows = allCompleteAnswers().filter((a) => recommend(a).ansible.target !== 'linux-ssh').length;
    expect(paths).toBe(windows);
    expect(allPlays.some((p) => recommend(p.answers).ansible.target === 'windows-ssh')).toBe(true);
  });

  test('every embedded PowerShell text parses with 0 errors', () => {
    for (const p of plays) expect(embeddedPowerShell(parseAnsibleYaml(p.playbook)[0]).length, `play ${p.index}`).toBeGreaterThanOrEqual(3);
    expect(parsedCount).toBeGreaterThan(moduleEmulations().length);
    expect(parseErrors).toEqual([]);
  });

  test('the control: without its when:, removing the HTTP listener over HTTP cuts the play off and fails the checks', () => {
    expect(control, 'no play removes the HTTP listener').toBeDefined();
    expect(control!.fatal).toBeUndefined();
    expect(control!.stock.join('\n')).toMatch(/unreachable at "Remove the HTTP listener/);
  });

  const check = (part: 'stock' | 'rerun' | 'check' | 'examples') => (p: DistinctPlay) => {
    const r = reports.get(p.index);
    if (!r) throw new Error('not run');
    if (r.fatal) throw new Error(`${r.title}: ${r.fatal}`);
    if (r[part].length) throw new Error(`${r.title}\n  ${r[part].join('\n  ')}\n  runs:\n  ${r.runs.join('\n  ')}`);
  };
  const name = (p: DistinctPlay) => `play ${p.index}`;
  test.each(plays.map((p) => [name(p), p] as const))('%s: on a stock server, the state of the single-server target script', (_n, p) => check('stock')(p));
  test.each(plays.map((p) => [name(p), p] as const))('%s: applied again, nothing changes', (_n, p) => check('rerun')(p));
  test.each(plays.map((p) => [name(p), p] as const))('%s: check mode changes nothing', (_n, p) => check('check')(p));
  test.each(plays.map((p) => [name(p), p] as const))('%s: example values stop the play before any change', (_n, p) => check('examples')(p));
});
