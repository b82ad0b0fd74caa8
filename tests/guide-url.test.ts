import { describe, expect, it } from 'vitest';
import { guideHref, parseGuideSearch, recommendationHref } from '../src/app/guide/guide-url.ts';

describe('the guide address', () => {
  it('keeps answers and the revisited step apart', () => {
    const { decoded, step } = parseGuideSearch('?v=1&platform=windows&domain=same&step=platform');
    expect(decoded.answers).toEqual({ platform: 'windows', domain: 'same' });
    expect(step).toBe('platform');
    expect(decoded.problems).toEqual([]);
  });

  it('ignores a step that is not a question, and does not call partial answers a problem', () => {
    const { decoded, step } = parseGuideSearch('v=1&platform=windows&step=nonsense');
    expect(step).toBeUndefined();
    expect(decoded.problems.map((p) => p.kind)).toEqual([]);
  });

  it('an empty address is a fresh start without problems', () => {
    expect(parseGuideSearch('').decoded.problems).toEqual([]);
  });

  it('still reports what a link got wrong', () => {
    const kinds = parseGuideSearch('v=1&platform=beos&colour=blue').decoded.problems.map((p) => p.kind).sort();
    expect(kinds).toEqual(['invalid-value', 'unknown-key']);
  });

  it('names the step only when it is not the next unanswered question', () => {
    expect(guideHref({ platform: 'windows' }, 'domain')).toBe('/guide?v=1&platform=windows');
    expect(guideHref({ platform: 'windows', domain: 'same' }, 'platform')).toBe('/guide?v=1&platform=windows&domain=same&step=platform');
    expect(guideHref({}, 'platform')).toBe('/guide?v=1');
  });

  it('round-trips through the address', () => {
    const href = guideHref({ platform: 'windows', domain: 'workgroup', pki: 'none' }, 'domain');
    const { decoded, step } = parseGuideSearch(href.slice('/guide'.length));
    expect(decoded.answers).toEqual({ platform: 'windows', domain: 'workgroup', pki: 'none' });
    expect(step).toBe('domain');
  });

  it('leaves host names out of recommendation links unless asked', () => {
    const answers = { platform: 'mixed', network: 'private', who: 'admins', hop: 'none' } as const;
    expect(recommendationHref(answers, { target: 'srv9.example.org' })).not.toContain('srv9');
    expect(recommendationHref(answers, { target: 'srv9.example.org' }, true)).toContain('target=srv9.example.org');
  });
});
