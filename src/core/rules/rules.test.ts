/**
 * The rulings, restated independently of the rule tables and checked on every complete answer set.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Answers, Authentication, Recommendation, SecondHop, Transport } from '../model';
import { recommend } from '../recommend';
import { allCompleteAnswers, answersKey } from '../testing/answers';
import { checkInvariants } from './invariants';
import { AUTHENTICATION_RULES, ENDPOINT_RULES, SECOND_HOP_RULES, TRANSPORT_RULES } from './decisions';

const ALL = allCompleteAnswers();

function expectedAuthentication(a: Answers): Authentication {
  if (a.platform === 'mixed') return 'ssh';
  if (a.domain === 'same' && a.address === 'name') return 'kerberos';
  if (a.pki === 'none') return a.who === 'admins' ? 'ssh' : 'ntlm-trustedhosts';
  if (a.domain === 'workgroup') return 'certificate';
  return 'negotiate-https';
}

function expectedTransport(a: Answers, auth: Authentication): Transport {
  if (auth === 'ssh') return 'ssh';
  if (auth === 'kerberos') return a.assurance === 'high' ? 'https' : 'http';
  if (auth === 'ntlm-trustedhosts') return 'http';
  return 'https';
}

function expectedSecondHop(a: Answers, auth: Authentication): SecondHop {
  if (a.hop === 'none') return 'none';
  if (a.who === 'delegated' && auth !== 'ssh' && a.domain === 'same') return 'jea-gmsa';
  if (auth !== 'kerberos') return 'explicit-credentials';
  if (a.protected === 'yes') return 'explicit-credentials';
  if (a.hop === 'files' && a.adcontrol === 'yes') return 'rbkcd';
  if ((a.hop === 'remoting' || (a.hop === 'files' && a.adcontrol === 'no')) && a.trust === 'tier0' && a.protected === 'no') return 'credssp';
  return 'explicit-credentials';
}

const setting = (rec: Recommendation, id: string) => rec.settings.find((s) => s.id === id);
const warning = (rec: Recommendation, id: string) => rec.warnings.find((w) => w.id === id);

describe('the rulings hold on all complete answer sets', () => {
  test(`${ALL.length} answer sets`, () => {
    expect(ALL.length).toBe(344);
  });

  test.each(ALL.map((a) => [answersKey(a), a] as const))('%s', (_key, a) => {
    const rec = recommend(a);
    const auth = expectedAuthentication(a);
    expect(rec.authentication).toBe(auth);
    expect(rec.transport).toBe(expectedTransport(a, auth));
    expect(rec.port).toBe({ http: 5985, https: 5986, ssh: 22 }[rec.transport]);
    expect(rec.endpoint).toBe(a.who === 'delegated' && auth !== 'ssh' ? 'jea' : 'default');
    expect(rec.secondHop).toBe(expectedSecondHop(a, auth));
    expect(checkInvariants(rec)).toEqual([]);

    // Firewall: scoped, right profiles, never Any; public gets a warning.
    expect(rec.firewall.profiles).toEqual(a.network === 'public' ? ['Domain', 'Private', 'Public'] : ['Domain', 'Private']);
    expect(rec.firewall.rules.every((r) => r.remoteAddress === '$AdminSubnet')).toBe(true);
    expect(rec.firewall.rules[0]?.port).toBe(rec.port);
    expect(warning(rec, 'public-network') !== undefined).toBe(a.network === 'public');

    // Every IP path says that names + Kerberos are better, and lists it as an alternative first.
    if (a.address === 'ip') {
      expect(warning(rec, 'connect-by-name')).toBeDefined();
      expect(rec.alternatives[0]?.option).toBe('kerberos (connect by name)');
    }

    if (rec.transport !== 'ssh') {
      // Always on WinRM paths.
      expect(setting(rec, 'service-allow-unencrypted')?.value).toBe('false');
      expect(setting(rec, 'client-allow-unencrypted')?.value).toBe('false');
      expect(setting(rec, 'service-basic')?.value).toBe('false');
      expect(setting(rec, 'client-basic')?.value).toBe('false');
      expect(setting(rec, 'client-digest')?.value).toBe('false');
      expect(setting(rec, 'service-credssp')?.value).toBe(rec.secondHop === 'credssp' ? 'true' : 'false');
      expect(setting(rec, 'local-account-token-filter-policy')?.value).toMatch(/^0 /);
      expect(setting(rec, 'script-block-logging')?.value).toBe('1');
      expect(rec.scripts.client).toContain("-Path 'WSMan:\\localhost\\Client\\Auth\\Basic' -Value 'false'");
      expect(rec.scripts.target).toContain("-Path 'WSMan:\\localhost\\Service\\AllowUnencrypted' -Value 'false'");
      expect(rec.scripts.target).not.toMatch(/LocalAccountTokenFilterPolicy[^\n]*-Value/);
      expect(rec.scripts.target).toContain("Disable-GuideBuiltInFirewallRule -Name 'WINRM-HTTP-In-TCP*'");
    }

    switch (auth) {
      case 'ssh':
        expect(rec.scripts.target).toContain('PubkeyAuthentication yes');
        expect(rec.scripts.target).toContain('AllowGroups');
        expect(rec.scripts.target).toContain('$DisablePasswordAuthentication = $false');
        expect(rec.scripts.target).toContain('#Requires -Version 7.0');
        expect(warning(rec, 'ssh-no-jea') !== undefined).toBe(a.who === 'delegated');
        if (a.who === 'delegated') {
          expect(warning(rec, 'ssh-no-jea')?.severity).toBe('high');
          expect(rec.alternatives.some((x) => x.kind === 'endpoint' && x.option.startsWith('jea'))).toBe(true);
        }
        break;
      case 'kerberos':
        expect(rec.trustedHosts).toEqual([]);
        if (a.assurance === 'high') {
          expect(rec.certificate).toMatchObject({ source: 'enterprise-ca', template: 'WebServer' });
          expect(warning(rec, 'certificate-template')?.message).toMatch(/template may have another name/);
          expect(setting(rec, 'service-cbt')?.value).toBe('Strict');
          expect(rec.httpListener).toBe('removed');
          const impact = rec.impacts.find((i) => i.id === 'http-listener-removed');
          expect(impact?.message).toMatch(/Enable-PSRemoting/);
          expect(impact?.message).toMatch(/AllowAutoConfig/);
          expect(rec.firewall.rules.map((r) => r.port)).toEqual([5986]);
          expect(rec.scripts.target).toContain("Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{ Address = [string]$listener.Address; Transport = 'HTTP' }");
        } else {
          expect(rec.alternatives.some((x) => x.kind === 'transport' && x.option === 'https')).toBe(true);
          expect(rec.firewall.rules.map((r) => r.port)).toEqual([5985]);
        }
        break;
      case 'negotiate-https':
        expect(rec.certificate?.source).toBe(a.pki === 'selfsigned' ? 'self-signed' : 'enterprise-ca');
        expect(warning(rec, 'credential-required')).toBeDefined();
        expect(rec.scripts.client).toContain('-UseSSL -Authentication Negotiate -Credential $credential');
        if (a.pki === 'selfsigned') {
          expect(rec.scripts.target).toContain('Export-Certificate -Cert $serverCertificate');
          expect(rec.scripts.client).toContain('Import-Certificate -FilePath $ServerCertificateFile -CertStoreLocation Cert:\\LocalMachine\\Root');
          expect(warning(rec, 'self-signed-few-hosts')).toBeDefined();
        }
        break;
      case 'certificate':
        expect(setting(rec, 'service-certificate')?.value).toBe('true');
        expect(rec.scripts.target).toContain('New-Item -Path WSMan:\\localhost\\ClientCertificate -Subject $mappingSubject -URI * -Issuer $mappingIssuer');
        expect(warning(rec, 'certificate-mapping-admin-token') !== undefined).toBe(a.who === 'admins');
        break;
      case 'ntlm-trustedhosts':
        expect(rec.trustedHosts).toEqual([rec.hosts.target.value]);
        for (const id of ['ntlm-no-server-authentication', 'ntlm-rc4-over-http', 'ntlm-deprecated']) expect(warning(rec, id)?.severity).toBe('high');
        expect(rec.scripts.client).toContain('-Value $trustedHostsEntry -Concatenate -Force');
        expect(rec.scripts.client).toContain("if ($Target.Contains(':')) { $trustedHostsEntry = '[' + $Target + ']' }");
        break;
    }

    // Second hop.
    if (a.hop !== 'none') {
      const options = rec.alternatives.filter((x) => x.kind === 'secondHop').map((x) => x.option);
      expect(options).toEqual(expect.arrayContaining(['runas-endpoint', 'unconstrained delegation', 'kcd']));
      expect(options).not.toContain(rec.secondHop);
    }
    if (rec.secondHop === 'credssp') {
      expect(rec.scripts.client).toContain('Enable-WSManCredSSP -Role Client -DelegateComputer $Target -Force');
      expect(rec.scripts.target).toContain('Enable-WSManCredSSP -Role Server -Force');
      expect(rec.scripts.rollback).toContain('Disable-WSManCredSSP -Role Server');
      expect(rec.scripts.rollback).toContain('function Undo-GuideCredSSPDelegation');
    }
    if (rec.secondHop === 'rbkcd') {
      expect(rec.scripts.resource).toContain('Set-ADComputer -Identity $ResourceComputer -PrincipalsAllowedToDelegateToAccount');
      expect(rec.scripts.resource).toContain('klist purge -li 0x3e7');
      expect(rec.scripts.rollback).toContain('-PrincipalsAllowedToDelegateToAccount $null');
      expect(rec.alternatives.find((x) => x.option === 'kcd')?.whyNot).toMatch(/Domain Admin/);
    }
    if (rec.secondHop === 'jea-gmsa') {
      expect(rec.scripts.target).toContain('-GroupManagedServiceAccount $JeaGmsa');
      expect(warning(rec, 'gmsa-shared-identity')).toBeDefined();
    }
    if (rec.secondHop === 'explicit-credentials') {
      expect(warning(rec, 'explicit-credentials-exposure')).toBeDefined();
      expect(warning(rec, 'explicit-credentials-jea-function') !== undefined).toBe(rec.endpoint === 'jea');
    }
    if (rec.endpoint === 'jea') {
      expect(rec.scripts.target).toContain('-SessionType RestrictedRemoteServer');
      expect(rec.scripts.target).toContain('-TranscriptDirectory');
      expect(rec.scripts.target).toMatch(/\$JeaGroup = '(CONTOSO|FABRIKAM)\\JEA_Operators'|\$JeaGroup = 'JEA_Operators'/);
    }
  });
});

describe('rule tables', () => {
  const engineDoc = fileURLToPath(new URL('../../../docs/ENGINE.md', import.meta.url));
  test.skipIf(!fs.existsSync(engineDoc))('docs/ENGINE.md lists every rule', () => {
    const doc = fs.readFileSync(engineDoc, 'utf8');
    for (const rule of [...AUTHENTICATION_RULES, ...TRANSPORT_RULES, ...ENDPOINT_RULES, ...SECOND_HOP_RULES]) {
      expect(doc, rule.id).toContain(`| \`${rule.id}\` | ${rule.whenText} | \`${rule.value}\` |`);
    }
  });

  test('every second-hop rule is reachable', () => {
    const used = new Set(ALL.map((a) => recommend(a).rationale.find((r) => r.decision === 'secondHop')?.rule));
    for (const rule of SECOND_HOP_RULES) expect(used, rule.id).toContain(rule.id);
  });

  test('IPv6 targets get a bracketed TrustedHosts entry', () => {
    const rec = recommend({ platform: 'windows', domain: 'same', address: 'ip', pki: 'none', network: 'private', who: 'delegated', hop: 'none' }, { target: '2001:db8::10' });
    expect(rec.trustedHosts).toEqual(['[2001:db8::10]']);
    expect(checkInvariants(rec)).toEqual([]);
  });

  test('host names that contradict the answers are warned about', () => {
    const byName = { platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'admins', hop: 'files', adcontrol: 'yes', trust: 'normal', protected: 'no' } as Answers;
    expect(recommend(byName, { target: '192.0.2.10' }).warnings.map((w) => w.id)).toContain('target-is-ip-but-answer-is-name');
    expect(recommend(byName, { target: 'srv01', resource: '192.0.2.20' }).warnings.map((w) => w.id)).toContain('resource-is-ip');
    expect(recommend(byName, { target: 'srv01', resource: 'SRV01' }).warnings.map((w) => w.id)).toContain('resource-equals-target');
    const byIp = { platform: 'windows', domain: 'same', address: 'ip', pki: 'enterprise', network: 'private', who: 'admins', hop: 'none' } as Answers;
    expect(recommend(byIp, { target: 'srv01.contoso.com' }).warnings.map((w) => w.id)).toContain('target-is-name-but-answer-is-ip');
  });

  test('recommend refuses incomplete answers', () => {
    expect(() => recommend({ platform: 'windows' })).toThrow(/"domain" has no answer/);
  });
});

describe('checkInvariants catches violations', () => {
  const base = recommend({ platform: 'windows', domain: 'same', address: 'ip', pki: 'none', network: 'public', who: 'delegated', hop: 'none' });
  const withTarget = (extra: string): Recommendation => ({ ...base, scripts: { ...base.scripts, target: `${base.scripts.target}\n${extra}\n` } });
  const cases: Array<[string, Recommendation, RegExp]> = [
    ['unconstrained delegation', withTarget('Set-ADAccountControl -Identity (Get-ADComputer SRVB) -TrustedForDelegation $true'), /TrustedForDelegation/],
    ['Basic on', withTarget("Set-Item -Path 'WSMan:\\localhost\\Service\\Auth\\Basic' -Value $true"), /enables Basic/],
    ['unencrypted', withTarget("Set-Item -Path 'WSMan:\\localhost\\Service\\AllowUnencrypted' -Value 'true'"), /AllowUnencrypted/],
    ['TrustedHosts wildcard', withTarget("Set-Item -Path 'WSMan:\\localhost\\Client\\TrustedHosts' -Value '*' -Force"), /TrustedHosts/],
    ['SkipCACheck', withTarget('$o = New-PSSessionOption -SkipCACheck -SkipCNCheck'), /skips certificate checks/],
    ['CredSSP not chosen', withTarget('Enable-WSManCredSSP -Role Client -DelegateComputer * -Force'), /CredSSP/],
    ['firewall Any', withTarget("Set-NetFirewallRule -Name 'WINRM-HTTP-In-TCP-PUBLIC' -RemoteAddress Any"), /any address/],
    ['LATFP', withTarget("New-ItemProperty -Path 'HKLM:\\x' -Name LocalAccountTokenFilterPolicy -Value 1"), /LocalAccountTokenFilterPolicy/],
    ['trustedHosts list', { ...base, trustedHosts: ['*'] }, /wildcard/],
    ['secondHop runas', { ...base, secondHop: 'runas-endpoint' }, /never be chosen/],
  ];
  test.each(cases)('%s', (_name, rec, message) => {
    const violations = checkInvariants(rec);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toMatch(message);
  });
});
