/** The WinRM client on the administrator's computer. */
import { WSMAN } from '../constants';
import type { SettingRule } from '../item-table';
import { allOf, not, onWinRM, secondHopIs } from '../plan-conditions';

export const WINRM_CLIENT_SETTINGS: readonly SettingRule[] = [
  {
    id: 'client-allow-unencrypted',
    when: onWinRM,
    scope: 'client',
    name: WSMAN.clientAllowUnencrypted,
    value: 'false',
    appliedBy: 'client',
    because: 'The client must never send unencrypted traffic either (STIG WN22-CC-000480).',
    sources: ['STIG', 'CIS', 'W32CFG'],
    topic: 'encryption-in-transport',
  },
  {
    id: 'client-basic',
    when: onWinRM,
    scope: 'client',
    name: WSMAN.clientBasic,
    value: 'false',
    appliedBy: 'client',
    because:
      'Set explicitly, because the documentation disagrees on the client default (true in one page, disabled in another). STIG CAT I.',
    sources: ['STIG', 'CIS', 'W32CFG', 'W32AUTH'],
    topic: 'basic-digest-and-certificate-auth',
  },
  {
    id: 'client-digest',
    when: onWinRM,
    scope: 'client',
    name: WSMAN.clientDigest,
    value: 'false',
    appliedBy: 'client',
    because: 'Digest is a client-only mechanism the WinRM service does not accept; baselines disallow it.',
    sources: ['STIG', 'CIS', 'W32CFG'],
    topic: 'basic-digest-and-certificate-auth',
  },
  {
    id: 'client-credssp-to-target',
    settingId: 'client-credssp',
    when: allOf(onWinRM, secondHopIs('credssp')),
    scope: 'client',
    name: 'Enable-WSManCredSSP -Role Client -DelegateComputer $Target',
    value: 'WSMAN/<target> only (never a wildcard)',
    appliedBy: 'client',
    because:
      'CredSSP may delegate your credentials to this one server, named; the rollback script removes this entry again and keeps the delegations to other servers.',
    sources: ['CSSP', 'HOP', 'W32HOP'],
    topic: 'credssp',
  },
  {
    id: 'client-credssp-off',
    settingId: 'client-credssp',
    when: allOf(onWinRM, not(secondHopIs('credssp'))),
    scope: 'client',
    name: WSMAN.clientCredSSP,
    value: 'false',
    appliedBy: 'client',
    because: 'This configuration needs no CredSSP; a client that never offers it cannot hand credentials to a server by mistake.',
    sources: ['HOP', 'CSSP', 'CSP'],
    topic: 'credssp',
  },
  {
    id: 'client-trustedhosts',
    when: allOf(onWinRM, (plan) => plan.trustedHosts.length > 0),
    scope: 'client',
    name: WSMAN.clientTrustedHosts,
    value: (plan) => `add ${plan.trustedHosts.join(', ')} (existing entries are kept; never a wildcard)`,
    appliedBy: 'client',
    because:
      'The WinRM client only uses NTLM without HTTPS for hosts in TrustedHosts. The script appends exactly this server (-Concatenate) and skips it if it is already listed.',
    sources: ['W32CFG', 'TRB', 'WSEC'],
    topic: 'trustedhosts',
  },
];
