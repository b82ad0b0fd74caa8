import { describe, expect, test } from 'vitest';
import { allCompleteAnswers } from './testing/answers';
import { recommend } from './recommend';
import { SOURCE_KEYS, sourceOf, type SourceDocument } from './sources';
import { publicUrl } from './source-url';

/** Each publisher and the hosts its links may go to: a link must lead to whoever the page says published it. */
const PUBLISHER_HOSTS: [RegExp, string[]][] = [
  [/^Microsoft Learn$/, ['learn.microsoft.com']],
  [/^Microsoft Tech Community/, ['techcommunity.microsoft.com']],
  [/^GitHub/, ['github.com']],
  [/^OpenBSD/, ['man.openbsd.org']],
  [/^Ansible/, ['docs.ansible.com']],
  [/^DISA/, ['stigaview.com']],
  [/^Center for Internet Security/, ['www.cisecurity.org']],
  [/^MITRE/, ['car.mitre.org']],
  [/^artefacts\.help$/, ['artefacts.help']],
  [/^nathanberg\.io$/, ['nathanberg.io']],
  [/^Australian Signals Directorate/, ['www.cyber.gov.au']],
];

function expectReadable(doc: SourceDocument, where: string) {
  expect(doc.title.trim(), `${where}: title`).not.toBe('');
  expect(doc.title, `${where}: a title, not a repository path`).not.toMatch(/^[\w.-]+\/[\w.-]+: |\.md\b|\.yml\b/);
  const url = new URL(doc.url);
  expect(url.protocol, `${where}: ${doc.url}`).toBe('https:');
  const hosts = PUBLISHER_HOSTS.find(([p]) => p.test(doc.publisher))?.[1];
  expect(hosts, `${where}: a known publisher (${doc.publisher})`).toBeDefined();
  expect(hosts, `${where}: ${doc.url} is on ${doc.publisher}'s site`).toContain(url.hostname);
}

describe('source catalogue', () => {
  test.each(SOURCE_KEYS)('%s has a title, a publisher and an https link to that publisher', (key) => {
    const s = sourceOf(key);
    expectReadable(s, key);
    for (const [i, other] of (s.also ?? []).entries()) expectReadable(other, `${key} also[${i}]`);
    expect(s.provenance.trim()).not.toBe('');
  });

  test('no two keys name the same primary document', () => {
    const urls = SOURCE_KEYS.map((k) => sourceOf(k).url);
    expect(new Set(urls).size).toBe(urls.length);
  });

  test('every key cited by any rule, setting, warning or alternative resolves to a document', () => {
    const cited = new Set<string>();
    for (const answers of allCompleteAnswers()) {
      const rec = recommend(answers);
      for (const item of [...rec.settings, ...rec.warnings, ...rec.alternatives, ...rec.rationale, ...(rec.groupPolicy?.rows ?? [])]) {
        for (const key of item.sources) cited.add(key);
      }
    }
    expect(cited.size).toBeGreaterThan(20);
    for (const key of cited) expect(sourceOf(key as never)?.url, key).toMatch(/^https:\/\//);
  });
});

describe('publicUrl: repository paths become the pages readers open', () => {
  test.each([
    [
      'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/WinRM-Security.md',
      'https://learn.microsoft.com/powershell/scripting/security/remoting/winrm-security',
    ],
    [
      'MicrosoftDocs/PowerShell-Docs: reference/docs-conceptual/security/remoting/powershell-remoting-faq.yml',
      'https://learn.microsoft.com/powershell/scripting/security/remoting/powershell-remoting-faq',
    ],
    [
      'MicrosoftDocs/PowerShell-Docs: reference/7.5/Microsoft.PowerShell.Core/About/about_Remote_Requirements.md',
      'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_remote_requirements?view=powershell-7.5',
    ],
    [
      'MicrosoftDocs/PowerShell-Docs: reference/5.1/Microsoft.WSMan.Management/Enable-WSManCredSSP.md',
      'https://learn.microsoft.com/powershell/module/microsoft.wsman.management/enable-wsmancredssp?view=powershell-5.1',
    ],
    ['MicrosoftDocs/win32: desktop-src/WinRM/multi-hop-support.md', 'https://learn.microsoft.com/windows/win32/winrm/multi-hop-support'],
    [
      'MicrosoftDocs/windows-powershell-docs: docset/winserver2022-ps/activedirectory/Set-ADAccountControl.md',
      'https://learn.microsoft.com/powershell/module/activedirectory/set-adaccountcontrol?view=windowsserver2022-ps',
    ],
    [
      'MicrosoftDocs/windowsserverdocs: WindowsServerDocs/administration/OpenSSH/OpenSSH_Install_FirstUse.md',
      'https://learn.microsoft.com/windows-server/administration/openssh/openssh_install_firstuse',
    ],
    [
      'MicrosoftDocs/windows-itpro-docs: windows/client-management/mdm/policy-csp-remotemanagement.md',
      'https://learn.microsoft.com/windows/client-management/mdm/policy-csp-remotemanagement',
    ],
    [
      'ansible/ansible-documentation: docs/docsite/rst/os_guide/windows_winrm.rst',
      'https://docs.ansible.com/ansible/latest/os_guide/windows_winrm.html',
    ],
    [
      'jborean93/PSWSMan: docs/en-US/about_PSWSManAuthentication.md',
      'https://github.com/jborean93/PSWSMan/blob/HEAD/docs/en-US/about_PSWSManAuthentication.md',
    ],
    ['https://car.mitre.org/analytics/CAR-2014-11-004/', 'https://car.mitre.org/analytics/CAR-2014-11-004/'],
  ])('%s', (ref, url) => expect(publicUrl(ref)).toBe(url));

  test('anything else has no address', () => {
    expect(publicUrl('CIS Windows benchmarks')).toBeUndefined();
    expect(publicUrl('http://example.com/x')).toBeUndefined();
    expect(publicUrl('MicrosoftDocs/PowerShell-Docs: somewhere/else.txt')).toBeUndefined();
  });
});
