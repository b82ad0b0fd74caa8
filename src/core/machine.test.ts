import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import { questionnaireMachine } from './machine';
import type { QuestionnaireEvent, QuestionnaireInput } from './questionnaire-view';
import type { Answers } from './model';

function start(input?: QuestionnaireInput) {
  return createActor(questionnaireMachine(), { input }).start();
}

const answer = (question: string, value: string) => ({ type: 'ANSWER', question, value }) as QuestionnaireEvent;

function send(actor: ReturnType<typeof start>, ...events: QuestionnaireEvent[]) {
  for (const e of events) actor.send(e);
  return actor.getSnapshot();
}

const KERBEROS_PATH: Array<[string, string]> = [
  ['platform', 'windows'],
  ['domain', 'same'],
  ['address', 'name'],
  ['assurance', 'standard'],
  ['network', 'private'],
  ['who', 'admins'],
  ['hop', 'files'],
  ['adcontrol', 'yes'],
  ['trust', 'normal'],
  ['protected', 'no'],
];

describe('questionnaire machine', () => {
  test('starts at the first question and follows the path', () => {
    const actor = start();
    expect(actor.getSnapshot().value).toBe('platform');
    expect(send(actor, answer('platform', 'windows')).value).toBe('domain');
    expect(send(actor, answer('domain', 'same')).value).toBe('address');
    expect(send(actor, answer('address', 'ip')).value).toBe('pki');
    expect(send(actor, answer('pki', 'none')).value).toBe('network');
  });

  test('walks a full path to done', () => {
    const actor = start();
    const snapshot = send(actor, ...KERBEROS_PATH.map(([q, v]) => answer(q, v)));
    expect(snapshot.value).toBe('done');
    expect(snapshot.context.answers).toEqual(Object.fromEntries(KERBEROS_PATH));
    expect(snapshot.context.history).toEqual(KERBEROS_PATH.map(([q]) => q));
  });

  test('ignores an answer for another question or with an invalid value', () => {
    const actor = start();
    expect(send(actor, answer('domain', 'same')).value).toBe('platform');
    expect(send(actor, answer('platform', 'linux')).value).toBe('platform');
    expect(actor.getSnapshot().context.answers).toEqual({});
  });

  test('BACK returns to the previous question and keeps the answers', () => {
    const actor = start();
    send(actor, answer('platform', 'windows'), answer('domain', 'workgroup'));
    expect(actor.getSnapshot().value).toBe('pki');
    let s = send(actor, { type: 'BACK' });
    expect(s.value).toBe('domain');
    expect(s.context.answers).toEqual({ platform: 'windows', domain: 'workgroup' });
    s = send(actor, { type: 'BACK' });
    expect(s.value).toBe('platform');
    // BACK on the first question does nothing.
    s = send(actor, { type: 'BACK' });
    expect(s.value).toBe('platform');
    // Answering again goes to the first question without an answer (domain is answered), answers kept.
    s = send(actor, answer('platform', 'windows'));
    expect(s.value).toBe('pki');
    expect(s.context.answers.domain).toBe('workgroup');
    // BACK from there walks the path: domain is shown again with its answer.
    expect(send(actor, { type: 'BACK' }).value).toBe('domain');
  });

  test('BACK from done goes to the last question on the path', () => {
    const actor = start();
    send(actor, ...KERBEROS_PATH.map(([q, v]) => answer(q, v)));
    expect(send(actor, { type: 'BACK' }).value).toBe('protected');
  });

  test('RESTART clears everything', () => {
    const actor = start();
    send(actor, answer('platform', 'mixed'), answer('network', 'public'));
    const s = send(actor, { type: 'RESTART' });
    expect(s.value).toBe('platform');
    expect(s.context).toEqual({ answers: {}, history: [] });
  });

  test('starts from a partial answer set at the first unanswered question', () => {
    const s = start({ answers: { platform: 'windows', domain: 'same', network: 'private' } }).getSnapshot();
    expect(s.value).toBe('address');
    expect(s.context.history).toEqual(['platform', 'domain']);
    expect(s.context.answers).toEqual({ platform: 'windows', domain: 'same', network: 'private' });
  });

  test('a later answer in the input is kept and skipped over when reached', () => {
    const actor = start({ answers: { platform: 'windows', domain: 'same', network: 'private' } });
    let s = send(actor, answer('address', 'name'));
    expect(s.value).toBe('assurance');
    s = send(actor, answer('assurance', 'high'));
    // network already has an answer: it is skipped, and BACK shows it with its answer.
    expect(s.value).toBe('who');
    expect(s.context.answers.network).toBe('private');
    expect(send(actor, { type: 'BACK' }).value).toBe('network');
  });

  test('starts in done from a complete answer set, and drops invalid or inapplicable input', () => {
    const complete = Object.fromEntries(KERBEROS_PATH);
    expect(start({ answers: complete }).getSnapshot().value).toBe('done');
    const s = start({ answers: { platform: 'mixed', domain: 'same', who: 'root', bogus: 'x' } as Record<string, unknown> }).getSnapshot();
    expect(s.context.answers).toEqual({ platform: 'mixed' });
    expect(s.value).toBe('network');
  });

  test('changing an earlier answer drops the answers that no longer apply', () => {
    const actor = start({ answers: Object.fromEntries(KERBEROS_PATH) });
    expect(actor.getSnapshot().value).toBe('done');
    // Go back to "domain" (GOTO) and change it.
    let s = send(actor, { type: 'GOTO', question: 'domain' });
    expect(s.value).toBe('domain');
    expect(s.context.history).toEqual(['platform']);
    s = send(actor, answer('domain', 'workgroup'));
    const answers: Answers = s.context.answers;
    // address, assurance, adcontrol, trust and protected no longer apply.
    expect(answers).toEqual({ platform: 'windows', domain: 'workgroup', network: 'private', who: 'admins', hop: 'files' });
    // pki now applies and has no answer: it is next.
    expect(s.value).toBe('pki');
    // Answering it completes the set again: network, who and hop are not asked again.
    s = send(actor, answer('pki', 'selfsigned'));
    expect(s.value).toBe('done');
    expect(s.context.answers).toEqual({ platform: 'windows', domain: 'workgroup', pki: 'selfsigned', network: 'private', who: 'admins', hop: 'files' });
  });

  test('changing platform to mixed drops every Windows-only answer', () => {
    const actor = start({ answers: Object.fromEntries(KERBEROS_PATH) });
    send(actor, { type: 'GOTO', question: 'platform' });
    const s = send(actor, answer('platform', 'mixed'));
    expect(s.context.answers).toEqual({ platform: 'mixed', network: 'private', who: 'admins', hop: 'files' });
    // Every question still on the path has an answer: straight back to done.
    expect(s.value).toBe('done');
  });

  test('changing hop to none drops the second-hop answers', () => {
    const actor = start({ answers: Object.fromEntries(KERBEROS_PATH) });
    send(actor, { type: 'BACK' }, { type: 'BACK' }, { type: 'BACK' }, { type: 'BACK' });
    expect(actor.getSnapshot().value).toBe('hop');
    const s = send(actor, answer('hop', 'none'));
    expect(s.value).toBe('done');
    expect(s.context.answers).not.toHaveProperty('adcontrol');
    expect(s.context.answers).not.toHaveProperty('trust');
    expect(s.context.answers).not.toHaveProperty('protected');
  });

  test('changing one answer of a complete set goes back to done, whichever question it was', () => {
    const complete = Object.fromEntries(KERBEROS_PATH);
    for (const [question, value] of [['assurance', 'high'], ['network', 'public'], ['who', 'delegated'], ['trust', 'tier0'], ['protected', 'yes']] as const) {
      const actor = start({ answers: complete });
      send(actor, { type: 'GOTO', question });
      expect(actor.getSnapshot().value).toBe(question);
      const s = send(actor, answer(question, value));
      expect(s.value, `${question}=${value}`).toBe('done');
      expect(s.context.answers[question]).toBe(value);
    }
  });

  test('a change that opens a question goes to it, then to done', () => {
    const actor = start({ answers: Object.fromEntries(KERBEROS_PATH) });
    send(actor, { type: 'GOTO', question: 'address' });
    // By IP address opens "pki"; everything after it stays answered.
    let s = send(actor, answer('address', 'ip'));
    expect(s.value).toBe('pki');
    s = send(actor, answer('pki', 'enterprise'));
    expect(s.value).toBe('done');
    expect(s.context.answers).toMatchObject({ address: 'ip', pki: 'enterprise', network: 'private', who: 'admins', hop: 'files' });
  });

  test('GOTO refuses questions that do not apply or lie beyond the first unanswered one', () => {
    const actor = start({ answers: { platform: 'windows' } });
    expect(send(actor, { type: 'GOTO', question: 'assurance' }).value).toBe('domain');
    expect(send(actor, { type: 'GOTO', question: 'who' }).value).toBe('domain');
    expect(send(actor, { type: 'GOTO', question: 'platform' }).value).toBe('platform');
  });
});
