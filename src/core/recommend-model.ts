/**
 * recommendModel(answers, hosts) -> ScriptModel: the decisions with their rationale, settings,
 * warnings, alternatives, impacts, run order and permalink: everything but the generated files.
 * recommend() (recommend.ts) renders the scripts and the fleet outputs from it; the page renders
 * this first and gets the files from a worker, so their renderers are not in its first load.
 */
import { isBlankAdminSubnet, validateAdminSubnet } from './admin-subnet';
import { validateHost } from './hosts';
import { isBlankJeaCommands, validateJeaCommands } from './jea-commands';
import type { Answers, HostInput, Rationale } from './model';
import { encodeAnswers } from './permalink';
import type { ScriptModel } from './powershell/common';
import { firstUnanswered, pruneAnswers } from './questions';
import { adminSources } from './rules/admin-sources';
import { buildAlternatives } from './rules/alternatives';
import { buildImpacts } from './rules/impacts';
import { makePlan, type Plan, type ValidatedHosts } from './rules/plan';
import { buildRunOrder } from './rules/run-order';
import { buildSettings } from './rules/settings';
import { RULESET_VERSION } from './rules/version';
import { buildWarnings } from './rules/warnings';

export interface RecommendOptions {
  /**
   * Prefix of the permalink, e.g. "https://guide.example/recommend". The permalink is
   * `${permalinkBase}?v=1&...`. Must be printable ASCII without spaces; otherwise ignored.
   */
  permalinkBase?: string;
  /** Put the host names and the admin-address list in the permalink (and so in the script headers). Default false. */
  includeHostsInPermalink?: boolean;
}

export class IncompleteAnswersError extends Error {
  constructor(readonly missing: string) {
    super(`The answers are incomplete: "${missing}" has no answer yet.`);
    this.name = 'IncompleteAnswersError';
  }
}

export class InvalidHostError extends Error {
  constructor(
    readonly field: 'target' | 'resource',
    readonly reason: string,
  ) {
    super(`Invalid ${field} host: ${reason}`);
    this.name = 'InvalidHostError';
  }
}

export class InvalidJeaCommandsError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid JEA command list: ${reason}`);
    this.name = 'InvalidJeaCommandsError';
  }
}

export class InvalidAdminSubnetError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid admin-address list: ${reason}`);
    this.name = 'InvalidAdminSubnetError';
  }
}

/**
 * Validates the optional host names and admin-address list; throws InvalidHostError or
 * InvalidAdminSubnetError (use validateHost and validateAdminSubnet first in the UI).
 */
export function validateHosts(hosts: HostInput = {}): ValidatedHosts {
  const out: ValidatedHosts = {};
  for (const field of ['target', 'resource'] as const) {
    const raw = hosts[field];
    if (raw === undefined || raw === '') continue;
    const checked = validateHost(raw);
    if (!checked.ok) throw new InvalidHostError(field, checked.message);
    out[field] = { host: checked.host, kind: checked.kind };
  }
  const admin = hosts.adminSubnet;
  if (admin !== undefined && !isBlankAdminSubnet(admin)) {
    const targetKind = out.target?.kind;
    const checked = validateAdminSubnet(admin, targetKind ? { targetKind } : {});
    if (!checked.ok) throw new InvalidAdminSubnetError(checked.message);
    out.adminSubnet = checked.entries;
  }
  const commands = hosts.jeaCommands;
  if (commands !== undefined && !isBlankJeaCommands(commands)) {
    const checked = validateJeaCommands(commands);
    if (!checked.ok) throw new InvalidJeaCommandsError(checked.message);
    out.jeaCommands = checked.commands;
  }
  return out;
}

function buildRationale(plan: Plan): Rationale[] {
  const r: Rationale[] = [
    { decision: 'authentication', value: plan.authentication, rule: plan.authenticationRule.id, because: plan.authenticationRule.because, sources: plan.authenticationRule.sources, topic: plan.authenticationRule.topic },
    { decision: 'transport', value: plan.transport, rule: plan.transportRule.id, because: plan.transportRule.because, sources: plan.transportRule.sources, topic: plan.transportRule.topic },
    { decision: 'endpoint', value: plan.endpoint, rule: plan.endpointRule.id, because: plan.endpointRule.because, sources: plan.endpointRule.sources, topic: plan.endpointRule.topic },
    { decision: 'secondHop', value: plan.secondHop, rule: plan.secondHopRule.id, because: plan.secondHopRule.because, sources: plan.secondHopRule.sources, topic: plan.secondHopRule.topic },
  ];
  const fw = plan.firewall;
  r.push({
    decision: 'firewall',
    value: `TCP ${fw.rules.map((x) => x.port).join(', ')} from $AdminSubnet${fw.remoteAddress.isExample ? '' : ` (${fw.remoteAddress.values.join(', ')})`}, profiles ${fw.profiles.join(', ')}`,
    rule: plan.answers.network === 'public' ? 'firewall-public' : 'firewall-private',
    because:
      plan.answers.network === 'public'
        ? `The server is reachable from untrusted networks, so the rule also covers the Public profile but admits only ${adminSources(plan)}; the built-in rules are disabled because on Domain and Private networks they admit any address. Never a rule open to Any.`
        : `Remoting is an administrative channel: the guide rule admits only ${adminSources(plan)} on the Domain and Private profiles, and the built-in rules, which admit any address on those profiles, are disabled.`,
    sources: ['WSEC', 'REQ', 'EPSR', 'FWISS'],
    topic: 'firewall-and-network-profiles',
  });
  if (plan.certificate) {
    const selfSigned = plan.certificate.source === 'self-signed';
    r.push({
      decision: 'certificate',
      value: plan.certificate.source,
      rule: selfSigned ? 'certificate-self-signed' : 'certificate-enterprise-ca',
      because: selfSigned
        ? "No CA is available, so the server gets a self-signed certificate (subject = the name or address clients use), which each client imports into LocalMachine\\Root after checking its thumbprint. That still authenticates the server, unlike -SkipCACheck."
        : `The server certificate comes from your enterprise CA${plan.certificate.template ? ` (requested with template ${plan.certificate.template} if none is installed)` : ' (installed beforehand)'}, so clients already trust it; its subject is the name or address clients use.`,
      sources: selfSigned ? ['SSC', 'NPSO', 'ANS'] : ['WSEC', 'ANS', 'QC'],
      topic: 'https-listeners-and-certificates',
    });
  }
  if (plan.trustedHosts.length > 0) {
    r.push({
      decision: 'trustedHosts',
      value: plan.trustedHosts.join(', '),
      rule: 'trustedhosts-exact',
      because: 'The WinRM client needs a TrustedHosts entry to use NTLM without HTTPS. It gets exactly this server (IPv6 in brackets), appended to the existing list, never a wildcard.',
      sources: ['W32CFG', 'TRB', 'WSEC'],
      topic: 'trustedhosts',
    });
  }
  return r;
}

function permalinkFor(answers: Answers, hosts: HostInput, options: RecommendOptions): string {
  const base = options.permalinkBase && /^[\x21-\x7e]*$/.test(options.permalinkBase) && !/[?#]/.test(options.permalinkBase) ? options.permalinkBase : '';
  return `${base}?${encodeAnswers(answers, hosts, { includeHosts: options.includeHostsInPermalink ?? false })}`;
}

/**
 * The recommendation for a complete set of answers without its generated files (what recommend()
 * returns but scripts, groupPolicy and ansible). Throws IncompleteAnswersError when a question on
 * the path has no answer, InvalidHostError for an invalid host name and InvalidAdminSubnetError
 * for an invalid admin-address list.
 */
export function recommendModel(answers: Readonly<Record<string, unknown>>, hosts: HostInput = {}, options: RecommendOptions = {}): ScriptModel {
  const pruned = pruneAnswers(answers);
  const missing = firstUnanswered(pruned);
  if (missing !== undefined) throw new IncompleteAnswersError(missing);
  const validated = validateHosts(hosts);
  const plan = makePlan(pruned, validated);

  const hostsForLink: HostInput = {};
  if (validated.target) hostsForLink.target = validated.target.host;
  if (validated.resource && plan.resource) hostsForLink.resource = validated.resource.host;
  if (validated.adminSubnet) hostsForLink.adminSubnet = validated.adminSubnet.join(',');
  const jeaCommands = plan.jeaCommands;
  if (jeaCommands) hostsForLink.jeaCommands = jeaCommands.join(',');

  const model: ScriptModel = {
    rulesetVersion: RULESET_VERSION,
    answers: pruned,
    hosts: plan.resource ? { target: plan.target, resource: plan.resource } : { target: plan.target },
    authentication: plan.authentication,
    transport: plan.transport,
    port: plan.port,
    httpListener: plan.httpListener,
    trustedHosts: plan.trustedHosts,
    endpoint: plan.endpoint,
    secondHop: plan.secondHop,
    firewall: plan.firewall,
    settings: buildSettings(plan),
    warnings: buildWarnings(plan),
    alternatives: buildAlternatives(plan),
    impacts: buildImpacts(plan),
    rationale: buildRationale(plan),
    runOrder: buildRunOrder(plan),
    permalink: permalinkFor(pruned, hostsForLink, options),
  };
  if (plan.certificate) model.certificate = plan.certificate;
  if (jeaCommands) model.jeaCommands = [...jeaCommands];
  return model;
}
