/**
 * Invariants that must hold on every path (the tests run them on every recommendation):
 * never unconstrained delegation, Basic, AllowUnencrypted true, a TrustedHosts wildcard,
 * -SkipCACheck/-SkipCNCheck/-SkipRevocationCheck, CredSSP outside tier0 + protected=no (and then
 * only with a named -DelegateComputer), or a firewall rule open to any address.
 */
import { trustedHostsEntry } from '../hosts';
import type { Recommendation } from '../model';

/** The script without comment lines (header text may wrap a command name across lines). */
function codeOnly(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');
}

export function checkInvariants(rec: Recommendation): string[] {
  const v: string[] = [];
  const a = rec.answers;
  const scripts = Object.entries(rec.scripts).filter((e): e is [string, string] => typeof e[1] === 'string');
  const forward = scripts.filter(([name]) => name !== 'rollback');
  const each = (list: Array<[string, string]>, re: RegExp, message: string) => {
    for (const [name, text] of list) if (re.test(text)) v.push(`${name} script: ${message}`);
  };

  // Unconstrained delegation and RunAs endpoints are never chosen.
  if ((rec.secondHop as string) === 'unconstrained' || rec.secondHop === 'runas-endpoint') v.push(`secondHop ${rec.secondHop} must never be chosen`);
  each(scripts, /TrustedForDelegation/i, 'mentions TrustedForDelegation (unconstrained delegation)');
  each(scripts, /-RunAsCredential/i, 'uses a RunAs endpoint');

  // Basic authentication.
  if ((rec.authentication as string) === 'basic') v.push('authentication must never be Basic');
  each(scripts, /-Authentication\s+Basic/i, 'uses Basic authentication');
  each(forward, /Auth\\Basic'?\s+-Value\s+'?\$?true/i, 'enables Basic');
  for (const s of rec.settings) if (/\\Auth\\Basic$/.test(s.name) && s.value !== 'false') v.push(`setting ${s.id} enables Basic`);

  // Unencrypted traffic.
  each(forward, /AllowUnencrypted'?\s+-Value\s+'?\$?true/i, 'sets AllowUnencrypted to true');
  each(scripts, /-NoEncryption/i, 'uses -NoEncryption');
  for (const s of rec.settings) if (/AllowUnencrypted$/.test(s.name) && s.value !== 'false') v.push(`setting ${s.id} allows unencrypted traffic`);

  // Certificate checks are never skipped.
  each(scripts, /-Skip(CA|CN|Revocation)Check/i, 'skips certificate checks');

  // TrustedHosts: exact entries only, never a wildcard.
  for (const entry of rec.trustedHosts) if (/[*?]/.test(entry)) v.push(`trustedHosts entry ${entry} is a wildcard`);
  if (rec.authentication === 'ntlm-trustedhosts') {
    const expected = trustedHostsEntry(rec.hosts.target.value, rec.hosts.target.kind);
    if (rec.trustedHosts.length !== 1 || rec.trustedHosts[0] !== expected) v.push(`trustedHosts must be exactly [${expected}]`);
  } else if (rec.trustedHosts.length > 0) {
    v.push('trustedHosts must be empty unless authentication is ntlm-trustedhosts');
  }
  for (const [name, text] of forward) {
    for (const m of text.matchAll(/TrustedHosts'?\s+-Value\s+(\S+)/gi)) {
      if (m[1] !== '$trustedHostsEntry') v.push(`${name} script: TrustedHosts set to ${m[1]} instead of the exact entry`);
      if (!/-Concatenate/.test(text.slice(m.index ?? 0, (m.index ?? 0) + 200))) v.push(`${name} script: TrustedHosts is overwritten instead of appended`);
    }
  }
  each(scripts, /TrustedHosts'?\s+-Value\s+'[^']*[*?]/i, 'writes a TrustedHosts wildcard');

  // CredSSP only for tier0 + not protected, and only with a named -DelegateComputer.
  const credsspAllowed = a.trust === 'tier0' && a.protected === 'no' && rec.authentication === 'kerberos';
  if (rec.secondHop === 'credssp' && !credsspAllowed) v.push('CredSSP chosen outside trust=tier0, protected=no, Kerberos');
  for (const [name, text] of forward) {
    if (/Enable-WSManCredSSP/i.test(text) && rec.secondHop !== 'credssp') v.push(`${name} script: enables CredSSP although it was not chosen`);
    for (const m of codeOnly(text).matchAll(/Enable-WSManCredSSP[^\n]*-Role\s+Client[^\n]*/gi)) {
      if (!/-DelegateComputer\s+\$Target\b/.test(m[0])) v.push(`${name} script: CredSSP client without a named -DelegateComputer`);
    }
  }
  each(scripts, /-DelegateComputer\s+['"]?[^\s'"]*\*/i, 'uses a wildcard -DelegateComputer');
  for (const s of rec.settings) if (/Auth\\CredSSP$/.test(s.name) && s.value !== 'false' && rec.secondHop !== 'credssp') v.push(`setting ${s.id} enables CredSSP`);

  // Firewall: never open to any address.
  if (rec.firewall.rules.length === 0) v.push('no firewall rule');
  for (const r of rec.firewall.rules) if (r.remoteAddress !== '$AdminSubnet') v.push(`firewall rule ${r.name} is not scoped to $AdminSubnet`);
  if (!rec.firewall.remoteAddress.refused.includes('Any')) v.push('the scripts must refuse Any as $AdminSubnet');
  each(scripts, /-RemoteAddress\s+'?(Any|\*|0\.0\.0\.0\/0|Internet)'?(\s|$)/im, 'opens a firewall rule to any address');
  for (const [name, text] of forward) {
    for (const line of text.split('\n')) {
      if (/^\s*(\$null = )?(New|Set)-NetFirewallRule\b/.test(line) && !/-RemoteAddress \$AdminSubnet\b/.test(line)) {
        v.push(`${name} script: firewall rule without -RemoteAddress $AdminSubnet: ${line.trim()}`);
      }
    }
  }

  // LocalAccountTokenFilterPolicy is never turned on.
  each(scripts, /LocalAccountTokenFilterPolicy[^\n]*-Value\s+1/i, 'sets LocalAccountTokenFilterPolicy to 1');

  // Second-hop alternatives always include the two options that are never chosen.
  if (rec.secondHop !== 'none') {
    const options = rec.alternatives.filter((x) => x.kind === 'secondHop').map((x) => x.option);
    if (!options.includes('runas-endpoint')) v.push('alternatives must list runas-endpoint');
    if (!options.includes('unconstrained delegation')) v.push('alternatives must list unconstrained delegation');
  }
  return v;
}
