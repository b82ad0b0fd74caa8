/**
 * Issue 7, defect 2: the HTTPS listener was removed and re-created while the administrator might be
 * connected over it. It is now changed in place (Set-WSManInstance), and a remote session that could
 * be using it stops the script in pre-flight when its certificate would change.
 */
import { describe, expect, test } from 'vitest';
import { describePwsh } from '../../../../tests/powershell/pwsh';
import { snippetCases } from '../../testing/pwsh-snippets';
import { allWinRMRecommendations, fakeIpCertificate, listener, listenerScript, remote } from '../../testing/winrm-fixtures';

describe('every WinRM target script with HTTPS', () => {
  const https = allWinRMRecommendations().filter((rec) => rec.transport === 'https');

  test('never removes the HTTPS listener; it changes it in place', () => {
    expect(https.length).toBeGreaterThan(0);
    for (const rec of https) {
      const text = rec.scripts.target;
      expect(text).toContain('Set-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $guideListenerSelector');
      expect(text).not.toMatch(/Remove-WSManInstance[^\n]*HTTPS/);
      expect(text).not.toMatch(/Kind = 'ListenerRemoved'; Address = '\*'; Transport = 'HTTPS'/);
    }
  });

  test('refuses, before its backup, a remote session that the listener change could cut off', () => {
    for (const rec of https) {
      const text = rec.scripts.target;
      const backup = text.indexOf('Backup: saved before any change');
      const guard = Math.max(
        text.indexOf('if ($guideListenerChanges -and $null -ne $PSSenderInfo'),
        text.indexOf("if ($null -ne $PSSenderInfo) {\n        throw 'Run this script in a local session"),
      );
      expect(guard, rec.permalink).toBeGreaterThan(0);
      expect(guard).toBeLessThan(backup);
    }
  });

  test('removes the HTTP listener only after the firewall rule for HTTPS exists', () => {
    for (const rec of https.filter((r) => r.httpListener === 'removed')) {
      const text = rec.scripts.target;
      expect(text.indexOf("Set-GuideFirewallRule -Name 'PSRemotingGuide-WinRM-HTTPS-In-TCP'")).toBeLessThan(
        text.indexOf('Remove-WSManInstance -ResourceURI winrm/config/Listener'),
      );
      expect(text.indexOf("Save-GuideChange @{ Kind = 'ListenerRemoved'")).toBeLessThan(
        text.indexOf('Remove-WSManInstance -ResourceURI winrm/config/Listener'),
      );
    }
  });
});

const IP = '10.20.30.40';
const ipCertificate = (thumbprint: string) => fakeIpCertificate(thumbprint, IP);

const CASES: Record<string, string> = {
  'new certificate, remote session over HTTPS': listenerScript(
    'ipEnterprise',
    { target: IP },
    `$state.My = @(${ipCertificate('NEW')})\n${listener('OLD', IP)}\n${remote('https')}`,
  ),
  'new certificate, remote session over HTTP': listenerScript(
    'ipEnterprise',
    { target: IP },
    `$state.My = @(${ipCertificate('NEW')})\n${listener('OLD', IP)}\n${remote('http')}`,
  ),
  'new certificate, local session': listenerScript(
    'ipEnterprise',
    { target: IP },
    `$state.My = @(${ipCertificate('NEW')})\n${listener('OLD', IP)}`,
  ),
  'same certificate, remote session over HTTPS': listenerScript(
    'ipEnterprise',
    { target: IP },
    `$state.My = @(${ipCertificate('NEW')})\n${listener('NEW', IP)}\n${remote('https')}`,
  ),
  'no listener yet': listenerScript('ipEnterprise', { target: IP }, `$state.My = @(${ipCertificate('NEW')})`),
  'workgroup, certificate to create, remote session over HTTPS': listenerScript(
    'workgroupSelfSigned',
    { target: 'wg01.example.net' },
    `${listener('OLD', 'wg01.example.net')}\n${remote('https')}`,
  ),
};

describePwsh('the HTTPS listener changes in place, never under a session that uses it', (pwsh) => {
  const { result, calls } = snippetCases(pwsh, CASES);

  test('a remote session over HTTPS stops in pre-flight when the certificate would change, nothing changed', () => {
    const r = result('new certificate, remote session over HTTPS');
    expect(r.error).toContain('changes the certificate of the HTTPS listener (now OLD)');
    expect(calls('new certificate, remote session over HTTPS')).toEqual([]);
  });

  test('a workgroup server: the guard no longer lets HTTPS sessions through when the listener would change', () => {
    expect(result('workgroup, certificate to create, remote session over HTTPS').error).toContain(
      'changes the certificate of the HTTPS listener',
    );
    expect(calls('workgroup, certificate to create, remote session over HTTPS')).toEqual([]);
  });

  test('a session over HTTP, or a local one, gets the listener changed in place', () => {
    for (const name of ['new certificate, remote session over HTTP', 'new certificate, local session']) {
      expect(result(name).error).toBeNull();
      expect(calls(name)).toEqual(['CHANGE ListenerUpdated', 'CALL Set-WSManInstance HTTPS NEW']);
    }
  });

  test('nothing to change: a session over HTTPS may run the script', () => {
    expect(result('same certificate, remote session over HTTPS').error).toBeNull();
    expect(calls('same certificate, remote session over HTTPS')).toEqual([]);
  });

  test('without a listener, one is created', () => {
    expect(calls('no listener yet')).toEqual(['CHANGE ListenerCreated', 'CALL New-WSManInstance HTTPS NEW']);
  });
});
