/** The Ansible output of a recommendation (issue 10): one playbook for the same configuration. */
export interface AnsiblePlan {
  /** playbook.yml */
  playbook: string;
  /** An example inventory (inventory.yml) with the hosts and variables the playbook expects. */
  inventory: string;
}
