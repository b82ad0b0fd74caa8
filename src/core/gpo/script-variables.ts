/** The "Edit these values" block of gpo.ps1 and gpo-rollback.ps1. */
import { adminSubnetValue } from '../powershell/admin-subnet-value';
import type { EditableVariable, ScriptModel } from '../powershell/common';
import { code, q } from '../powershell/quote';
import { LISTENER_FILTER_DEFAULT, LISTENER_FILTER_VARIABLES, usesHttpListenerPolicy } from './rows';

export const DEFAULT_GPO_NAME = 'PowerShell Remoting Guide - servers';

export interface GroupPolicyInput {
  gpoName: string;
  linkOu: string;
}

/** The GPO's name and domain: the same lines in gpo.ps1 and in its rollback. */
export function gpoIdentityVariables(input: GroupPolicyInput): EditableVariable[] {
  return [
    { name: 'GpoName', value: q(input.gpoName), comment: 'The name of the GPO this script creates, or updates if it exists (letters, digits, spaces and - _ . ( ) only).' },
    {
      name: 'GpoDomain',
      value: code('$env:USERDNSDOMAIN'),
      comment: "The DNS name of the servers' domain, where the GPO lives (by default the domain of the account running this script).",
    },
  ];
}

export function gpoVariables(m: ScriptModel, input: GroupPolicyInput): EditableVariable[] {
  const vars = gpoIdentityVariables(input);
  vars.push(
    {
      name: 'LinkOU',
      value: q(input.linkOu),
      comment: "The OU of the servers to link the GPO to, as a distinguished name such as 'OU=Servers,DC=contoso,DC=com'; '' links nothing (link it yourself once you have checked it).",
    },
    {
      name: 'AdminSubnet',
      value: adminSubnetValue(m),
      comment: "The addresses you administer from, for the firewall rule in the GPO: a CIDR subnet, a range, or 'LocalSubnet'; several as @('10.0.50.0/24', '10.0.51.0/24'). Never Any.",
    },
  );
  if (usesHttpListenerPolicy(m)) {
    vars.push(
      {
        name: LISTENER_FILTER_VARIABLES.ipv4,
        value: q(LISTENER_FILTER_DEFAULT),
        comment: "The SERVER's own IPv4 addresses the WinRM listener listens on: * for all, or ranges such as '10.0.20.1-10.0.20.254'. Not the admin addresses: the firewall rule limits clients to $AdminSubnet.",
      },
      {
        name: LISTENER_FILTER_VARIABLES.ipv6,
        value: q(LISTENER_FILTER_DEFAULT),
        comment: "The SERVER's own IPv6 addresses the listener listens on: * for all, ranges, or '' for none.",
      },
    );
  }
  return vars;
}
