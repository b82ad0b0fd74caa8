/**
 * The settings a recommendation applies or recommends, each with its value and why.
 * The renderer applies exactly the settings whose `appliedBy` names its script.
 */
import type { Setting } from '../model';
import { fromPlan, rulesThatApply, type SettingRule } from './item-table';
import type { Plan } from './plan';
import { ENDPOINT_AND_SECOND_HOP_SETTINGS } from './settings/endpoint-and-second-hop';
import { GROUP_POLICY_SETTINGS } from './settings/group-policy';
import { SSHD_SETTINGS } from './settings/sshd';
import { WINRM_CLIENT_SETTINGS } from './settings/winrm-client';
import { WINRM_HOST_POLICY_SETTINGS } from './settings/winrm-host-policy';
import { WINRM_SERVICE_SETTINGS } from './settings/winrm-service';

// The script renderer imports the WSMan: paths from here.
export { WSMAN } from './constants';

/** Every row whose condition holds adds its setting, in this order. */
export const SETTING_RULES: readonly SettingRule[] = [
  ...WINRM_SERVICE_SETTINGS,
  ...WINRM_CLIENT_SETTINGS,
  ...WINRM_HOST_POLICY_SETTINGS,
  ...SSHD_SETTINGS,
  ...ENDPOINT_AND_SECOND_HOP_SETTINGS,
  ...GROUP_POLICY_SETTINGS,
];

export function buildSettings(plan: Plan): Setting[] {
  return rulesThatApply(SETTING_RULES, plan).map((rule) => ({
    id: rule.settingId ?? rule.id,
    scope: rule.scope,
    name: rule.name,
    value: fromPlan(rule.value, plan),
    appliedBy: rule.appliedBy,
    because: fromPlan(rule.because, plan),
    sources: [...rule.sources],
    topic: rule.topic,
  }));
}
