/** The Group Policy output of a recommendation (issue 10): a settings table, gpo.ps1 and its rollback. */

/** A registry value that a policy writes. */
export interface PolicyRegistryValue {
  /** e.g. `HKLM\Software\Policies\Microsoft\Windows\WinRM\Service` */
  key: string;
  valueName: string;
  type: 'DWord' | 'String' | 'MultiString';
  value: number | string;
}

/** One row of the Group Policy settings table: how a setting of the recommendation is applied by policy. */
export interface GroupPolicyRow {
  /** The `Setting.id` of `Recommendation.settings` this row applies. */
  settingId: string;
  /** What it sets, in the administrator's words (as the settings table names it). */
  setting: string;
  /** Where it is in the Group Policy Management Editor, `>`-separated; absent when no policy sets it. */
  path?: string;
  /** The policy's state and options, e.g. `Disabled` or `Enabled: IPv4 filter 10.0.0.0/24`. */
  state?: string;
  /** The registry values the policy writes (empty when no policy sets it). */
  registry: PolicyRegistryValue[];
  /** The ADMX file that defines the policy (absent for firewall rules and for settings no policy can set). */
  admx?: string;
  /** When no policy can set it: what does (certificate autoenrollment, a startup script, a one-time script). */
  instead?: string;
}

export interface GroupPolicyPlan {
  /** The GPO name used in gpo.ps1 (an example the administrator edits). */
  gpoName: string;
  rows: GroupPolicyRow[];
  /** gpo.ps1: creates or updates the GPO (GroupPolicy module). */
  script: string;
  /** gpo-rollback.ps1: restores the backup, or removes the link and the GPO the script created. */
  rollback: string;
}
