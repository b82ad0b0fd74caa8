import type { Plan } from './plan';

/**
 * Who the firewall rule must admit ($AdminSubnet), in words: on the JEA path the delegated users
 * (the help desk) connect too, from their own computers.
 */
export function adminSources(plan: Pick<Plan, 'endpoint'>): string {
  return plan.endpoint === 'jea'
    ? "the addresses you administer from and those of the help desk's own computers (delegated users connect to the JEA endpoint from them)"
    : 'the addresses you administer from';
}
