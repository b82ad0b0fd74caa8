/** The Ansible output of a recommendation (issue 10): one playbook for the same configuration. */
export interface AnsiblePlan {
  /** Which play the playbook holds: Windows over WinRM, Windows over SSH, or a Linux server over SSH. */
  target: 'windows-winrm' | 'windows-ssh' | 'linux-ssh';
  /** playbook.yml */
  playbook: string;
  /** An example inventory (inventory.yml) with the hosts and variables the playbook expects. */
  inventory: string;
}
