/** Version of the rule set. Bump it whenever a rule, setting or script changes. */
export const RULESET_VERSION = '2026.11.1';
