/**
 * Programs for the simulated hosts (tests/powershell/sim/Invoke-SimCases.ps1): for one path, the
 * steps of each scenario of issue 7 item 3. A program starts from fresh hosts; steps run a script
 * on a host (with the edit block filled as a user would), copy the file a user copies between
 * computers, apply a change made by someone else, or take a snapshot of every host.
 */
import {
  HOST_OF,
  editableVariables,
  fillScript,
  hostSpecs,
  isExampleCode,
  type HostSpec,
  type PathContext,
  type ScriptRole,
  type SimHostName,
} from './simulation-context';

export type Step =
  | { op: 'run'; host: SimHostName; label: string; text: string; thumbprints?: { variable: string; file: string }[]; session?: Session; windowsPowerShell?: boolean; repeat?: number; untilFailure?: boolean }
  | { op: 'copy'; label: string; from: SimHostName; to: SimHostName; fileName: string; toPath: string }
  | { op: 'mutate'; label: string; host: SimHostName; action: string; args?: Record<string, string | number>; alsoBaseline?: boolean }
  | { op: 'baseline' }
  | { op: 'snapshot'; label: string }
  | { op: 'snapshotBaseline'; label: string };

export interface Session {
  ConnectionString: string;
  Transport: 'HTTP' | 'HTTPS';
  Port: number;
  ClientAddress: string;
}

export interface Program {
  hosts: Partial<Record<SimHostName, HostSpec>>;
  steps: Step[];
}

/** A program and the group (path) it belongs to: programs of one group run in one process, in order, sharing prefixes. */
export interface GroupedProgram {
  group: string;
  program: Program;
}

export interface RunPlan {
  role: ScriptRole;
  host: SimHostName;
  /** 1-based: the n-th run of this script in the run order. */
  occurrence: number;
}

/** The scripts in the order the recommendation says to run them. */
export function runPlan(ctx: PathContext): RunPlan[] {
  const seen = new Map<ScriptRole, number>();
  return ctx.rec.runOrder.map((step) => {
    const role = step.script as ScriptRole;
    const n = (seen.get(role) ?? 0) + 1;
    seen.set(role, n);
    return { role, host: HOST_OF[role], occurrence: n };
  });
}

interface RunOptions {
  keep?: string;
  override?: Record<string, string>;
  session?: Session;
  windowsPowerShell?: boolean;
  label: string;
}

/** The copy steps a user does before running a script, then the run itself. */
export function runSteps(ctx: PathContext, role: ScriptRole, options: RunOptions): Step[] {
  const filled = fillScript(ctx, role, { keep: options.keep, override: options.override });
  const host = HOST_OF[role];
  const steps: Step[] = [];
  for (const c of filled.copies) {
    steps.push({ op: 'copy', label: `${options.label}:copy ${c.leaf}`, from: HOST_OF[c.from], to: host, fileName: c.leaf, toPath: c.toPath });
  }
  const run: Step = { op: 'run', host, label: options.label, text: filled.text, thumbprints: filled.thumbprints };
  if (options.session) run.session = options.session;
  if (options.windowsPowerShell) run.windowsPowerShell = true;
  steps.push(run);
  return steps;
}

/** The variables the tests cannot fill (an unknown example value): the suite fails on them. */
export function unfilledVariables(ctx: PathContext): string[] {
  const out: string[] = [];
  for (const role of ['target', 'client', 'resource'] as const) {
    if (!ctx.rec.scripts[role]) continue;
    for (const name of fillScript(ctx, role).unfilled) out.push(`${role}: $${name}`);
  }
  return out;
}

const ssh = (ctx: PathContext) => ctx.rec.transport === 'ssh';

/**
 * Every script of the run order once and, on SSH, the second target run that turns passwords off
 * once key logon works. `again` is running everything a second time with the values as they are
 * by then (the SSH target with passwords off).
 */
export function applySteps(ctx: PathContext, phase: string, extra: Partial<RunOptions> = {}, again = false): Step[] {
  const steps: Step[] = [];
  const passwordsOff = { DisablePasswordAuthentication: '$true' };
  runPlan(ctx).forEach((p, i) => {
    const override = again && ssh(ctx) && p.role === 'target' ? passwordsOff : undefined;
    steps.push(...runSteps(ctx, p.role, { ...extra, label: `${phase}:${i + 1}:${p.role}`, ...(override ? { override } : {}) }));
  });
  if (ssh(ctx) && !again) {
    steps.push(...runSteps(ctx, 'target', { ...extra, label: `${phase}:passwords-off:target`, override: passwordsOff }));
  }
  return steps;
}

/** The hosts a script ran on, in the order they were first used. */
export function usedHosts(ctx: PathContext): SimHostName[] {
  const out: SimHostName[] = [];
  for (const p of runPlan(ctx)) if (!out.includes(p.host)) out.push(p.host);
  return out;
}

function runsOn(ctx: PathContext, host: SimHostName): number {
  return runPlan(ctx).filter((p) => p.host === host).length + (ssh(ctx) && host === 'server' ? 1 : 0);
}

/** The rollback on every host a script ran on, repeated until it has nothing left to undo. */
export function rollbackSteps(ctx: PathContext, phase: string, runsPerHost: number, windowsPowerShell = false): Step[] {
  return [...usedHosts(ctx)].reverse().map((host) => {
    const step: Step = { op: 'run', host, label: `${phase}:${host}`, text: ctx.rec.scripts.rollback, repeat: runsOn(ctx, host) * runsPerHost + 1, untilFailure: true };
    if (windowsPowerShell) step.windowsPowerShell = true;
    return step;
  });
}

function withHosts(ctx: PathContext, change: (hosts: Partial<Record<SimHostName, HostSpec>>) => void = () => undefined): Partial<Record<SimHostName, HostSpec>> {
  const hosts = hostSpecs(ctx);
  change(hosts);
  return hosts;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** stock -> scripts in run order -> run again -> rollback. */
export function applyProgram(ctx: PathContext): Program {
  return {
    hosts: withHosts(ctx),
    steps: [
      ...applySteps(ctx, 'apply'),
      { op: 'snapshot', label: 'applied' },
      ...applySteps(ctx, 'rerun', {}, true),
      { op: 'snapshot', label: 'rerun' },
      ...rollbackSteps(ctx, 'rollback', 2),
      { op: 'snapshot', label: 'rolledBack' },
    ],
  };
}

/** Windows PowerShell 5.1 ($IsWindows is $null, PSEdition Desktop): apply and roll back. */
export function windowsPowerShellProgram(ctx: PathContext): Program {
  return {
    hosts: withHosts(ctx),
    steps: [...applySteps(ctx, 'apply', { windowsPowerShell: true }), { op: 'snapshot', label: 'applied' }, ...rollbackSteps(ctx, 'rollback', 1, true), { op: 'snapshot', label: 'rolledBack' }],
  };
}

/** The steps before the run under test: every earlier script of the run order. */
function prefixSteps(ctx: PathContext, upTo: number): Step[] {
  const steps: Step[] = [];
  runPlan(ctx).slice(0, upTo).forEach((p, i) => steps.push(...runSteps(ctx, p.role, { label: `prefix:${i + 1}:${p.role}` })));
  return steps;
}

/** A single run under test after its prefix (and `setup`), with snapshots just before and after it. */
export function singleRunProgram(ctx: PathContext, index: number, options: Omit<RunOptions, 'label'>, hosts = withHosts(ctx), setup: Step[] = []): Program {
  const plan = runPlan(ctx)[index];
  if (!plan) throw new Error(`no run ${index} in the run order`);
  // The files the user copies first are part of "before": only the run itself is under test.
  const run = runSteps(ctx, plan.role, { ...options, label: 'under-test' });
  return {
    hosts,
    steps: [...prefixSteps(ctx, index), ...setup, ...run.slice(0, -1), { op: 'snapshot', label: 'before' }, ...run.slice(-1), { op: 'snapshot', label: 'after' }],
  };
}

export interface ExampleCase {
  role: ScriptRole;
  variable: string;
  index: number;
}

/**
 * For each script and each variable whose rendered value (without host names) is an example
 * value: the run where that value matters. A thumbprint is checked on the first run after the
 * script that exports the file has run (before, the file is not there yet).
 */
export function exampleCases(ctx: PathContext): ExampleCase[] {
  const out: ExampleCase[] = [];
  const plan = runPlan(ctx);
  const done = new Set<string>();
  plan.forEach((p, index) => {
    const example = ctx.recExample.scripts[p.role];
    if (!example) return;
    const exporterRan = (role: ScriptRole) => plan.slice(0, index).some((x) => x.role === role);
    for (const v of editableVariables(example)) {
      if (!isExampleCode(v.code)) continue;
      const id = `${p.role}:${v.name}`;
      if (done.has(id)) continue;
      if (v.name === 'ClientCertificateThumbprint' && !exporterRan('client')) continue;
      if (v.name === 'ServerCertificateThumbprint' && !exporterRan('target')) continue;
      done.add(id);
      out.push({ role: p.role, variable: v.name, index });
    }
  });
  return out;
}

export function exampleProgram(ctx: PathContext, c: ExampleCase): Program {
  return singleRunProgram(ctx, c.index, { keep: c.variable });
}

export interface PolicyCase {
  role: ScriptRole;
  /** Group Policy values on that script's host (HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\...). */
  policy: Record<string, string | number>;
  description: string;
}

/** For each WinRM value a script would change, a Group Policy that forces the opposite. */
export function policyCases(ctx: PathContext): PolicyCase[] {
  if (ctx.rec.transport === 'ssh') return [];
  const out: PolicyCase[] = [];
  const add = (role: ScriptRole, policy: Record<string, string | number>, description: string) => out.push({ role, policy, description });
  for (const s of ctx.rec.settings) {
    if (s.appliedBy !== 'target' && s.appliedBy !== 'client') continue;
    const role = s.appliedBy;
    switch (s.name) {
      case 'WSMan:\\localhost\\Service\\AllowUnencrypted':
        add(role, { 'Service\\AllowUnencryptedTraffic': 1 }, 'policy allows unencrypted traffic on the service');
        break;
      case 'WSMan:\\localhost\\Service\\Auth\\Basic':
        add(role, { 'Service\\AllowBasic': 1 }, 'policy allows Basic on the service');
        break;
      case 'WSMan:\\localhost\\Service\\Auth\\CredSSP':
        add(role, { 'Service\\AllowCredSSP': s.value === 'true' ? 0 : 1 }, s.value === 'true' ? 'policy forbids CredSSP on the service' : 'policy allows CredSSP on the service');
        break;
      case 'WSMan:\\localhost\\Service\\Auth\\CbtHardeningLevel':
        add(role, { 'Service\\CbtHardeningLevel': 'Relaxed' }, 'policy sets channel binding to Relaxed');
        break;
      case 'WSMan:\\localhost\\Client\\AllowUnencrypted':
        add(role, { 'Client\\AllowUnencryptedTraffic': 1 }, 'policy allows unencrypted traffic on the client');
        break;
      case 'WSMan:\\localhost\\Client\\Auth\\Basic':
        add(role, { 'Client\\AllowBasic': 1 }, 'policy allows Basic on the client');
        break;
      case 'WSMan:\\localhost\\Client\\Auth\\Digest':
        add(role, { 'Client\\AllowDigest': 1 }, 'policy allows Digest on the client');
        break;
      case 'WSMan:\\localhost\\Client\\Auth\\CredSSP':
        add(role, { 'Client\\AllowCredSSP': 1 }, 'policy allows CredSSP on the client');
        break;
      case 'Enable-WSManCredSSP -Role Client -DelegateComputer $Target':
        add(role, { 'Client\\AllowCredSSP': 0 }, 'policy forbids CredSSP on the client');
        break;
      case 'WSMan:\\localhost\\Client\\TrustedHosts':
        add(role, { 'Client\\TrustedHosts': 1, 'Client\\TrustedHostsList': 'legacy01.contoso.com' }, 'policy sets TrustedHosts');
        break;
      default:
        break;
    }
  }
  return out;
}

/** The policy arrives (gpupdate) before the script's first run; earlier scripts ran as usual. */
export function policyProgram(ctx: PathContext, c: PolicyCase): Program {
  const index = runPlan(ctx).findIndex((p) => p.role === c.role);
  const setup: Step[] = [{ op: 'mutate', label: 'Group Policy applied', host: HOST_OF[c.role], action: 'SetGroupPolicy', args: { ...c.policy } }];
  return singleRunProgram(ctx, index, {}, withHosts(ctx), setup);
}

export interface RemoteCase {
  transport: 'HTTP' | 'HTTPS';
  description: string;
}

/** Remote sessions over a listener the target script may remove or replace. */
export function remoteCases(ctx: PathContext): RemoteCase[] {
  if (ctx.rec.transport === 'ssh') return [];
  const out: RemoteCase[] = [{ transport: 'HTTP', description: 'over the HTTP listener (5985)' }];
  if (ctx.rec.transport === 'https') out.push({ transport: 'HTTPS', description: 'over an HTTPS listener that already exists (5986)' });
  return out;
}

export function remoteSession(ctx: PathContext, transport: 'HTTP' | 'HTTPS'): Session {
  const port = transport === 'HTTPS' ? 5986 : 5985;
  const hostPart = ctx.variant === 'ipv6' ? `[${ctx.target}]` : ctx.target;
  return { ConnectionString: `${transport.toLowerCase()}://${hostPart}:${port}/wsman`, Transport: transport, Port: port, ClientAddress: ctx.adminAddress };
}

export function remoteProgram(ctx: PathContext, c: RemoteCase): Program {
  const index = runPlan(ctx).findIndex((p) => p.role === 'target');
  const hosts = withHosts(ctx, (h) => {
    if (c.transport === 'HTTPS') h.server!.Variants = ['HttpsListener'];
  });
  return singleRunProgram(ctx, index, { session: remoteSession(ctx, c.transport) }, hosts);
}

/** Whether the guide rule leaves out the Public profile (the case where a Public card matters). */
export function publicProfileApplies(ctx: PathContext): boolean {
  return !ctx.rec.firewall.profiles.includes('Public') && !ctx.rec.firewall.manualNote;
}

export function publicProfileProgram(ctx: PathContext): Program {
  const hosts = withHosts(ctx, (h) => {
    h.server!.NetworkCategory = 'Public';
  });
  // The server's "before" is compared with "applied" only when the target refuses; the files a
  // user copies go to C:\PSRemotingGuide, which that comparison leaves out.
  return { hosts, steps: [{ op: 'snapshot', label: 'before' }, ...applySteps(ctx, 'apply'), { op: 'snapshot', label: 'applied' }] };
}

export interface NonStockCase {
  name: string;
  description: string;
}

/** Starts that are not stock, and changes others make between the scripts and the rollback. */
export function nonStockCases(ctx: PathContext): NonStockCase[] {
  const out: NonStockCase[] = [];
  if (ctx.rec.transport !== 'ssh') out.push({ name: 'https-listener', description: 'an HTTPS listener (and its firewall rule) of another administrator already there' });
  if (ctx.rec.secondHop === 'credssp') out.push({ name: 'credssp', description: 'CredSSP already allowed for other servers; another entry added after the client script' });
  if (ctx.rec.secondHop === 'rbkcd') out.push({ name: 'delegation', description: 'other principals already allowed to delegate to the resource; another added after the resource script' });
  if (ctx.rec.trustedHosts.length > 0) out.push({ name: 'trustedhosts', description: 'other TrustedHosts entries; another added after the client script' });
  return out;
}

export function nonStockProgram(ctx: PathContext, c: NonStockCase): Program {
  const hosts = withHosts(ctx, (h) => {
    if (c.name === 'https-listener') h.server!.Variants = ['HttpsListener'];
    if (c.name === 'credssp') h.client!.Variants = ['CredSSPOthers'];
    if (c.name === 'trustedhosts') h.client!.Variants = ['TrustedHostsOthers'];
    if (c.name === 'delegation') h.dc!.AdComputers = h.dc!.AdComputers!.map((x) => (x.Name === 'FILES01' ? { ...x, PrincipalsAllowed: ['OTHER01'] } : x));
  });
  const later: Step[] = [];
  if (c.name === 'credssp') later.push({ op: 'mutate', label: 'someone adds a CredSSP entry', host: 'client', action: 'AddAllowFreshCredentials', args: { Value: 'wsman/added-later.contoso.com' }, alsoBaseline: true });
  if (c.name === 'trustedhosts') later.push({ op: 'mutate', label: 'someone adds a TrustedHosts entry', host: 'client', action: 'AddTrustedHost', args: { Value: 'added-later.contoso.com' }, alsoBaseline: true });
  if (c.name === 'delegation') later.push({ op: 'mutate', label: 'someone allows WEB02 to delegate', host: 'dc', action: 'AddDelegationPrincipal', args: { Resource: 'FILES01', Principal: 'WEB02' }, alsoBaseline: true });
  return {
    hosts,
    steps: [
      { op: 'baseline' },
      ...applySteps(ctx, 'apply'),
      { op: 'snapshot', label: 'applied' },
      ...later,
      ...rollbackSteps(ctx, 'rollback', 1),
      { op: 'snapshot', label: 'rolledBack' },
      { op: 'snapshotBaseline', label: 'expected' },
    ],
  };
}

/** A standard user plants a backup next to the guide's; the administrator then rolls back. */
export function plantedBackupProgram(ctx: PathContext): Program {
  return {
    hosts: withHosts(ctx),
    steps: [
      ...applySteps(ctx, 'apply'),
      { op: 'mutate', label: 'a standard user plants a backup', host: 'server', action: 'PlantBackup' },
      ...rollbackSteps(ctx, 'rollback', 1).filter((s) => s.op === 'run' && s.host === 'server'),
      { op: 'snapshot', label: 'rolledBack' },
    ],
  };
}
