/**
 * Host names in scripts: hostile names are rejected everywhere (validation, recommend, permalink);
 * accepted names only change the content of the quoted variable lines, never the script structure.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Answers, HostInput } from './model';
import { decodePermalink } from './permalink';
import { InvalidHostError, recommend } from './recommend';
import { HOSTILE_HOSTS, dnsName, ipv4, ipv6 } from './testing/arbitraries';
import { parsePowerShell, type ParseReport } from './testing/powershell-parser';

const SCENARIOS: Record<string, Answers> = {
  kerberosHighJeaGmsa: { platform: 'windows', domain: 'same', address: 'name', assurance: 'high', network: 'public', who: 'delegated', hop: 'files', adcontrol: 'yes', trust: 'normal', protected: 'no' },
  rbkcd: { platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'admins', hop: 'files', adcontrol: 'yes', trust: 'normal', protected: 'no' },
  credssp: { platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'admins', hop: 'remoting', trust: 'tier0', protected: 'no' },
  ntlmJea: { platform: 'windows', domain: 'same', address: 'ip', pki: 'none', network: 'private', who: 'delegated', hop: 'files', adcontrol: 'no', trust: 'normal', protected: 'no' },
  selfSignedIp: { platform: 'windows', domain: 'same', address: 'ip', pki: 'selfsigned', network: 'public', who: 'admins', hop: 'none' },
  certificate: { platform: 'windows', domain: 'workgroup', pki: 'selfsigned', network: 'private', who: 'delegated', hop: 'remoting' },
  ssh: { platform: 'mixed', network: 'public', who: 'delegated', hop: 'files' },
};

const anyHost = fc.oneof(dnsName, ipv4, ipv6, fc.domain());

async function reports(answers: Answers, hosts: HostInput): Promise<Record<string, ParseReport>> {
  const rec = recommend(answers, hosts, { includeHostsInPermalink: true });
  const out: Record<string, ParseReport> = {};
  for (const [name, text] of Object.entries(rec.scripts) as Array<[string, string]>) out[name] = await parsePowerShell(text);
  return out;
}

describe('hostile host names never reach a script', () => {
  test.each(HOSTILE_HOSTS)('%j is refused by recommend and by the permalink decoder', (host) => {
    const answers = SCENARIOS.rbkcd as Answers;
    expect(() => recommend(answers, { target: host })).toThrow(InvalidHostError);
    expect(() => recommend(answers, { resource: host })).toThrow(InvalidHostError);
    const decoded = decodePermalink(`v=1&platform=mixed&network=private&who=admins&hop=none&target=${encodeURIComponent(host)}`);
    expect(decoded.hosts).toEqual({});
    expect(decoded.problems.map((p) => p.kind)).toEqual(['invalid-host']);
  });
});

describe('accepted host names do not change the script structure', () => {
  test.each(Object.entries(SCENARIOS))('%s: same statements with any valid target and resource', async (_name, answers) => {
    const baseline = await reports(answers, {});
    await fc.assert(
      fc.asyncProperty(anyHost, anyHost, async (target, resource) => {
        const rec = recommend(answers, { target, resource }, { includeHostsInPermalink: true });
        for (const [script, text] of Object.entries(rec.scripts) as Array<[string, string]>) {
          const report = await parsePowerShell(text);
          const base = baseline[script] as ParseReport;
          expect(report.errors).toEqual([]);
          expect(report.topLevelStatements, script).toBe(base.topLevelStatements);
          expect(report.totalStatements, script).toBe(base.totalStatements);
          expect(report.structure, script).toBe(base.structure);
          if (script !== 'rollback') expect(text.split('\n').filter((l) => l === `$Target = '${rec.hosts.target.value}'`).length).toBe(1);
        }
      }),
      { numRuns: 12 },
    );
  });
});
