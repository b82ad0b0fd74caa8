/** Recommended on every path and applied by Group Policy: logging, and accounts that cannot be delegated. */
import type { SettingRule } from '../item-table';
import { allOf, always, answered, not, secondHopIs } from '../plan-conditions';

export const GROUP_POLICY_SETTINGS: readonly SettingRule[] = [
  {
    id: 'transcription',
    when: always,
    scope: 'policy',
    name: 'Turn on PowerShell Transcription (…\\Windows\\PowerShell\\Transcription\\EnableTranscripting)',
    value: '1, with OutputDirectory on a share whose ACL lets users write but not read',
    appliedBy: 'recommended',
    because:
      "Transcripts record every session's input and output (STIG WN22-CC-000530, CIS Level 2). Apply by Group Policy, for PowerShell 7 too (its own key, …\\PowerShellCore\\Transcription, unless its policy uses the Windows PowerShell settings).",
    sources: ['LOG51', 'LOG7', 'STIG', 'CIS'],
    topic: 'event-logs-and-auditing',
  },
  {
    id: 'protected-event-logging',
    when: always,
    scope: 'policy',
    name: 'Protected Event Logging',
    value: 'enabled, with a Document Encryption certificate whose private key stays off the logging hosts',
    appliedBy: 'recommended',
    because: 'Script block logs can capture secrets typed into commands; protected event logging encrypts them.',
    sources: ['LOG51', 'LOG7'],
    topic: 'event-logs-and-auditing',
  },
  {
    id: 'protected-users',
    // Not with RBKCD or CredSSP, which Protected Users would break.
    when: allOf(answered('domain', 'same'), not(secondHopIs('rbkcd', 'credssp'))),
    scope: 'policy',
    name: 'Privileged accounts: Protected Users group, or "Account is sensitive and cannot be delegated"',
    value: 'recommended for administrators',
    appliedBy: 'recommended',
    because: 'Prevents their credentials from being delegated to a compromised server (Set-ADAccountControl -AccountNotDelegated $true).',
    sources: ['HOP', 'ADAC'],
    topic: 'hardening-checklist',
  },
];
