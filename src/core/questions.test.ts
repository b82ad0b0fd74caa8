import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { QUESTION_ORDER, QUESTION_VALUES, type Answers } from './model';
import { QUESTIONS, applicableQuestions, firstUnanswered, getQuestion, isComplete, progress, pruneAnswers } from './questions';
import { ADDED_SOURCE_KEYS, SOURCE_KEYS } from './sources';
import { TOPIC_SLUGS } from './topics';
import { recommend } from './recommend';
import { allCompleteAnswers } from './testing/answers';

describe('question definitions', () => {
  test('ids and values are the public vocabulary', () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual(QUESTION_ORDER);
    expect(QUESTION_ORDER).toEqual(['platform', 'domain', 'address', 'pki', 'assurance', 'network', 'who', 'hop', 'adcontrol', 'trust', 'protected']);
    for (const q of QUESTIONS) {
      expect(q.options.map((o) => o.value)).toEqual([...QUESTION_VALUES[q.id]]);
      for (const o of q.options) {
        expect(o.label.length).toBeGreaterThan(1);
        expect(o.help.length).toBeGreaterThan(10);
      }
      expect(q.prompt).toMatch(/\?$/);
      expect(q.why.length).toBeGreaterThan(40);
      expect(TOPIC_SLUGS).toContain(q.topic);
    }
  });

  test('conditions only depend on earlier questions', () => {
    for (const q of QUESTIONS) {
      for (const dep of q.dependsOn) expect(QUESTION_ORDER.indexOf(dep), `${q.id} depends on ${dep}`).toBeLessThan(QUESTION_ORDER.indexOf(q.id));
    }
  });

  test('conditions only read the questions listed in dependsOn', () => {
    // Changing an answer outside dependsOn never changes whether a question applies.
    for (const answers of allCompleteAnswers()) {
      for (const q of QUESTIONS) {
        const before = q.appliesWhen(answers);
        for (const other of QUESTION_ORDER) {
          if (q.dependsOn.includes(other) || other === q.id) continue;
          for (const value of QUESTION_VALUES[other]) {
            expect(q.appliesWhen({ ...answers, [other]: value } as Answers), `${q.id} vs ${other}`).toBe(before);
          }
        }
      }
    }
  });

  test('"asked when" as in the issue', () => {
    const asked = (a: Answers) => applicableQuestions(a).map((q) => q.id);
    expect(asked({})).toEqual(['platform', 'network', 'who', 'hop']);
    expect(asked({ platform: 'mixed' })).toEqual(['platform', 'network', 'who', 'hop']);
    expect(asked({ platform: 'windows' })).toEqual(['platform', 'domain', 'network', 'who', 'hop']);
    expect(asked({ platform: 'windows', domain: 'same' })).toEqual(['platform', 'domain', 'address', 'network', 'who', 'hop']);
    expect(asked({ platform: 'windows', domain: 'same', address: 'name' })).toContain('assurance');
    expect(asked({ platform: 'windows', domain: 'same', address: 'name' })).not.toContain('pki');
    expect(asked({ platform: 'windows', domain: 'same', address: 'ip' })).toContain('pki');
    expect(asked({ platform: 'windows', domain: 'untrusted' })).toEqual(['platform', 'domain', 'pki', 'network', 'who', 'hop']);
    expect(asked({ platform: 'windows', domain: 'workgroup', hop: 'files' })).not.toContain('adcontrol');
    expect(asked({ platform: 'windows', domain: 'same', address: 'ip', hop: 'files' })).toEqual(expect.arrayContaining(['adcontrol', 'trust', 'protected']));
    expect(asked({ platform: 'windows', domain: 'same', address: 'ip', hop: 'remoting' })).not.toContain('adcontrol');
    expect(asked({ platform: 'windows', domain: 'same', address: 'ip', hop: 'remoting' })).toEqual(expect.arrayContaining(['trust', 'protected']));
    expect(asked({ platform: 'mixed', hop: 'files' })).toEqual(['platform', 'network', 'who', 'hop']);
  });

  test('pruneAnswers, firstUnanswered, isComplete, progress', () => {
    expect(pruneAnswers({ platform: 'mixed', domain: 'same', who: 'nobody', extra: 1 })).toEqual({ platform: 'mixed' });
    expect(firstUnanswered({})).toBe('platform');
    expect(firstUnanswered({ platform: 'windows', network: 'private' })).toBe('domain');
    expect(isComplete({ platform: 'mixed', network: 'private', who: 'admins', hop: 'none' })).toBe(true);
    expect(isComplete({ platform: 'mixed', network: 'private', who: 'admins' })).toBe(false);
    // The longest path: platform, domain, address, assurance, network, who, hop, adcontrol, trust, protected.
    expect(progress({})).toEqual({ answered: 0, remaining: 10 });
    expect(progress({ platform: 'windows' })).toEqual({ answered: 1, remaining: 9 });
    expect(progress({ platform: 'mixed' })).toEqual({ answered: 1, remaining: 3 });
    expect(progress({ platform: 'mixed', network: 'private', who: 'admins', hop: 'none' })).toEqual({ answered: 4, remaining: 0 });
    expect(getQuestion('pki').askedWhen).toMatch(/address = ip/);
  });
});

describe('topics and sources', () => {
  test('every topic and source cited by any recommendation exists', () => {
    for (const answers of allCompleteAnswers()) {
      const rec = recommend(answers);
      const cited = [...rec.settings, ...rec.warnings, ...rec.alternatives, ...rec.rationale];
      for (const item of cited) {
        expect(TOPIC_SLUGS).toContain(item.topic);
        expect(item.sources.length).toBeGreaterThan(0);
        for (const s of item.sources) expect(SOURCE_KEYS).toContain(s);
      }
      for (const i of rec.impacts) expect(TOPIC_SLUGS).toContain(i.topic);
    }
  });

  const facts = '/work/shared/domain/FACTS.md';
  test.skipIf(!fs.existsSync(facts))('every source key is in the fact sheet', () => {
    const table = fs.readFileSync(facts, 'utf8').split('## 1.')[0] ?? '';
    const inTable = (key: string) => new RegExp(`^\\| [A-Z0-9 /]*\\b${key}\\b[A-Z0-9 /]* \\|`, 'm').test(table);
    for (const key of SOURCE_KEYS) expect(inTable(key) || ADDED_SOURCE_KEYS.includes(key), `${key} is neither in the fact sheet nor an added source`).toBe(true);
    // An added source that the fact sheet now has belongs to the fact sheet's keys.
    for (const key of ADDED_SOURCE_KEYS) expect(inTable(key), `${key} is in the fact sheet now`).toBe(false);
  });
});
