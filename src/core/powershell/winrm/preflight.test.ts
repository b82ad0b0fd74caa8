/**
 * Pre-flight of the WinRM target script: the admin-address list (issue 7, defects 9 and 10), values
 * controlled by Group Policy (defect 9) and network profiles the firewall rule does not cover
 * (defect 3). Each check runs in pwsh against stubs, and every WinRM target script is checked to run
 * it before the backup, that is before any change.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { describePwsh } from '../../../../tests/powershell/pwsh';
import { runSnippets, type SnippetResult } from '../../testing/pwsh-snippets';
import { allWinRMRecommendations, assign, recommendation, sectionText } from '../../testing/winrm-fixtures';
import { writeAdminSubnetCheck, writeNetworkProfileCheck, writePolicyPreflight, writePrologue } from '../common';
import { plannedTargetValues } from './preflight';

const targets = allWinRMRecommendations().map((rec) => ({ rec, text: rec.scripts.target }));

function beforeBackup(text: string, marker: string): boolean {
  const at = text.indexOf(marker);
  return at >= 0 && at < text.indexOf('Backup: saved before any change');
}

describe('every WinRM target script checks before its backup', () => {
  test('the admin-address list, by range and family, not by an exact list of refused strings', () => {
    for (const { text } of targets) {
      expect(beforeBackup(text, 'Get-GuideAdminAddressProblem -Entry')).toBe(true);
      expect(beforeBackup(text, '$guideTargetBytes = Get-GuideAddressBytes')).toBe(true);
      expect(text).not.toContain('$GuideRefusedAddresses -contains');
    }
  });

  test('Group Policy on every WSMan: value it sets', () => {
    for (const { rec, text } of targets) {
      expect(beforeBackup(text, 'foreach ($guideCheck in $guidePolicyChecks)')).toBe(true);
      for (const v of plannedTargetValues(rec)) expect(text).toContain(`Path = '${v.path}'`);
      for (const m of text.matchAll(/Set-GuideWSManSetting -Path '([^']+)' -Value '([^']+)'/g)) {
        expect(text, `${m[1]} is set but not checked for Group Policy`).toContain(`Path = '${m[1]}'; Value = '${m[2]}'`);
      }
    }
  });

  test('the network profiles against the profiles of its firewall rule', () => {
    for (const { rec, text } of targets) {
      expect(beforeBackup(text, 'foreach ($guideConnection in @(Get-NetConnectionProfile))')).toBe(true);
      expect(text).toContain(`$guideRuleProfiles = @(${rec.firewall.profiles.map((p) => `'${p}'`).join(', ')})`);
    }
  });
});

interface AddressCase {
  name: string;
  target: string;
  admin: string | string[];
  ok: boolean;
  because?: RegExp;
}

const ADDRESS_CASES: AddressCase[] = [
  { name: 'one IPv4 prefix', target: 'srv01.corp.example.com', admin: '10.0.50.0/24', ok: true },
  { name: 'IPv4 and IPv6 prefixes', target: 'srv01.corp.example.com', admin: ['10.0.50.0/24', '2001:db8:50::/64'], ok: true },
  { name: 'LocalSubnet, any letter case', target: '10.20.30.40', admin: 'localsubnet', ok: true },
  { name: 'an address and a small range', target: '10.20.30.40', admin: ['10.0.50.7', '10.0.50.10-10.0.50.20'], ok: true },
  { name: 'the largest IPv4 prefix', target: '10.20.30.40', admin: '10.0.0.0/8', ok: true },
  { name: 'a range the size of a /8', target: '10.20.30.40', admin: '10.0.0.0-10.255.255.255', ok: true },
  { name: 'the largest IPv6 prefix', target: '2001:db8:20::40', admin: '2001:db8:50::/48', ok: true },
  { name: 'half of IPv4', target: '10.20.30.40', admin: '0.0.0.0/1', ok: false, because: /admits too much/ },
  { name: 'a /7', target: '10.20.30.40', admin: ['10.0.50.0/24', '10.0.0.0/7'], ok: false, because: /admits too much/ },
  { name: 'all of IPv4 as a range', target: '10.20.30.40', admin: '0.0.0.0-255.255.255.255', ok: false, because: /admits too much/ },
  {
    name: 'a range one address larger than a /8',
    target: '10.20.30.40',
    admin: '9.255.255.255-10.255.255.255',
    ok: false,
    because: /admits too much/,
  },
  { name: 'all of IPv6', target: '2001:db8:20::40', admin: '::/0', ok: false, because: /admits too much/ },
  { name: 'an IPv6 /32', target: '2001:db8:20::40', admin: '2001:db8::/32', ok: false, because: /admits too much/ },
  { name: 'Internet', target: '10.20.30.40', admin: 'Internet', ok: false, because: /not an IP address/ },
  { name: 'Intranet', target: '10.20.30.40', admin: 'Intranet', ok: false, because: /not an IP address/ },
  { name: 'Any', target: '10.20.30.40', admin: 'Any', ok: false, because: /not an IP address/ },
  { name: 'a wildcard', target: '10.20.30.40', admin: '*', ok: false, because: /not an IP address/ },
  { name: 'a subnet mask', target: '10.20.30.40', admin: '10.0.50.0/255.255.255.0', ok: false, because: /not a subnet mask/ },
  { name: 'a reversed range', target: '10.20.30.40', admin: '10.0.50.20-10.0.50.10', ok: false, because: /ends before it starts/ },
  { name: 'an IPv4 address with a leading zero', target: '10.20.30.40', admin: '010.0.50.7', ok: false, because: /not an IP address/ },
  { name: 'the unspecified address', target: '10.20.30.40', admin: '0.0.0.0', ok: false, because: /unspecified/ },
  { name: 'an empty entry', target: '10.20.30.40', admin: ['10.0.50.0/24', ''], ok: false, because: /is empty/ },
  { name: 'an empty list', target: '10.20.30.40', admin: [], ok: false, because: /\$AdminSubnet is empty/ },
  { name: 'IPv6 target, IPv4 list', target: '2001:db8:20::40', admin: '10.0.50.0/24', ok: false, because: /IPv6 address .* no IPv6 entry/ },
  { name: 'IPv6 target, IPv6 entry', target: '2001:db8:20::40', admin: ['10.0.50.0/24', '2001:db8:50::/64'], ok: true },
  { name: 'IPv6 target, LocalSubnet', target: '2001:db8:20::40', admin: 'LocalSubnet', ok: true },
  { name: 'IPv4 target, IPv6 list', target: '10.20.30.40', admin: '2001:db8:50::/64', ok: false, because: /IPv4 address .* no IPv4 entry/ },
];

describePwsh('admin-address list (defects 9 and 10)', (pwsh) => {
  let results = new Map<string, SnippetResult>();
  beforeAll(async () => {
    const check = sectionText(writePrologue, writeAdminSubnetCheck);
    results = await runSnippets(
      pwsh,
      ADDRESS_CASES.map((c) => ({ name: c.name, script: `${assign({ Target: c.target, AdminSubnet: c.admin })}\n${check}\n'PASSED'` })),
    );
  }, 120_000);

  test.each(ADDRESS_CASES)('$name', (c) => {
    const r = results.get(c.name)!;
    if (c.ok) {
      expect(r.error).toBeNull();
      expect(r.output).toContain('PASSED');
    } else {
      expect(r.error).toMatch(c.because!);
      expect(r.error).toContain('Nothing was changed.');
    }
  });
});

/** A WSMan: drive and policy registry held in hashtables: $wsman[path] = @{ Value; SourceOfValue }. */
const POLICY_STUBS = String.raw`
function Get-Item { param($Path) [pscustomobject]$wsman[$Path] }
function Get-ItemProperty { param($Path, $Name) if ($policies.ContainsKey($Path + '\' + $Name)) { [pscustomobject]@{ $Name = $policies[$Path + '\' + $Name] } } }
`;

function policyCase(name: string, state: string): { name: string; script: string } {
  const rec = recommendation('kerberosHttps');
  const check = sectionText((w) => writePolicyPreflight(w, plannedTargetValues(rec)));
  return { name, script: `${POLICY_STUBS}\n${state}\n${check}\n'PASSED'` };
}

const STOCK_SERVICE = String.raw`
$wsman = @{
    'WSMan:\localhost\Service\AllowUnencrypted' = @{ Value = 'false'; SourceOfValue = '' }
    'WSMan:\localhost\Service\Auth\Basic' = @{ Value = 'false'; SourceOfValue = '' }
    'WSMan:\localhost\Service\Auth\CbtHardeningLevel' = @{ Value = 'Relaxed'; SourceOfValue = '' }
    'WSMan:\localhost\Service\Auth\CredSSP' = @{ Value = 'false'; SourceOfValue = '' }
}
$policies = @{}
`;

describePwsh('values controlled by Group Policy stop the script in pre-flight (defect 9)', (pwsh) => {
  let results = new Map<string, SnippetResult>();
  beforeAll(async () => {
    results = await runSnippets(pwsh, [
      policyCase('stock server', STOCK_SERVICE),
      policyCase(
        'Basic enabled by Group Policy',
        `${STOCK_SERVICE}\n$wsman['WSMan:\\localhost\\Service\\Auth\\Basic'] = @{ Value = 'true'; SourceOfValue = 'GPO' }`,
      ),
      policyCase(
        'channel binding level set by the policy registry value',
        `${STOCK_SERVICE}\n$policies['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service\\CBTHardeningLevelStatus'] = 1`,
      ),
      policyCase(
        'a policy that already holds the wanted value',
        `${STOCK_SERVICE}\n$wsman['WSMan:\\localhost\\Service\\AllowUnencrypted'] = @{ Value = 'false'; SourceOfValue = 'GPO' }`,
      ),
    ]);
  }, 120_000);

  test('a stock server passes', () => {
    expect(results.get('stock server')).toMatchObject({ error: null, output: ['PASSED'] });
  });

  test('a value set by Group Policy that the script would change stops it and names the policy', () => {
    const r = results.get('Basic enabled by Group Policy')!;
    expect(r.error).toContain('WSMan:\\localhost\\Service\\Auth\\Basic is controlled by Group Policy');
    expect(r.error).toContain(
      'the policy "Allow Basic authentication" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service)',
    );
    expect(r.error).toContain('Nothing was changed.');
  });

  test('the WinRM policy registry value counts even when the WSMan: item does not say GPO', () => {
    expect(results.get('channel binding level set by the policy registry value')!.error).toContain(
      'the policy "Specify channel binding token hardening level" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service)',
    );
  });

  test('a policy that already holds the value the script wants is no obstacle', () => {
    expect(results.get('a policy that already holds the wanted value')).toMatchObject({ error: null, output: ['PASSED'] });
  });
});

describePwsh('a network connection on a profile the rule does not cover (defect 3)', (pwsh) => {
  const profile = (category: string) =>
    `function Get-NetConnectionProfile { [pscustomobject]@{ Name = 'Network 2'; InterfaceAlias = 'Ethernet0'; InterfaceIndex = 12; NetworkCategory = '${category}' } }`;
  const privateRule = sectionText((w) => writeNetworkProfileCheck(w, recommendation('kerberosHttp').firewall.profiles));
  const publicRule = sectionText((w) => writeNetworkProfileCheck(w, recommendation('kerberosPublic').firewall.profiles));
  let results = new Map<string, SnippetResult>();
  beforeAll(async () => {
    results = await runSnippets(pwsh, [
      { name: 'domain network', script: `${profile('DomainAuthenticated')}\n${privateRule}\n'PASSED'` },
      { name: 'private network', script: `${profile('Private')}\n${privateRule}\n'PASSED'` },
      { name: 'public network, private rule', script: `${profile('Public')}\n${privateRule}\n'PASSED'` },
      { name: 'public network, public rule', script: `${profile('Public')}\n${publicRule}\n'PASSED'` },
    ]);
  }, 120_000);

  test('Domain and Private connections pass a rule for Domain and Private', () => {
    expect(results.get('domain network')!.error).toBeNull();
    expect(results.get('private network')!.error).toBeNull();
  });

  test('a Public connection stops the script before the built-in rules are disabled', () => {
    const r = results.get('public network, private rule')!;
    expect(r.error).toContain("'Network 2' (Ethernet0) is on the Public profile");
    expect(r.error).toContain('Set-NetConnectionProfile -InterfaceIndex 12 -NetworkCategory Private');
    expect(r.error).toContain('Nothing was changed.');
  });

  test('the path for servers on untrusted networks covers the Public profile', () => {
    expect(results.get('public network, public rule')!.error).toBeNull();
  });
});
