// Facts on the topic pages that a review corrected (issue 9), held by checks that read the pages
// themselves: STIG ids against the checklist table, the checklist's audit commands against its
// table, and wording that was wrong before (NTLM Operational log, Remote Shell Access, CredSSP undo,
// localized group names, firewall policy names).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const contentDir = join(import.meta.dirname, '..', 'content');

interface Page {
  slug: string;
  /** Everything after the frontmatter. */
  body: string;
  /** The body without fenced code blocks. */
  prose: string;
  /** The contents of the fenced code blocks. */
  code: string;
  sources: string;
}

function readPage(file: string): Page {
  const raw = readFileSync(join(contentDir, file), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
  const frontmatter = match?.[1] ?? '';
  const body = match?.[2] ?? raw;
  const fence = /^```[^\n]*\n([\s\S]*?)^```$/gm;
  return {
    slug: file.replace(/\.mdx$/, ''),
    body,
    prose: body.replace(fence, ''),
    code: [...body.matchAll(fence)].map((m) => m[1]).join('\n'),
    sources: frontmatter,
  };
}

const pages = readdirSync(contentDir)
  .filter((f) => f.endsWith('.mdx'))
  .map(readPage);
const page = (slug: string): Page => {
  const p = pages.find((x) => x.slug === slug);
  if (!p) throw new Error(`no page ${slug}`);
  return p;
};

/** The text under a heading, up to the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const lines = text.split('\n');
  let inFence = false;
  // Heading level per line, 0 for other lines and for comment lines inside code blocks.
  const levels = lines.map((l) => {
    if (l.startsWith('```')) inFence = !inFence;
    return inFence ? 0 : (/^(#{1,6}) /.exec(l)?.[1]?.length ?? 0);
  });
  const start = lines.findIndex((l, i) => levels[i]! > 0 && l.replace(/^#+ /, '') === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const end = levels.findIndex((level, i) => i > start && level > 0 && level <= levels[start]!);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Text with every run of white space turned into one space, as it reads on the page. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

/** Fenced code inside a piece of page text. */
const codeIn = (text: string): string => [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]).join('\n');

/** Table rows (cells trimmed) in a piece of page text, without header separator lines. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
    .map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));
}

/**
 * Prose cut into sentences: each table row and each list item on its own, paragraphs joined and
 * split after a full stop, question or exclamation mark.
 */
function sentences(prose: string): string[] {
  const out: string[] = [];
  for (const block of prose.split(/\n\s*\n/)) {
    const units: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('|') || /^\s*([-*]|\d+\.) /.test(line) || units.length === 0) units.push(line);
      else units[units.length - 1] += ` ${line}`;
    }
    for (const unit of units) out.push(...unit.split(/(?<=[.!?])\s+(?=[A-Z`*"(])/));
  }
  return out.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const STIG_ID = /\bWN22-[A-Z]{2}-\d{6}\b/g;
const checklist = page('hardening-checklist');
const baseline = section(checklist.body, 'Baseline settings');
const auditCode = codeIn(section(checklist.body, 'Audit the current state'));
const applyCode = codeIn(section(checklist.body, 'Apply the settings'));

describe('the hardening checklist is the index of baseline ids', () => {
  const tableIds = new Set(tableRows(baseline).flatMap((r) => r.join(' ').match(STIG_ID) ?? []));

  it('its baseline table names STIG ids', () => expect(tableIds.size).toBeGreaterThan(10));

  it.each(pages.map((p) => [p.slug, p] as const))('%s names only STIG ids that the checklist table lists', (_, p) => {
    const named = [...new Set(p.body.match(STIG_ID) ?? [])];
    expect(named.filter((id) => !tableIds.has(id))).toEqual([]);
  });
});

describe('the checklist audits what its table lists', () => {
  const rows = tableRows(baseline);
  const header = rows.find((r) => r.includes('Registry value'));
  const column = header ? header.indexOf('Registry value') : -1;
  const entries = rows
    .filter((r) => r !== header && r.length > column && column >= 0 && !r.includes('Registry value'))
    .flatMap((r) => [...r[column]!.matchAll(/`([^`]+)`(?:\s*=\s*(\d+))?/g)].map((m) => ({ token: m[1]!, value: m[2] })));
  const auditLines = auditCode.split('\n').map((l) => l.toLowerCase());

  it('the table has a registry column with entries', () => expect(entries.length).toBeGreaterThan(15));

  it.each(entries.map((e) => [e.token, e] as const))('%s is checked by the audit commands', (_, e) => {
    if (!e.token.includes('\\')) {
      // A feature or user-right name: the audit must query it.
      expect(auditCode).toContain(e.token);
      return;
    }
    const path = e.token.startsWith('HKLM:\\') ? e.token : `HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\${e.token}`;
    const key = path.slice(0, path.lastIndexOf('\\')).toLowerCase();
    const name = path.slice(path.lastIndexOf('\\') + 1).toLowerCase();
    const line = auditLines.find((l) => l.includes(`'${key}'`) && l.includes(`'${name}'`));
    expect(line, `an audit line reading ${key} ${name}`).toBeDefined();
    if (e.value !== undefined) expect(line).toMatch(new RegExp(`\\b${e.value}\\b`));
  });

  it.each([
    'Microsoft\\Windows\\PowerShell\\ScriptBlockLogging',
    'Microsoft\\Windows\\PowerShell\\Transcription',
    'Microsoft\\PowerShellCore\\ScriptBlockLogging',
    'Microsoft\\PowerShellCore\\Transcription',
  ])('the audit and the apply commands both name the %s policy key', (key) => {
    expect(auditCode.toLowerCase()).toContain(key.toLowerCase());
    expect(applyCode.toLowerCase()).toContain(key.toLowerCase());
  });

  it('the CredSSP policy row names the registry values it writes', () => {
    expect(checklist.body).not.toMatch(/policy only/i);
    const row = rows.find((r) => /Allow CredSSP authentication/.test(r[0] ?? ''));
    expect(row?.[column]).toMatch(/AllowCredSSP/);
  });

  it('the Windows PowerShell 2.0 engine is audited and removed', () => {
    expect(auditCode).toMatch(/PowerShell-v2/);
    expect(auditCode).toMatch(/MicrosoftWindowsPowerShellV2Root/);
    expect(applyCode).toMatch(/Uninstall-WindowsFeature -Name PowerShell-v2/);
    expect(applyCode).toMatch(/Disable-WindowsOptionalFeature -Online -FeatureName MicrosoftWindowsPowerShellV2Root/);
  });
});

describe('NTLM auditing is described as it is', () => {
  const operationalLog = /NTLM\s*(›|>|\\)\s*Operational|NTLM Operational|Microsoft-Windows-NTLM\/Operational/i;

  it.each(pages.map((p) => [p.slug, p] as const))('%s does not present the NTLM Operational log as new in 24H2 / Server 2025', (_, p) => {
    const wrong = sentences(p.prose).filter((s) => operationalLog.test(s) && /24H2|Server 2025/.test(s) && !/enhanced/i.test(s));
    expect(wrong).toEqual([]);
  });

  it.each(pages.filter((p) => operationalLog.test(p.body)).map((p) => [p.slug, p] as const))(
    '%s, which points to the NTLM Operational log, names the Restrict NTLM audit policies that fill it',
    (_, p) => expect(flat(p.prose)).toMatch(/Restrict NTLM: Audit/),
  );

  it('the NTLM page finds NTLM logons in the Security log (4624, authentication package NTLM)', () => {
    const ntlm = page('ntlm');
    expect(ntlm.code).toMatch(/4624/);
    expect(ntlm.code).toMatch(/AuthenticationPackageName'?\]?\s*=\s*'NTLM'/);
  });

  it('the NTLM page carries the LAN Manager level and NTLM session security settings', () => {
    const ntlm = page('ntlm');
    for (const s of ['WN22-SO-000310', 'LmCompatibilityLevel', 'NTLMMinClientSec', 'NTLMMinServerSec']) expect(ntlm.body).toContain(s);
  });
});

describe('settings that cut off remoting say so', () => {
  it.each(pages.filter((p) => /Allow Remote Shell Access|AllowRemoteShellAccess/.test(p.body)).map((p) => [p.slug, p] as const))(
    '%s quotes the error PowerShell remoting gets when Remote Shell Access is off',
    (_, p) => {
      expect(flat(p.prose)).toContain('The service is configured to not accept any remote shell requests');
      expect(flat(p.body)).not.toMatch(/only where WinRS is not needed/);
    },
  );

  it.each(pages.filter((p) => /Stop-Service -Name WinRM|-Name WinRM -StartupType Disabled/.test(p.code)).map((p) => [p.slug, p] as const))(
    '%s, which stops WinRM, warns that Windows Event Forwarding depends on it',
    (_, p) => expect(flat(p.prose)).toMatch(/event forwarding/i),
  );

  it.each(pages.filter((p) => /LocalAccountTokenFilterPolicy/.test(p.prose)).map((p) => [p.slug, p] as const))(
    '%s, which discusses LocalAccountTokenFilterPolicy, cites the STIG rule',
    (_, p) => expect(p.prose).toContain('WN22-MS-000020'),
  );

  it('the checklist and remoting basics explain the member-server network logon denial', () => {
    for (const slug of ['hardening-checklist', 'remoting-basics']) {
      expect(flat(page(slug).prose)).toContain('Deny access to this computer from the network');
      expect(page(slug).prose).toContain('WN22-MS-000080');
    }
  });
});

describe('commands and names that were stale', () => {
  it.each(pages.filter((p) => /Disable-WSManCredSSP -Role Client/.test(p.code)).map((p) => [p.slug, p] as const))(
    '%s says that Disable-WSManCredSSP -Role Client removes every wsman/ entry',
    (_, p) => expect(flat(p.prose)).toMatch(/every `?wsman\//i),
  );

  it('the CredSSP page shows how to remove a single delegation entry', () => {
    const code = page('credssp').code;
    expect(code).toMatch(/AllowFreshCredentials/);
    expect(code).toMatch(/Enable-WSManCredSSP -Role Client -DelegateComputer \$/);
  });

  it.each(pages.map((p) => [p.slug, p] as const))('%s grants icacls rights to well-known groups by SID, not by localized name', (_, p) => {
    const byName = p.body.split('\n').filter((l) => /icacls/i.test(l) && /\/grant\s+'?(Administrators|SYSTEM|Users|Everyone|Authenticated Users)\b/i.test(l));
    expect(byName).toEqual([]);
  });

  it.each(pages.map((p) => [p.slug, p] as const))('%s uses the current firewall policy names', (_, p) => {
    // The old name may only appear next to the current one (as when quoting older help).
    const oldName = sentences(p.prose).filter(
      (s) => /(?<!Defender )Windows Firewall: Allow local port exceptions/.test(s) && !s.includes('Windows Defender Firewall: Allow local port exceptions'),
    );
    expect(oldName).toEqual([]);
    expect(p.code).not.toMatch(/(?<!Defender )Windows Firewall: Allow local port exceptions/);
    if (/Allow local port exceptions/.test(flat(p.body))) expect(flat(p.prose)).toContain('Apply local firewall rules');
  });

  it.each(pages.map((p) => [p.slug, p] as const))('%s does not tie NT AUTHORITY\\INTERACTIVE to PowerShell 7 endpoints only', (_, p) => {
    const only7 = sentences(p.prose).filter((s) => /NT AUTHORITY\\INTERACTIVE/.test(s) && !/Microsoft\.PowerShell/i.test(s));
    expect(only7).toEqual([]);
  });

  it('the event-log page points to the Black Hat paper where Microsoft links it', () => {
    const logs = page('event-logs-and-auditing');
    expect(logs.sources).toContain('https://www.blackhat.com/docs/us-14/materials/us-14-Kazanciyan-Investigating-Powershell-Attacks-WP.pdf');
    expect(sentences(logs.prose).filter((s) => /current/i.test(s) && /links/i.test(s) && /Mandiant's site/i.test(s))).toEqual([]);
  });

  it('the event-log page gives the CIS levels for script block logging and transcription', () => {
    const logs = page('event-logs-and-auditing').body;
    expect(flat(section(logs, 'Script block logging (event 4104)'))).toMatch(/CIS[^.]*Level 1/);
    expect(flat(section(logs, 'Transcription'))).toMatch(/CIS[^.]*Level 2/);
  });

  it('the event-log page covers the PowerShell 2.0 downgrade', () => {
    const logs = page('event-logs-and-auditing');
    expect(logs.prose).toContain('WN22-00-000410');
    expect(logs.code).toMatch(/EngineVersion=2/);
  });
});
