/**
 * The guide's topic pages. Rationale, warnings, settings and questions link to these slugs
 * (`topic: 'kerberos'`); a test elsewhere checks that every slug has a page in content/.
 */
export const TOPIC_SLUGS = [
  'remoting-basics',
  'firewall-and-network-profiles',
  'process-isolation',
  'event-logs-and-auditing',
  'encryption-in-transport',
  'kerberos',
  'ntlm',
  'https-listeners-and-certificates',
  'trustedhosts',
  'basic-digest-and-certificate-auth',
  'ssh-remoting',
  'second-hop',
  'credssp',
  'kerberos-constrained-delegation',
  'resource-based-constrained-delegation',
  'unconstrained-delegation',
  'jea-and-runas-endpoints',
  'explicit-credentials',
  'computer-account-access',
  'hardening-checklist',
] as const;

export type TopicSlug = (typeof TOPIC_SLUGS)[number];

export function isTopicSlug(value: string): value is TopicSlug {
  return (TOPIC_SLUGS as readonly string[]).includes(value);
}
