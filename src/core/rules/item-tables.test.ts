/**
 * The settings, warnings and alternatives tables: well-formed rows, each cited and reachable, and no
 * recommendation that lists the same item twice (rows that share an item id must exclude each other).
 */
import { describe, expect, test } from 'vitest';
import { validateHosts } from '../recommend';
import { SOURCE_KEYS } from '../sources';
import { allCompleteAnswers } from '../testing/answers';
import { isTopicSlug } from '../topics';
import { ALTERNATIVE_RULES, buildAlternatives } from './alternatives';
import type { ItemRule } from './item-table';
import { makePlan, type Plan } from './plan';
import { SETTING_RULES, buildSettings } from './settings';
import { WARNING_RULES, buildWarnings } from './warnings';

const TABLES: Record<string, readonly ItemRule[]> = {
  settings: SETTING_RULES,
  warnings: WARNING_RULES,
  alternatives: ALTERNATIVE_RULES,
};

// Host rows only apply to host names the user entered, some of them contradicting the answers.
const HOST_INPUTS = [
  {},
  { target: 'srv9.example.org' },
  { target: '10.1.2.3' },
  { target: 'srv9.example.org', resource: 'SRV9.example.org' },
  { target: 'srv9.example.org', resource: '10.9.9.9' },
];

const PLANS: Plan[] = allCompleteAnswers().flatMap((answers) => HOST_INPUTS.map((hosts) => makePlan(answers, validateHosts(hosts))));

const duplicates = (values: string[]) => values.filter((value, i) => values.indexOf(value) !== i);

describe.each(Object.entries(TABLES))('the %s table', (_name, rules) => {
  test('row ids are unique', () => {
    expect(duplicates(rules.map((rule) => rule.id))).toEqual([]);
  });

  test.each(rules.map((rule) => [rule.id, rule] as const))('%s cites known sources once each and links a topic page', (_id, rule) => {
    expect(rule.sources.length).toBeGreaterThan(0);
    for (const key of rule.sources) expect(SOURCE_KEYS).toContain(key);
    expect(duplicates(rule.sources)).toEqual([]);
    expect(isTopicSlug(rule.topic)).toBe(true);
  });

  test('every row applies to some plan', () => {
    const unused = rules.filter((rule) => !PLANS.some((plan) => rule.when(plan))).map((rule) => rule.id);
    expect(unused).toEqual([]);
  });
});

describe('no recommendation lists an item twice', () => {
  test.each([
    ['settings', (plan: Plan) => buildSettings(plan).map((s) => s.id)],
    ['warnings', (plan: Plan) => buildWarnings(plan).map((w) => w.id)],
    ['alternatives', (plan: Plan) => buildAlternatives(plan).map((x) => `${x.kind}: ${x.option}`)],
  ])('%s', (_name, itemKeys) => {
    const repeated = PLANS.flatMap((plan) => duplicates(itemKeys(plan)));
    expect([...new Set(repeated)]).toEqual([]);
  });
});
