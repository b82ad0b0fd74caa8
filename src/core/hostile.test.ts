/**
 * Host names and admin addresses in scripts: hostile values are rejected everywhere (validation,
 * recommend, permalink); accepted ones only change the content of the quoted variable lines, never
 * the number of statements of a script.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Answers, HostInput } from './model';
import { decodePermalink } from './permalink';
import { InvalidAdminSubnetError, InvalidHostError, recommend } from './recommend';
import { HOSTILE_ADMIN_SUBNETS, adminSubnetList } from './testing/admin-subnet-arbitraries';
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

describe('hostile admin addresses never reach a script', () => {
  test.each(HOSTILE_ADMIN_SUBNETS)('%j is refused by recommend and by the permalink decoder', (value) => {
    expect(() => recommend(SCENARIOS.rbkcd as Answers, { adminSubnet: value })).toThrow(InvalidAdminSubnetError);
    expect(() => recommend(SCENARIOS.ssh as Answers, { adminSubnet: `10.0.50.0/24, ${value}` })).toThrow(InvalidAdminSubnetError);
    const decoded = decodePermalink(`v=1&platform=mixed&network=private&who=admins&hop=none&adminSubnet=${encodeURIComponent(value)}`);
    expect(decoded.hosts).toEqual({});
    expect(decoded.problems.map((p) => p.kind)).toEqual(['invalid-admin-subnet']);
  });

  test('an IPv4-only list for an IPv6 target is refused', () => {
    expect(() => recommend(SCENARIOS.selfSignedIp as Answers, { target: '2001:db8::10', adminSubnet: '10.0.50.0/24' })).toThrow(/block every client that reaches the server over IPv6/);
  });
});

describe('accepted admin addresses do not change the number of statements', () => {
  // One entry is a quoted string, several an @(...) array: each form has its own baseline.
  const expectedLine = (entries: string[]) =>
    entries.length === 1 ? `$AdminSubnet = '${entries[0]}'` : `$AdminSubnet = @(${entries.map((e) => `'${e}'`).join(', ')})`;

  test.each(Object.entries(SCENARIOS))('%s: same statements with any valid list', async (_name, answers) => {
    const single = await reports(answers, { adminSubnet: '10.0.50.0/24' });
    const several = await reports(answers, { adminSubnet: '10.0.50.0/24, 2001:db8:50::/64' });
    const example = await reports(answers, {});
    for (const [script, base] of Object.entries(example)) expect(single[script]?.totalStatements, script).toBe(base.totalStatements);
    await fc.assert(
      fc.asyncProperty(adminSubnetList, async ({ entries, text }) => {
        const rec = recommend(answers, { adminSubnet: text }, { includeHostsInPermalink: true });
        expect(rec.firewall.remoteAddress).toMatchObject({ values: entries, isExample: false });
        for (const [script, source] of Object.entries(rec.scripts) as Array<[string, string]>) {
          const report = await parsePowerShell(source);
          const base = (entries.length === 1 ? single : several)[script] as ParseReport;
          expect(report.errors).toEqual([]);
          expect(report.topLevelStatements, script).toBe(base.topLevelStatements);
          expect(report.totalStatements, script).toBe(base.totalStatements);
        }
        expect(rec.scripts.target.split('\n').filter((l) => l === expectedLine(entries))).toHaveLength(1);
        expect(rec.scripts.target).not.toContain(`'192.0.2.0/24'\n`);
      }),
      { numRuns: 12 },
    );
  });
});
