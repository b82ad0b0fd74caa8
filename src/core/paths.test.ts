/**
 * Walks every path of the questionnaire machine with xstate/graph. For each complete path:
 * a recommendation exists, the invariants hold, the permalink round-trips, and the JSON export
 * matches its schema. (Parsing every script: tests/powershell/parse.test.ts, PowerShell's parser.)
 */
import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { toJsonExport } from './export-json';
import { RecommendationExportSchema } from './export-json-schema';
import { questionnaireMachine } from './machine';
import { canGoBack, questionnaireView, type QuestionnaireEvent, type QuestionnaireInput } from './questionnaire-view';
import { QUESTION_ORDER, QUESTION_VALUES, isQuestionId, type Answers, type QuestionId, type Recommendation } from './model';
import { decodePermalink, encodeAnswers } from './permalink';
import { recommend } from './recommend';
import { checkInvariants } from './rules/invariants';
import { GUIDE_NAME } from './rules/constants';
import { RULESET_VERSION } from './rules/version';
import { allCompleteAnswers, answersKey } from './testing/answers';

/** The exact number of complete paths (see docs/ENGINE.md for the breakdown). */
const EXPECTED_PATHS = 344;

function answerEvents(value: string): QuestionnaireEvent[] {
  if (!isQuestionId(value)) return [];
  return QUESTION_VALUES[value].map((v) => ({ type: 'ANSWER', question: value, value: v }) as QuestionnaireEvent);
}

function walk() {
  const started = performance.now();
  const paths = getSimplePaths(questionnaireMachine(), {
    events: (snapshot) => answerEvents(String(snapshot.value)),
    filterEvents: (_snapshot, event) => event.type === 'ANSWER',
    toState: (snapshot) => snapshot.value === 'done',
  });
  return { paths, ms: performance.now() - started };
}

describe('every path of the questionnaire', () => {
  const { paths, ms } = walk();
  const complete = paths.map((p) => p.state.context.answers as Answers);

  test(`the graph walk finds exactly ${EXPECTED_PATHS} complete paths`, () => {
    console.info(`[paths] xstate/graph getSimplePaths: ${paths.length} complete paths in ${ms.toFixed(0)} ms`);
    expect(paths.length).toBe(EXPECTED_PATHS);
    // The walk and an independent enumeration from the question rules agree.
    const fromRules = new Set(allCompleteAnswers().map(answersKey));
    expect(new Set(complete.map(answersKey))).toEqual(fromRules);
  });

  test('replaying each path on a real actor ends in done with the same answers', () => {
    for (const path of paths) {
      const actor = createActor(questionnaireMachine(), { input: {} }).start();
      for (const step of path.steps) {
        actor.send(step.event);
        // The page's cheap question (canGoBack) agrees with the machine's own answer at every step.
        expect(canGoBack(actor.getSnapshot().context)).toBe(actor.getSnapshot().can({ type: 'BACK' }));
      }
      const snapshot = actor.getSnapshot();
      expect(snapshot.value).toBe('done');
      expect(snapshot.context.answers).toEqual(path.state.context.answers);
      actor.stop();
    }
  });

  test("the guide's view of an address (no actor) is what a started actor holds, at every step of every path and after GOTO to any question", () => {
    /** A started actor's state and context, after GOTO `step` when given (as the page's send does). */
    const fromActor = (input: QuestionnaireInput, step?: QuestionId) => {
      const actor = createActor(questionnaireMachine(), { input }).start();
      if (step) actor.send({ type: 'GOTO', question: step });
      const { value, context } = actor.getSnapshot();
      actor.stop();
      return { value, context };
    };
    // Every partial answer set on the way along every path (each once), and links a user can edit by hand.
    const inputs = new Map<string, QuestionnaireInput>();
    for (const path of paths) {
      const actor = createActor(questionnaireMachine(), { input: {} }).start();
      for (const step of path.steps) {
        actor.send(step.event);
        const answers = actor.getSnapshot().context.answers;
        inputs.set(answersKey(answers), { answers });
      }
      actor.stop();
    }
    const handEdited: QuestionnaireInput[] = [
      {},
      { answers: { platform: 'nonsense' } },
      { answers: { ...complete[0], domain: 'nonsense' } },
      { answers: { network: 'public', who: 'admins' } },
      { answers: { hop: 'files', platform: 'windows' } },
    ];
    const steps: Array<QuestionId | undefined> = [undefined, ...QUESTION_ORDER, 'nonsense' as QuestionId];
    let compared = 0;
    for (const input of [...inputs.values(), ...handEdited]) {
      for (const step of steps) {
        expect(questionnaireView(input, step), `${JSON.stringify(input.answers)} at ${String(step)}`).toEqual(fromActor(input, step));
        compared++;
      }
    }
    expect(inputs.size).toBeGreaterThan(EXPECTED_PATHS);
    console.info(`[paths] questionnaireView agreed with a started actor in ${compared} cases`);
  });

  test('every path: recommendation, invariants, permalink round trip, JSON schema', () => {
    for (const answers of complete) {
      const rec = recommend(answers);
      expect(checkInvariants(rec), answersKey(answers)).toEqual([]);
      expect(rec.rulesetVersion).toBe(RULESET_VERSION);
      // Round trip: decode(encode(a)) = a, without problems.
      const decoded = decodePermalink(encodeAnswers(answers));
      expect(decoded.problems, answersKey(answers)).toEqual([]);
      expect(decoded.answers).toEqual(answers);
      expect(decodePermalink(rec.permalink).answers).toEqual(answers);
      // The export validates against its schema.
      const parsed = RecommendationExportSchema.safeParse(toJsonExport(rec));
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
      // Unique ids.
      expect(new Set(rec.warnings.map((w) => w.id)).size).toBe(rec.warnings.length);
      expect(new Set(rec.settings.map((s) => s.id)).size).toBe(rec.settings.length);
      expect(new Set(rec.impacts.map((i) => i.id)).size).toBe(rec.impacts.length);
      // A resource script exactly when the second computer's AD object changes.
      expect(rec.scripts.resource !== undefined).toBe(rec.secondHop === 'rbkcd');
    }
  });

  // Parsing: every script of every path goes through PowerShell's own parser in
  // tests/powershell/parse.test.ts (the tree-sitter grammar rejects some valid PowerShell and
  // took minutes on the longer scripts; it is kept for the hostile-input property tests).

  test('every script: ASCII only, header, error handling, no raw host outside variables', () => {
    for (const answers of complete) {
      const rec: Recommendation = recommend(answers);
      for (const [name, text] of Object.entries(rec.scripts) as Array<[string, string]>) {
        const where = `${name} script for ${answersKey(answers)}`;
        const nonAscii = [...text].filter((c) => c !== '\n' && c !== '\t' && (c < ' ' || c > '~'));
        expect(nonAscii, `${where} must be ASCII (Windows PowerShell 5.1 reads BOM-less files as ANSI)`).toEqual([]);
        expect(text, where).toContain(GUIDE_NAME);
        expect(text, where).toContain(`Ruleset ${RULESET_VERSION}`);
        expect(text, where).toContain('Generated from:');
        expect(text, where).toContain(rec.permalink);
        expect(text, where).toContain("$ErrorActionPreference = 'Stop'");
        expect(text, where).toMatch(/^#Requires -Version (5\.1|7\.0)$/m);
        if (name === 'target' || name === 'rollback' || (name === 'client' && rec.transport !== 'ssh')) {
          expect(text, where).toMatch(/^#Requires -RunAsAdministrator$/m);
        }
        if (name === 'resource') expect(text, where).toMatch(/^#Requires -Modules ActiveDirectory$/m);
        if (name !== 'rollback') expect(text, where).toContain(`$Target = '${rec.hosts.target.value}'`);
        if (name === 'target' && rec.transport !== 'ssh') {
          expect(text, where).toContain('winrm get winrm/config');
          expect(text, where).toContain('Export-Clixml');
          // The backup is written before the first change.
          expect(text.indexOf('Export-Clixml')).toBeLessThan(text.indexOf('Set-GuideWSManSetting -Path'));
        }
        if (name === 'rollback') expect(text, where).toContain('Import-Clixml');
      }
    }
  });
});
