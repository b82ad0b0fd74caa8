/**
 * Golden files for representative scenarios: every script and the JSON export (with the script
 * texts replaced by the golden file names, since they are stored next to it). Update with
 * `npx vitest run src/core/golden.test.ts -u` and review the diff against FACTS.md.
 */
import { describe, expect, test } from 'vitest';
import { toJsonExport } from './export-json';
import type { Answers, HostInput } from './model';
import { recommend } from './recommend';
import { checkInvariants } from './rules/invariants';

interface Scenario {
  answers: Answers;
  hosts?: HostInput;
  expect: { authentication: string; transport: string; secondHop: string; endpoint: string };
}

const domainByName = { platform: 'windows', domain: 'same', address: 'name' } as const;

const GOLDEN_SCENARIOS: Record<string, Scenario> = {
  '01-kerberos-admins': {
    answers: { ...domainByName, assurance: 'standard', network: 'private', who: 'admins', hop: 'none' },
    expect: { authentication: 'kerberos', transport: 'http', secondHop: 'none', endpoint: 'default' },
  },
  '02-kerberos-high-assurance-public': {
    answers: { ...domainByName, assurance: 'high', network: 'public', who: 'admins', hop: 'none' },
    expect: { authentication: 'kerberos', transport: 'https', secondHop: 'none', endpoint: 'default' },
  },
  '03-kerberos-helpdesk-jea': {
    answers: { ...domainByName, assurance: 'standard', network: 'private', who: 'delegated', hop: 'none' },
    expect: { authentication: 'kerberos', transport: 'http', secondHop: 'none', endpoint: 'jea' },
  },
  '04-kerberos-file-share-rbkcd': {
    answers: { ...domainByName, assurance: 'standard', network: 'private', who: 'admins', hop: 'files', adcontrol: 'yes', trust: 'normal', protected: 'no' },
    hosts: { target: 'app01.corp.example.com', resource: 'files01.corp.example.com', adminSubnet: '10.0.50.0/24' },
    expect: { authentication: 'kerberos', transport: 'http', secondHop: 'rbkcd', endpoint: 'default' },
  },
  '05-kerberos-domain-controller-credssp': {
    answers: { ...domainByName, assurance: 'high', network: 'private', who: 'admins', hop: 'remoting', trust: 'tier0', protected: 'no' },
    expect: { authentication: 'kerberos', transport: 'https', secondHop: 'credssp', endpoint: 'default' },
  },
  '06-kerberos-protected-users-explicit': {
    answers: { ...domainByName, assurance: 'standard', network: 'private', who: 'admins', hop: 'remoting', trust: 'tier0', protected: 'yes' },
    expect: { authentication: 'kerberos', transport: 'http', secondHop: 'explicit-credentials', endpoint: 'default' },
  },
  '07-kerberos-delegated-jea-gmsa': {
    answers: { ...domainByName, assurance: 'standard', network: 'private', who: 'delegated', hop: 'files', adcontrol: 'no', trust: 'normal', protected: 'no' },
    expect: { authentication: 'kerberos', transport: 'http', secondHop: 'jea-gmsa', endpoint: 'jea' },
  },
  '08-ip-enterprise-ca': {
    answers: { platform: 'windows', domain: 'same', address: 'ip', pki: 'enterprise', network: 'private', who: 'admins', hop: 'none' },
    hosts: { target: '10.20.30.40' },
    expect: { authentication: 'negotiate-https', transport: 'https', secondHop: 'none', endpoint: 'default' },
  },
  '09-ipv6-self-signed-files': {
    answers: { platform: 'windows', domain: 'same', address: 'ip', pki: 'selfsigned', network: 'private', who: 'admins', hop: 'files', adcontrol: 'yes', trust: 'normal', protected: 'no' },
    hosts: { target: '2001:db8::10', adminSubnet: '10.0.50.0/24, 2001:db8:50::/64' },
    expect: { authentication: 'negotiate-https', transport: 'https', secondHop: 'explicit-credentials', endpoint: 'default' },
  },
  '10-ip-no-pki-delegated-trustedhosts': {
    answers: { platform: 'windows', domain: 'same', address: 'ip', pki: 'none', network: 'private', who: 'delegated', hop: 'none' },
    expect: { authentication: 'ntlm-trustedhosts', transport: 'http', secondHop: 'none', endpoint: 'jea' },
  },
  '11-ip-no-pki-admins-ssh': {
    answers: { platform: 'windows', domain: 'same', address: 'ip', pki: 'none', network: 'public', who: 'admins', hop: 'none' },
    expect: { authentication: 'ssh', transport: 'ssh', secondHop: 'none', endpoint: 'default' },
  },
  '12-untrusted-enterprise-remoting-hop': {
    answers: { platform: 'windows', domain: 'untrusted', pki: 'enterprise', network: 'public', who: 'admins', hop: 'remoting' },
    expect: { authentication: 'negotiate-https', transport: 'https', secondHop: 'explicit-credentials', endpoint: 'default' },
  },
  '13-workgroup-self-signed-certificate': {
    answers: { platform: 'windows', domain: 'workgroup', pki: 'selfsigned', network: 'public', who: 'admins', hop: 'none' },
    expect: { authentication: 'certificate', transport: 'https', secondHop: 'none', endpoint: 'default' },
  },
  '14-workgroup-enterprise-delegated': {
    answers: { platform: 'windows', domain: 'workgroup', pki: 'enterprise', network: 'private', who: 'delegated', hop: 'files' },
    expect: { authentication: 'certificate', transport: 'https', secondHop: 'explicit-credentials', endpoint: 'jea' },
  },
  '15-mixed-delegated-second-hop': {
    answers: { platform: 'mixed', network: 'private', who: 'delegated', hop: 'remoting' },
    expect: { authentication: 'ssh', transport: 'ssh', secondHop: 'explicit-credentials', endpoint: 'default' },
  },
  '16-mixed-admins-public': {
    answers: { platform: 'mixed', network: 'public', who: 'admins', hop: 'none' },
    hosts: { target: 'linux01.example.net' },
    expect: { authentication: 'ssh', transport: 'ssh', secondHop: 'none', endpoint: 'default' },
  },
  '17-untrusted-self-signed-delegated': {
    answers: { platform: 'windows', domain: 'untrusted', pki: 'selfsigned', network: 'private', who: 'delegated', hop: 'none' },
    expect: { authentication: 'negotiate-https', transport: 'https', secondHop: 'none', endpoint: 'jea' },
  },
};

describe('golden scenarios', () => {
  test.each(Object.entries(GOLDEN_SCENARIOS))('%s', async (name, scenario) => {
    const rec = recommend(scenario.answers, scenario.hosts ?? {}, {
      permalinkBase: 'https://psremoting-guide.example/recommendation',
      includeHostsInPermalink: scenario.hosts !== undefined,
    });
    expect({ authentication: rec.authentication, transport: rec.transport, secondHop: rec.secondHop, endpoint: rec.endpoint }).toEqual(scenario.expect);
    expect(checkInvariants(rec)).toEqual([]);
    const files: Record<string, string> = {};
    for (const [script, text] of Object.entries(rec.scripts) as Array<[string, string]>) {
      files[script] = `${script}.ps1`;
      await expect(text).toMatchFileSnapshot(`./__golden__/${name}/${script}.ps1`);
    }
    const json = { ...toJsonExport(rec), scripts: files };
    await expect(`${JSON.stringify(json, null, 2)}\n`).toMatchFileSnapshot(`./__golden__/${name}/recommendation.json`);
  });
});
