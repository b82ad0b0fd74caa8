/** The Group Policy output: the settings table of every domain path, gpo.ps1's text, input validation. */
import { describe, expect, test } from 'vitest';
import type { Answers, Recommendation } from '../model';
import { psQuote } from '../powershell/quote';
import { recommend } from '../recommend';
import { SOURCE_KEYS } from '../sources';
import { allCompleteAnswers, answersKey } from '../testing/answers';
import { POLICY_TABLE, renderGroupPolicy, validateGpoName, validateOuDn } from './index';
import { KEYS } from './policy-table';
import { LISTENER_POLICY_ID } from './rows';
import type { PolicyRegistryValue } from './types';
import { GPO_NAME_PATTERN, OU_DN_PATTERN } from './validate';

const isDomainPath = (a: Answers) => a.platform === 'windows' && (a.domain === 'same' || a.domain === 'untrusted');
const ALL = allCompleteAnswers();
const DOMAIN = ALL.filter(isDomainPath);
const HOSTS = { target: 'app01.corp.example.com', resource: 'files01.corp.example.com', adminSubnet: '10.20.0.0/24, 2001:db8:20::/64' };
const RECS: Array<[string, Recommendation]> = DOMAIN.flatMap((a) => [
  [answersKey(a), recommend(a, {})] as [string, Recommendation],
  [`${answersKey(a)} | hosts`, recommend(a, HOSTS)] as [string, Recommendation],
]);

function values(rec: Recommendation, settingId: string): PolicyRegistryValue[] {
  return rec.groupPolicy!.rows.find((r) => r.settingId === settingId)?.registry ?? [];
}

function valueOf(rec: Recommendation, key: string, name: string): number | string | undefined {
  return rec.groupPolicy!.rows.flatMap((r) => r.registry).find((v) => v.key === key && v.valueName === name)?.value;
}

/** Setting id -> the registry value its WSMan value must give (booleans of the "Allow ..." policies). */
const WSMAN_ROWS: Record<string, [string, string]> = {
  'service-allow-unencrypted': [KEYS.winrmService, 'AllowUnencryptedTraffic'],
  'service-basic': [KEYS.winrmService, 'AllowBasic'],
  'service-credssp': [KEYS.winrmService, 'AllowCredSSP'],
  'client-allow-unencrypted': [KEYS.winrmClient, 'AllowUnencryptedTraffic'],
  'client-basic': [KEYS.winrmClient, 'AllowBasic'],
  'client-digest': [KEYS.winrmClient, 'AllowDigest'],
};

describe('which paths get a GPO', () => {
  test('every domain-joined Windows path has one, no other path has', () => {
    expect(DOMAIN.length).toBeGreaterThan(100);
    for (const a of ALL) expect(Boolean(recommend(a, {}).groupPolicy), answersKey(a)).toBe(isDomainPath(a));
  });
});

describe.each(RECS)('%s', (_key, rec) => {
  const gp = rec.groupPolicy!;

  test('a row for every setting, with a policy or what does it instead', () => {
    const ids = gp.rows.map((r) => r.settingId);
    for (const s of rec.settings) expect(ids, s.id).toContain(s.id);
    for (const row of gp.rows) {
      if (row.gpo === 'none') expect(row.instead, row.settingId).toBeTruthy();
      else expect(row.path, row.settingId).toMatch(/^Computer Configuration > Policies > /);
      if (row.inScript) expect(row.gpo).toBe('servers');
      expect(row.sources.length).toBeGreaterThan(0);
      for (const s of row.sources) expect(SOURCE_KEYS).toContain(s);
    }
  });

  test("the rows' registry values are the settings' values", () => {
    for (const s of rec.settings) {
      const target = WSMAN_ROWS[s.id];
      if (target && (s.value === 'true' || s.value === 'false')) {
        const v = values(rec, s.id).find((x) => x.key === target[0] && x.valueName === target[1]);
        expect(v?.value, s.id).toBe(s.value === 'true' ? 1 : 0);
      }
      if (s.id === 'service-cbt') expect(valueOf(rec, KEYS.winrmService, 'CbtHardeningLevel')).toBe(s.value);
      if (s.id === 'script-block-logging') expect(valueOf(rec, KEYS.scriptBlockLogging, 'EnableScriptBlockLogging')).toBe(Number(s.value));
      if (s.id === 'pwsh-script-block-logging') expect(valueOf(rec, KEYS.pwshScriptBlockLogging, 'EnableScriptBlockLogging')).toBe(1);
      if (s.id === 'disable-runas') expect(valueOf(rec, KEYS.winrmService, 'DisableRunAs')).toBe(1);
      if (s.id === 'local-account-token-filter-policy') expect(valueOf(rec, KEYS.uacRemote, 'LocalAccountTokenFilterPolicy')).toBe(0);
    }
  });

  test('no forbidden value anywhere', () => {
    const all = gp.rows.flatMap((r) => r.registry);
    for (const v of all) {
      if (/^Allow(Basic|UnencryptedTraffic)$/.test(v.valueName)) expect(v.value, `${v.key} ${v.valueName}`).toBe(0);
      if (v.valueName === 'AllowCredSSP') expect(v.value === 1, 'CredSSP only on the tier-0 CredSSP path').toBe(rec.secondHop === 'credssp');
      if (v.valueName === 'TrustedHostsList' || v.valueName === '1') expect(String(v.value)).not.toMatch(/\*/);
      if (v.valueName === 'CbtHardeningLevel') expect(v.value).toBe('Strict');
    }
    expect(gp.script).not.toMatch(/RemoteAddress\s+(Any|'Any'|\*)/i);
    for (const line of gp.script.split('\n').filter((l) => /^\s*(\$null = )?(New|Set)-NetFirewallRule /.test(l))) {
      expect(line).toMatch(/-PolicyStore \$GuidePolicyStore/);
      expect(line).toMatch(/-RemoteAddress \$AdminSubnet/);
    }
    // The servers' GPO never carries the client settings (they belong to the admin workstations).
    expect(gp.script).not.toContain('WinRM\\Client');
    expect(gp.script).not.toMatch(/AllowFreshCredentials/);
  });

  test("the listener filters are the server's addresses, never the admin subnet", () => {
    const listener = gp.rows.find((r) => r.settingId === LISTENER_POLICY_ID);
    expect(Boolean(listener)).toBe(rec.transport === 'http');
    if (!listener) {
      expect(gp.script).not.toContain('AllowAutoConfig');
      return;
    }
    for (const v of listener.registry.filter((x) => /Filter$/.test(x.valueName))) {
      expect(v.value).toBe('*');
      for (const admin of rec.firewall.remoteAddress.values) expect(String(v.value)).not.toContain(admin);
    }
  });

  test('the firewall rules of the plan are in the GPO, scoped and on the plan\'s profiles', () => {
    for (const rule of rec.firewall.rules) {
      expect(gp.script).toContain(`Set-GuideGpoFirewallRule -Name ${psQuote(rule.name)}`);
      expect(gp.script).toContain(`-Profiles @(${rule.profiles.map(psQuote).join(', ')})`);
    }
  });
});

describe('the policy table', () => {
  test('covers every setting id of every domain path and nothing else', () => {
    const ids = new Set(DOMAIN.flatMap((a) => recommend(a, {}).settings.map((s) => s.id)));
    for (const id of ids) expect(POLICY_TABLE[id], id).toBeDefined();
  });
});

const HOSTILE: string[] = [
  "Servers'; Remove-Item C:\\ -Recurse; '",
  'Servers$(Remove-Item C:\\)',
  'Servers`whoami`',
  'Servers\nRemove-Item',
  'Servers\u2018x',
  'Servers\u2019;calc',
  'Servers\u201cx',
  'Servers"x',
  'Servers\u2028x',
  'Servers\u0000',
];

describe('validation of the GPO name and the OU', () => {
  test.each(HOSTILE)('refuses the GPO name %j with a clear message', (name) => {
    const result = validateGpoName(name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/GPO name contains (a|an|the) /);
    expect(() => renderGroupPolicy(recommend(DOMAIN[0]!, {}), { gpoName: name })).toThrow(/GPO name/);
  });

  test.each(HOSTILE.map((h) => `OU=${h},DC=contoso,DC=com`))('refuses the OU %j with a clear message', (dn) => {
    const result = validateOuDn(dn);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/contains (a|an|the) /);
    expect(() => renderGroupPolicy(recommend(DOMAIN[0]!, {}), { linkOu: dn })).toThrow();
  });

  test.each([
    ['', /Enter a GPO name/],
    ['x'.repeat(101), /longer than 100/],
    [' Servers', /start with a letter or digit/],
    ['Servers.', /not end with/],
    ['Servers*', /asterisk/],
  ])('refuses the GPO name %j', (name, message) => {
    const result = validateGpoName(name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  test.each([
    ['CN=Computers,DC=contoso,DC=com', /starts with OU=/],
    ['DC=contoso,DC=com', /starts with OU=/],
    ['OU=Servers', /DC= parts/],
    ['OU=Servers, DC=contoso,DC=com', /space beside a comma/],
    ['OU=Servers,DC=contoso,OU=x,DC=com', /Only OU= parts then DC= parts/],
    ['OU=A,B,DC=contoso,DC=com', /TYPE=value/],
    ['OU=Servers,DC=contoso,DC=com ', /space/],
    ['OU=Servers+CN=x,DC=contoso,DC=com', /RFC 4514/],
    [`OU=${'a'.repeat(65)},DC=contoso,DC=com`, /longer than 64/],
  ])('refuses the OU %j', (dn, message) => {
    const result = validateOuDn(dn);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  test.each(['', 'OU=Servers,DC=contoso,DC=com', 'ou=Tier 1 Servers,OU=Paris\\, France,DC=corp,DC=contoso,DC=com', 'OU=Büro-Server,DC=contoso,DC=de', 'OU=A\\2CB,DC=x,DC=y'])(
    'accepts the OU %j and places it quoted in gpo.ps1',
    (dn) => {
      expect(validateOuDn(dn)).toEqual({ ok: true, value: dn });
      const plan = renderGroupPolicy(recommend(DOMAIN[0]!, {}), { linkOu: dn, gpoName: 'Tier 1 (WinRM) servers' })!;
      expect(plan.script).toContain(`$LinkOU = ${psQuote(dn)}`);
      expect(plan.script).toContain(`$GpoName = 'Tier 1 (WinRM) servers'`);
      expect(plan.rollback).toContain(`$GpoName = 'Tier 1 (WinRM) servers'`);
    },
  );

  test('the patterns placed in the script are the ones the page uses', () => {
    const plan = renderGroupPolicy(recommend(DOMAIN[0]!, {}))!;
    expect(plan.script).toContain(psQuote(GPO_NAME_PATTERN));
    expect(plan.script).toContain(psQuote(OU_DN_PATTERN));
  });
});
