/** "What to do first": only clearly safer variants, what they remove measured by the engine. */
import { describe, expect, test } from 'vitest';
import { firstSteps } from './first-steps';
import type { Answers, Authentication } from './model';
import { decodePermalink } from './permalink';
import { isComplete } from './questions';
import { recommend } from './recommend';
import { checkInvariants } from './rules/invariants';
import { allCompleteAnswers, answersKey } from './testing/answers';

const workgroupDmz: Answers = { platform: 'windows', domain: 'workgroup', pki: 'none', network: 'public', who: 'delegated', hop: 'none' };
const domainByIp: Answers = { platform: 'windows', domain: 'same', address: 'ip', pki: 'none', network: 'private', who: 'delegated', hop: 'none' };

/** The preference of the authentication table, restated: Kerberos, then certificates or SSH keys, then NTLM inside TLS, then bare NTLM. */
const worse = (from: Authentication, to: Authentication) => {
  const order: Authentication[][] = [['kerberos'], ['certificate', 'ssh'], ['negotiate-https'], ['ntlm-trustedhosts']];
  const rank = (x: Authentication) => order.findIndex((g) => g.includes(x));
  return rank(to) > rank(from);
};

describe('firstSteps', () => {
  test('a workgroup server without certificates: a self-signed certificate removes three of four high warnings', () => {
    const [step, ...rest] = firstSteps(workgroupDmz);
    expect(rest).toEqual([]);
    expect(step?.id).toBe('self-signed-certificate');
    expect(step?.answers.pki).toBe('selfsigned');
    expect(step?.authentication).toEqual({ from: 'ntlm-trustedhosts', to: 'certificate' });
    expect(step?.warnings.high).toEqual({ removed: 3, of: 4, added: 0 });
  });

  test('what a step removes is what the engine says about the variant', () => {
    for (const answers of [workgroupDmz, domainByIp]) {
      const current = recommend(answers).warnings;
      for (const step of firstSteps(answers)) {
        const variant = recommend(step.answers).warnings;
        const highs = (list: typeof current) => new Set(list.filter((w) => w.severity === 'high').map((w) => w.id));
        const removed = [...highs(current)].filter((id) => !highs(variant).has(id));
        expect(step.warnings.high, `${answersKey(answers)} -> ${step.id}`).toEqual({ removed: removed.length, of: highs(current).size, added: 0 });
      }
    }
  });

  test('a domain server by IP without certificates: connecting by name comes first (Kerberos), then a certificate', () => {
    const steps = firstSteps(domainByIp);
    expect(steps.map((s) => s.id)).toEqual(['connect-by-name', 'self-signed-certificate']);
    expect(steps[0]?.authentication.to).toBe('kerberos');
  });

  test('the link keeps the host names when they are in the link, and leaves out an IP target on the by-name variant', () => {
    const hosts = { target: '192.0.2.44', adminSubnet: '10.1.2.0/24' };
    const [byName, cert] = firstSteps(domainByIp, hosts, { includeHosts: true });
    expect(decodePermalink(byName?.query).hosts).toEqual({ adminSubnet: '10.1.2.0/24' });
    expect(decodePermalink(cert?.query).hosts).toEqual(hosts);
    expect(decodePermalink(firstSteps(workgroupDmz, { target: 'dmz01' }, { includeHosts: true })[0]?.query).hosts).toEqual({ target: 'dmz01' });
    expect(decodePermalink(firstSteps(workgroupDmz, { target: 'dmz01' })[0]?.query).hosts).toEqual({});
  });

  test('on every path, a suggested variant is complete, keeps every invariant, adds no high warning and never weakens authentication', () => {
    const checked = new Map<string, string[]>();
    let suggested = 0;
    for (const answers of allCompleteAnswers()) {
      const current = recommend(answers);
      for (const step of firstSteps(answers)) {
        suggested++;
        const where = `${answersKey(answers)} -> ${step.id}`;
        expect(isComplete(step.answers), where).toBe(true);
        const key = answersKey(step.answers);
        expect(key, where).not.toBe(answersKey(current.answers));
        const variant = recommend(step.answers);
        if (!checked.has(key)) checked.set(key, checkInvariants(variant));
        expect(checked.get(key), where).toEqual([]);
        const before = new Set(current.warnings.filter((w) => w.severity === 'high').map((w) => w.id));
        expect(variant.warnings.filter((w) => w.severity === 'high' && !before.has(w.id)).map((w) => w.id), where).toEqual([]);
        expect(worse(current.authentication, variant.authentication), where).toBe(false);
      }
    }
    expect(suggested).toBeGreaterThan(0);
  });
});
