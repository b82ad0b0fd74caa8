/**
 * Bad and hostile input to the audit: it never throws, and says which line and what was expected.
 * Values from the input are carried as data only (no markup is produced), and every value spliced
 * into a fix command is a quoted PowerShell literal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_INPUT_CHARS, auditInput, type AuditResult } from './index';

const SAMPLES = join(import.meta.dirname, 'samples');
const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');
const STOCK = sample('ws2022-stock.txt');
const WEAK_JSON = sample('weakened.json');

function problems(result: AuditResult): { line: number; message: string }[] {
  if (result.ok) throw new Error('expected problems, got a result');
  expect(result.problems.length).toBeGreaterThan(0);
  return result.problems;
}

describe('size, binary data, encoding', () => {
  test('a 50 MB paste is refused up front, with the limit in the message', () => {
    const huge = STOCK.repeat(Math.ceil(50_000_000 / STOCK.length));
    const t0 = performance.now();
    const p = problems(auditInput(huge));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(p[0]!.message).toMatch(/2 MB/);
    expect(p[0]!.message).toMatch(/million characters/);
    expect(problems(auditInput('x'.repeat(MAX_INPUT_CHARS + 1)))[0]!.line).toBe(1);
  });

  test('NUL bytes (binary, or UTF-16 read as UTF-8) name the line', () => {
    const p = problems(auditInput(STOCK.replace('    Client', '    C\u0000l\u0000i\u0000e\u0000n\u0000t')));
    expect(p[0]).toMatchObject({ line: 7, message: expect.stringMatching(/NUL/) });
  });

  test('other control characters and lone surrogates are refused', () => {
    expect(problems(auditInput(`Config\n    \u0007bell = 1`))[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/control character \(U\+0007\)/),
    });
    expect(problems(auditInput(`Config\n    Max = \ud800x`))[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/lone surrogate/),
    });
    expect(problems(auditInput(`Config\n    Max = \udc00`))[0]!.message).toMatch(/surrogate/);
  });

  test('empty input and non-strings', () => {
    expect(problems(auditInput('   \n\n'))[0]!.message).toMatch(/empty/);
    expect(problems(auditInput(undefined as unknown as string))[0]!.message).toMatch(/not text/);
  });

  test('a byte order mark and CRLF line ends are accepted', () => {
    const r = auditInput(`\ufeff${STOCK.replace(/\n/g, '\r\n')}`);
    expect(r.ok).toBe(true);
  });
});

describe('text that is not, or no longer, winrm output', () => {
  test('truncated output: the line where it ends and what is missing', () => {
    const lines = STOCK.split('\n');
    const cut = lines.slice(0, 30).join('\n');
    const p = problems(auditInput(cut));
    expect(p[0]!.line).toBe(30);
    expect(p[0]!.message).toMatch(/ends at line 30.*truncated/);
    const listenerCut = STOCK.slice(0, STOCK.indexOf('    Port = 5985'));
    expect(problems(auditInput(listenerCut))[0]!.message).toMatch(/Listener block at line \d+ has no Port, Enabled.*truncated/);
  });

  test("another command's output", () => {
    const ipconfig = 'Windows IP Configuration\n\nEthernet adapter Ethernet:\n\n   IPv4 Address. . . . . . . . . . . : 10.0.10.5\n';
    expect(problems(auditInput(ipconfig))[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/expected "Config".*another command/),
    });
    const getItem =
      '   WSManConfig: Microsoft.WSMan.Management\\WSMan::localhost\\Client\n\nType            Name                           SourceOfValue   Value\n';
    expect(problems(auditInput(getItem))[0]!.message).toMatch(/expected "Config"/);
    const fault = 'WSManFault\n    Message = Access is denied.\n\nError number:  -2147024891 0x80070005\n';
    expect(problems(auditInput(fault))[0]!.message).toMatch(/WinRM error message/);
  });

  test('localized (German and French) output is recognized as such', () => {
    const german = STOCK.replace('Config\n', 'Konfiguration\n');
    expect(problems(auditInput(german))[0]!.message).toMatch(/localized.*-format:xml/);
    const frenchValue = STOCK.replace('            Basic = false', '            Basic = faux');
    expect(problems(auditInput(frenchValue))[0]).toMatchObject({ line: 31, message: expect.stringMatching(/localized/) });
    const umlaut = STOCK.replace('        Auth\n            Basic = true', '        Authentifizierung\n            Basic = true').replace(
      'NetworkDelayms',
      'Netzwerkverzögerung',
    );
    expect(problems(auditInput(umlaut))[0]!.message).toMatch(/localized/);
  });

  test('re-indented text: tabs or another width are fine when unambiguous', () => {
    const tabs = STOCK.replace(/^((?: {4})+)/gm, (m) => '\t'.repeat(m.length / 4));
    const two = STOCK.replace(/^((?: {4})+)/gm, (m) => ' '.repeat(m.length / 2));
    const a = auditInput(tabs);
    const b = auditInput(two);
    const stock = auditInput(STOCK);
    if (!a.ok || !b.ok || !stock.ok) throw new Error('re-indented stock output was refused');
    expect(a.config).toEqual(stock.config);
    expect(b.config).toEqual(stock.config);
  });

  test('ambiguous indentation is refused with the line', () => {
    const mixed = STOCK.replace('        Auth\n            Basic = true', '        Auth\n\t    Basic = true');
    expect(problems(auditInput(mixed))[0]).toMatchObject({ line: 12, message: expect.stringMatching(/both tabs and spaces/) });
    const odd = STOCK.replace('            Digest = true', '          Digest = true');
    expect(problems(auditInput(odd))[0]).toMatchObject({ line: 13, message: expect.stringMatching(/not a multiple of/) });
    const flat = STOCK.replace(/^ +/gm, '');
    expect(problems(auditInput(flat))[0]!.message).toMatch(/lost its indentation|expected/);
  });

  test('a second Config block (two servers pasted together)', () => {
    expect(problems(auditInput(`${STOCK}\n${STOCK}`))[0]!.message).toMatch(/second "Config" block/);
  });
});

describe('XML', () => {
  const XML = sample('gpo.xml');
  test('truncated XML names the line', () => {
    const p = problems(auditInput(XML.slice(0, XML.indexOf('<cfg:Winrs>') + 40)));
    expect(p[0]!.message).toMatch(/broken or incomplete.*truncated/);
    expect(p[0]!.line).toBeGreaterThan(40);
  });
  test('DOCTYPE and entities are refused (no entity expansion)', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><cfg:Config xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config">&lol2;</cfg:Config>';
    expect(problems(auditInput(bomb))[0]!.message).toMatch(/document type declaration/);
  });
  test('HTML and other XML are not winrm output', () => {
    expect(problems(auditInput('<html><body><script>alert(1)</script></body></html>'))[0]!.message).toMatch(/HTML page/);
    expect(
      problems(auditInput('<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj/></Objs>'))[0]!.message,
    ).toMatch(/expected the element cfg:Config.*another command/);
  });
  test('a Config without its Winrs block is truncated', () => {
    const noWinrs = XML.replace(/<cfg:Winrs>[\s\S]*<\/cfg:Winrs>\n/, '');
    expect(problems(auditInput(noWinrs))[0]!.message).toMatch(/no Winrs block.*truncated/);
  });
});

describe('JSON', () => {
  test('JSON that does not match the schema names the path', () => {
    const data = JSON.parse(WEAK_JSON);
    data.Listeners.Items[1].Port = 5986;
    expect(problems(auditInput(JSON.stringify(data)))[0]!.message).toMatch(/^Listeners\.Items\[1\]\.Port: .*expected string/);
    delete data.Firewall;
    expect(
      problems(auditInput(JSON.stringify(data)))
        .map((p) => p.message)
        .join('\n'),
    ).toMatch(/Firewall/);
  });
  test('another JSON document, truncated JSON, invalid JSON', () => {
    expect(problems(auditInput('{"schema":"psremoting-recommendation/1"}'))[0]!.message).toMatch(/no "Schema": "psremoting-audit\/1"/);
    expect(problems(auditInput('[1,2,3]'))[0]!.message).toMatch(/not an object/);
    expect(problems(auditInput(WEAK_JSON.slice(0, 5000)))[0]!.message).toMatch(/truncated/);
    expect(problems(auditInput('{\n  "Schema": "psremoting-audit/1",\n  oops\n}'))[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/not valid JSON/),
    });
  });
  test('a NUL escaped inside a JSON string is refused with its path', () => {
    const data = JSON.parse(WEAK_JSON);
    data.Computer.Name = 'WEB\u000007';
    expect(problems(auditInput(JSON.stringify(data)))[0]!.message).toMatch(/^Computer\.Name holds a control character/);
  });
  test('a failed probe leaves its rules unchecked and keeps the rest', () => {
    const data = JSON.parse(WEAK_JSON);
    data.Firewall = { Rules: null, Error: 'CimException: Access denied' };
    const r = auditInput(JSON.stringify(data));
    if (!r.ok) throw new Error('refused');
    expect(r.config.probeErrors).toEqual([{ probe: 'Firewall', error: 'CimException: Access denied' }]);
    expect(r.notChecked.map((n) => n.ruleId)).toEqual(['firewall-open-to-any', 'firewall-on-public']);
    expect(r.findings.some((f) => f.ruleId === 'service-basic')).toBe(true);
  });
});

describe('values are data', () => {
  const SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>";
  test('HTML in values reaches findings verbatim, as plain strings, and fixes quote it', () => {
    const data = JSON.parse(WEAK_JSON);
    data.SessionConfigurations.Items[2].Name = `HelpDesk${SCRIPT}`;
    data.Firewall.Rules[0].Name = `WINRM'; Remove-Item C:\\ -Recurse; '${SCRIPT}`;
    data.Computer.Name = `WEB07'$(Stop-Computer)`;
    const r = auditInput(JSON.stringify(data));
    if (!r.ok) throw new Error('refused');
    const endpoint = r.findings.find((f) => f.ruleId === 'endpoint-open' && f.subject?.startsWith('HelpDesk'))!;
    expect(endpoint.subject).toBe(`HelpDesk${SCRIPT}`);
    expect(endpoint.fix).toMatchObject({
      command: `Set-PSSessionConfiguration -Name 'HelpDesk<script>alert(''x'')</script><img src=x onerror=alert(1)>' -ShowSecurityDescriptorUI -Force`,
    });
    const rule = r.findings.find((f) => f.ruleId === 'firewall-open-to-any' && f.subject?.startsWith("WINRM'"))!;
    expect(rule.fix.kind === 'command' && rule.fix.command).toContain(
      "Set-NetFirewallRule -Name 'WINRM''; Remove-Item C:\\ -Recurse; ''<script>",
    );
    const deleg = r.findings.find((f) => f.ruleId === 'unconstrained-delegation')!;
    expect(deleg.fix).toMatchObject({ command: "Set-ADAccountControl -Identity 'WEB07''$(Stop-Computer)$' -TrustedForDelegation $false" });
    // Everything in a result is a string, number, boolean or plain object/array: no functions, no markup builders.
    const json = JSON.stringify(r);
    expect(JSON.parse(json)).toEqual(r);
  });

  test('HTML in text output values is kept as the value', () => {
    const r = auditInput(STOCK.replace('        TrustedHosts\n', `        TrustedHosts = ${SCRIPT}\n`));
    if (!r.ok) throw new Error('refused');
    expect(r.config.winrm['Client/TrustedHosts']!.value).toBe(SCRIPT);
  });
});

describe('never throws', () => {
  test('random text, random mutations of the samples, random JSON', () => {
    const samples = [STOCK, sample('gpo.xml'), WEAK_JSON, sample('hardened.txt')];
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const r = auditInput(s);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300, seed: 11 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (i, a, b, insert) => {
        const text = samples[i]!;
        const from = a % text.length;
        const to = Math.min(text.length, from + (b % 200));
        const r = auditInput(text.slice(0, from) + insert + text.slice(to));
        if (!r.ok) for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 400, seed: 12 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const r = auditInput(
          JSON.stringify({ ...(typeof v === 'object' && v && !Array.isArray(v) ? v : { v }), Schema: 'psremoting-audit/1' }),
        );
        expect(r.ok).toBe(false);
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});
