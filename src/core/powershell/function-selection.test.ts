import { describe, expect, test } from 'vitest';
import { recommend } from '../recommend';
import { allCompleteAnswers, answersKey } from '../testing/answers';
import { recordedChangeKinds, selectFunctions } from './function-selection';
import { ps } from './writer';

const library = ps`
  function Get-GuideThing {
      return 1
  }
  # Undoes A (calls the helper).
  function Undo-GuideA {
      param($Change)
      Get-GuideThing
  }
  function Undo-GuideB {
      Undo-GuideA -Change $null
  }
  function Undo-GuideC {
      Write-Host 'Undo-GuideAB and Get-GuideThings are other names'
  }
`;

describe('selectFunctions', () => {
  test('keeps the roots and what they call, transitively, in library order with their comments', () => {
    const text = selectFunctions(library, ['Undo-GuideB']).lines.join('\n');
    expect([...text.matchAll(/^function ([\w-]+)/gm)].map((m) => m[1])).toEqual(['Get-GuideThing', 'Undo-GuideA', 'Undo-GuideB']);
    expect(text).toContain('# Undoes A (calls the helper).');
  });

  test('a name inside a longer name is not a call', () => {
    const text = selectFunctions(library, ['Undo-GuideC']).lines.join('\n');
    expect([...text.matchAll(/^function ([\w-]+)/gm)].map((m) => m[1])).toEqual(['Undo-GuideC']);
  });

  test('refuses a library with code outside functions', () => {
    expect(() => selectFunctions(ps`Write-Host 'loose'`, ['x'])).toThrow(/Only functions/);
  });
});

describe('the rollback of every path', () => {
  test('has an undo for exactly the kinds its other scripts record, and no other', () => {
    let smallest = Infinity;
    let largest = 0;
    for (const answers of allCompleteAnswers()) {
      const rec = recommend(answers);
      const recorded = recordedChangeKinds([rec.scripts.target, rec.scripts.client, rec.scripts.resource ?? '']);
      const undo = new Set([...rec.scripts.rollback.matchAll(/^\s*function Undo-Guide(\w+) \{/gm)].map((m) => m[1]!));
      // Undo functions that others call (CredSSPEnabled -> WSManSetting, ...) may come along.
      for (const kind of recorded) expect(undo.has(kind), `${answersKey(answers)} records ${kind}`).toBe(true);
      const uncalled = [...undo].filter((kind) => !recorded.has(kind) && !new RegExp(`Undo-Guide${kind} -Change`).test(rec.scripts.rollback));
      expect(uncalled, answersKey(answers)).toEqual([]);
      // Every Save-GuideChange names its kind literally, so that the list above is complete.
      for (const text of [rec.scripts.target, rec.scripts.client, rec.scripts.resource ?? '']) {
        expect(text.match(/Save-GuideChange @\{ Kind = /g)?.length ?? 0).toBe(text.match(/Save-GuideChange @\{ Kind = '[A-Za-z]+'/g)?.length ?? 0);
        expect(text.match(/Save-GuideChange /g)?.length ?? 0).toBe((text.match(/Save-GuideChange @\{ Kind = /g)?.length ?? 0) + (text.match(/function Save-GuideChange/g)?.length ?? 0));
      }
      const lines = rec.scripts.rollback.split('\n').length;
      smallest = Math.min(smallest, lines);
      largest = Math.max(largest, lines);
    }
    console.info(`[rollback] ${smallest}-${largest} lines`);
  });
});
