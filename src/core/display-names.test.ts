/** No visible text of a recommendation shows an internal id (users read names, not rbkcd). */
import { describe, expect, test } from 'vitest';
import { ALTERNATIVE_KIND_NAME, DECISION_NAME, alternativeName, rationaleValueName } from './display-names';
import type { Recommendation } from './model';
import { recommendModel } from './recommend-model';
import { allCompleteAnswers, answersKey } from './testing/answers';

/** Ids of the vocabulary that are not also plain words (credssp is "CredSSP" in text, so case counts). */
const INTERNAL_ID = /(?<![\w-])(rbkcd|kcd|negotiate-https|ntlm-trustedhosts|explicit-credentials|jea-gmsa|runas-endpoint|enterprise-ca|secondHop|credssp)(?![\w-])/;

/** Every text of the model the page shows, as the page shows it. */
function visibleTexts(rec: Omit<Recommendation, 'scripts' | 'groupPolicy' | 'ansible'>): string[] {
  return [
    ...rec.warnings.map((w) => w.message),
    ...rec.rationale.flatMap((r) => [DECISION_NAME[r.decision], rationaleValueName(r), r.because]),
    ...rec.alternatives.flatMap((a) => [alternativeName(a), ALTERNATIVE_KIND_NAME[a.kind], a.whyNot]),
    ...rec.impacts.map((i) => i.message),
    ...rec.settings.map((s) => s.because),
    ...rec.runOrder.flatMap((s) => [s.where, s.purpose]),
  ];
}

describe('visible model text', () => {
  test('contains no internal id on any path', () => {
    const found: string[] = [];
    for (const answers of allCompleteAnswers()) {
      for (const text of visibleTexts(recommendModel(answers))) {
        const m = INTERNAL_ID.exec(text);
        if (m) found.push(`${answersKey(answers)}: "${m[1]}" in ${text.slice(0, 80)}`);
      }
    }
    expect([...new Set(found)].slice(0, 10)).toEqual([]);
  });

  test('the NTLM warning speaks of domain computer accounts only where the server is in a domain', () => {
    const base = { platform: 'windows', address: 'ip', pki: 'none', network: 'private', who: 'delegated', hop: 'none' } as const;
    const message = (domain: 'same' | 'workgroup') =>
      recommendModel({ ...base, domain }).warnings.find((w) => w.id === 'ntlm-no-server-authentication')?.message ?? '';
    expect(message('same')).toMatch(/domain computer account/);
    expect(message('workgroup')).not.toMatch(/domain/);
    expect(message('workgroup')).toMatch(/NTLM does not authenticate the server/);
  });
});
