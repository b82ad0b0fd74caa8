/** The prerequisites checklist follows the path, and every item cites a known source. */
import { describe, expect, test } from 'vitest';
import type { Answers } from '../model';
import { recommendModel } from '../recommend-model';
import { buildPrerequisites } from './prerequisites';
import { SOURCE_KEYS } from '../sources';
import { allCompleteAnswers, answersKey } from '../testing/answers';

const prerequisites = (a: Answers) => buildPrerequisites(recommendModel(a));
const ids = (a: Answers) => prerequisites(a).map((p) => p.id);
const base = { platform: 'windows', network: 'private', hop: 'none' } as const;

describe('prerequisites', () => {
  test('JEA: the group and its members, the tasks, PowerShell 5.1; a local group on a workgroup server', () => {
    const jea = { ...base, domain: 'same', address: 'name', assurance: 'standard', who: 'delegated' } as const;
    expect(ids(jea)).toEqual(expect.arrayContaining(['jea-group', 'jea-tasks', 'jea-powershell']));
    const workgroup = prerequisites({ ...base, domain: 'workgroup', pki: 'selfsigned', who: 'delegated' }).find((p) => p.id === 'jea-group');
    expect(workgroup?.text).toContain('a local group on the server');
  });

  test('SSH: PowerShell 7 at both ends and the OpenSSH server; HTTPS: the certificate; RBKCD: the AD module and rights', () => {
    expect(ids({ platform: 'mixed', network: 'private', who: 'admins', hop: 'none' })).toEqual(['ssh-powershell-7', 'ssh-openssh-server', 'ssh-allow-group']);
    expect(ids({ ...base, domain: 'same', address: 'ip', pki: 'selfsigned', who: 'admins' })).toContain('certificate-self-signed-transfer');
    expect(ids({ ...base, domain: 'same', address: 'name', assurance: 'high', who: 'admins' })).toContain('certificate-template');
    expect(ids({ ...base, domain: 'same', address: 'name', assurance: 'standard', who: 'admins', hop: 'files', adcontrol: 'yes', trust: 'normal', protected: 'no' })).toContain(
      'rbkcd-ad-rights',
    );
  });

  test('every path has a checklist, and every item cites known sources', () => {
    for (const answers of allCompleteAnswers()) {
      const list = prerequisites(answers);
      expect(list.length, answersKey(answers)).toBeGreaterThan(0);
      for (const p of list) for (const s of p.sources) expect(SOURCE_KEYS, `${p.id}`).toContain(s);
    }
  });
});
