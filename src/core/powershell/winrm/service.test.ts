/**
 * Issue 7, defect 4: the Negotiate-over-HTTPS paths left channel binding at its default (Relaxed),
 * which accepts requests without a channel binding token. Every HTTPS path now sets it to Strict,
 * and the recommendation lists the setting with its sources.
 */
import { describe, expect, test } from 'vitest';
import { WSMAN } from '../../rules/settings';
import { allWinRMRecommendations, recommendation } from '../../testing/winrm-fixtures';

const CBT_LINE = `Set-GuideWSManSetting -Path '${WSMAN.serviceCbt}' -Value 'Strict'`;

describe('channel binding', () => {
  const all = allWinRMRecommendations();

  test('every HTTPS target script sets CbtHardeningLevel to Strict, Negotiate paths included', () => {
    const https = all.filter((rec) => rec.transport === 'https');
    expect(https.some((rec) => rec.authentication === 'negotiate-https')).toBe(true);
    for (const rec of https) expect(rec.scripts.target, rec.permalink).toContain(CBT_LINE);
  });

  test('HTTP-only paths leave it alone (channel binding needs TLS)', () => {
    for (const rec of all.filter((r) => r.transport === 'http')) expect(rec.scripts.target).not.toContain(WSMAN.serviceCbt);
  });

  test('the recommendation lists it as a setting of the target script, with its sources', () => {
    for (const path of ['ipEnterprise', 'untrustedSelfSigned', 'workgroupEnterprise', 'kerberosHttps'] as const) {
      const setting = recommendation(path).settings.find((s) => s.id === 'service-cbt');
      expect(setting, path).toMatchObject({ name: WSMAN.serviceCbt, value: 'Strict', appliedBy: 'target' });
      expect(setting!.sources).toEqual(expect.arrayContaining(['CSP', 'W32CFG']));
    }
    expect(recommendation('kerberosHttp').settings.find((s) => s.id === 'service-cbt')).toBeUndefined();
  });

  test('every WSMan: service value the recommendation applies is set by the target script', () => {
    for (const rec of all) {
      for (const s of rec.settings.filter(
        (x) => x.appliedBy === 'target' && x.name.startsWith('WSMan:\\localhost\\Service\\') && /^(true|false|Strict)$/.test(x.value),
      )) {
        const direct = rec.scripts.target.includes(`Set-GuideWSManSetting -Path '${s.name}' -Value '${s.value}'`);
        const credssp =
          s.name === WSMAN.serviceCredSSP && s.value === 'true' && rec.scripts.target.includes('Enable-WSManCredSSP -Role Server');
        expect(direct || credssp, `${s.name} = ${s.value} in ${rec.permalink}`).toBe(true);
      }
    }
  });
});
