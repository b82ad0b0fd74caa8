/** The Group Policy output of a recommendation (issue 10): a settings table, gpo.ps1 and its rollback. */
import type { SourceKey } from '../sources';

/** A registry value that a policy writes. */
export interface PolicyRegistryValue {
  /** e.g. `HKLM\Software\Policies\Microsoft\Windows\WinRM\Service` */
  key: string;
  valueName: string;
  type: 'DWord' | 'String' | 'MultiString';
  /** The value the policy writes; for a value gpo.ps1 takes from an editable variable, that variable's default. */
  value: number | string;
  /** When gpo.ps1 takes the value from an editable variable (e.g. `ListenerIPv4Filter`), its name without `$`. */
  variable?: string;
}

/**
 * Which GPO a row belongs to: the servers' GPO (gpo.ps1 builds it), a separate GPO for the computers
 * administrators connect from (linked to the admin workstations' OU), or none (no policy sets it).
 */
export type GroupPolicyTarget = 'servers' | 'admin-workstations' | 'none';

/** One row of the Group Policy settings table: how a setting of the recommendation is applied by policy. */
export interface GroupPolicyRow {
  /**
   * The `Setting.id` of `Recommendation.settings` this row applies, or for rows that are not settings:
   * `firewall:<rule name>` (a rule of the firewall plan), `firewall-builtin:<pattern>` (a built-in
   * rule the target script disables) and `winrm-listener-policy` (the HTTP listener policy).
   */
  settingId: string;
  /** What it sets, in the administrator's words (as the settings table names it). */
  setting: string;
  /** Where it is in the Group Policy Management Editor, `>`-separated; absent when no policy sets it. */
  path?: string;
  /** The policy's state and options, e.g. `Disabled` or `Enabled: IPv4 filter *`. */
  state?: string;
  /** The registry values the policy writes (empty when no policy sets it, and for firewall rules). */
  registry: PolicyRegistryValue[];
  /** The ADMX file that defines the policy (absent for firewall rules and for settings no policy can set). */
  admx?: string;
  /** When no policy can set it: what does (certificate autoenrollment, a startup script, a one-time script). */
  instead?: string;
  /** Which GPO it belongs to. */
  gpo: GroupPolicyTarget;
  /** true when gpo.ps1 writes it into the servers' GPO. */
  inScript: boolean;
  /** Notes: where sources disagree, what to watch. */
  note?: string;
  sources: SourceKey[];
}

export interface GroupPolicyPlan {
  /** The GPO name used in gpo.ps1 (an example the administrator edits). */
  gpoName: string;
  /** The OU gpo.ps1 links the GPO to ('' = no link). */
  linkOu: string;
  rows: GroupPolicyRow[];
  /** gpo.ps1: creates or updates the GPO (GroupPolicy module). */
  script: string;
  /** gpo-rollback.ps1: restores the backup, or removes the link and the GPO the script created. */
  rollback: string;
}
