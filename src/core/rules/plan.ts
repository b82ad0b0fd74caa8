/**
 * Turns complete answers (and validated hosts) into the core decisions every other part reads:
 * authentication, transport, endpoint, second hop, certificate, firewall and the hosts to use.
 */
import { trustedHostsEntry } from '../hosts';
import type {
  Answers,
  Authentication,
  CertificatePlan,
  Endpoint,
  FirewallPlan,
  FirewallProfile,
  FirewallRule,
  HostInfo,
  HostKind,
  SecondHop,
  Transport,
} from '../model';
import {
  BUILTIN_OPENSSH_RULE,
  BUILTIN_WINRM_HTTP_RULES,
  CERTIFICATE,
  EXAMPLE_ADMIN_SUBNET,
  EXAMPLE_HOSTS,
  FIREWALL_RULES,
  PORTS,
  REFUSED_REMOTE_ADDRESSES,
} from './constants';
import { AUTHENTICATION_RULES, ENDPOINT_RULES, SECOND_HOP_RULES, TRANSPORT_RULES, firstMatchWith, type ContextRule } from './decisions';
import { firstMatch, type Rule } from './types';

export interface ValidatedHosts {
  target?: { host: string; kind: HostKind };
  resource?: { host: string; kind: HostKind };
  /** The validated admin-address list (see validateAdminSubnet); absent when none was given. */
  adminSubnet?: string[];
  /** The validated commands of the JEA role (see validateJeaCommands); absent when none were given. */
  jeaCommands?: string[];
}

export interface Plan {
  answers: Answers;
  isWinRM: boolean;
  authentication: Authentication;
  authenticationRule: Rule<Authentication>;
  transport: Transport;
  transportRule: ContextRule<Transport>;
  endpoint: Endpoint;
  endpointRule: ContextRule<Endpoint>;
  secondHop: SecondHop;
  secondHopRule: ContextRule<SecondHop>;
  port: number;
  target: HostInfo;
  resource?: HostInfo;
  trustedHosts: string[];
  certificate?: CertificatePlan;
  /** What happens to the HTTP listener on HTTPS paths. */
  httpListener: 'kept' | 'removed' | 'not-applicable';
  firewall: FirewallPlan;
  /** On the JEA path, the commands the user listed for the role; absent = the example role. */
  jeaCommands?: string[];
}

function exampleTarget(a: Answers): HostInfo {
  if (a.address === 'ip') return { value: EXAMPLE_HOSTS.targetIp, kind: 'ipv4', isExample: true };
  if (a.domain === 'untrusted') return { value: EXAMPLE_HOSTS.targetUntrusted, kind: 'dns', isExample: true };
  return { value: EXAMPLE_HOSTS.target, kind: 'dns', isExample: true };
}

function certificatePlan(a: Answers, auth: Authentication, transport: Transport, target: HostInfo): CertificatePlan | undefined {
  if (transport !== 'https') return undefined;
  const source = a.pki === 'selfsigned' ? 'self-signed' : 'enterprise-ca';
  const plan: CertificatePlan = { source, subject: target.value };
  // Get-Certificate enrolls DNS names on domain-joined computers; otherwise the admin installs the certificate.
  if (source === 'enterprise-ca' && a.domain !== 'workgroup' && a.address !== 'ip') plan.template = CERTIFICATE.enterpriseTemplate;
  if (auth === 'certificate') {
    const account = a.who === 'delegated' ? CERTIFICATE.mappedAccountDelegated : CERTIFICATE.mappedAccountAdmins;
    plan.clientCertificate = { mappedLocalAccount: account, upn: `${account}@localhost` };
  }
  return plan;
}

function firewallPlan(a: Answers, transport: Transport, httpListener: Plan['httpListener'], adminSubnet: string[] | undefined): FirewallPlan {
  const profiles: FirewallProfile[] = a.network === 'public' ? ['Domain', 'Private', 'Public'] : ['Domain', 'Private'];
  const rule = (kind: 'http' | 'https' | 'ssh', purpose: string): FirewallRule => ({
    name: FIREWALL_RULES[kind].name,
    displayName: FIREWALL_RULES[kind].displayName,
    port: PORTS[kind],
    protocol: 'TCP',
    profiles,
    remoteAddress: '$AdminSubnet',
    purpose,
  });
  const rules: FirewallRule[] = [];
  let disables: string[] = [BUILTIN_WINRM_HTTP_RULES];
  let manualNote: string | undefined;
  if (transport === 'ssh') {
    rules.push(rule('ssh', 'PowerShell remoting over SSH'));
    disables = [BUILTIN_OPENSSH_RULE];
    manualNote =
      'On a Linux server the script cannot manage the firewall for you: allow TCP 22 only from your admin subnet with the distribution\'s firewall (ufw, firewalld or nftables).';
  } else if (transport === 'http') {
    rules.push(rule('http', 'WinRM over HTTP'));
  } else {
    rules.push(rule('https', 'WinRM over HTTPS'));
    // The HTTP listener stays for Kerberos clients of a domain-joined target; a workgroup target
    // has no client that could use HTTP without TrustedHosts, so 5985 stays closed there.
    if (httpListener === 'kept' && a.domain !== 'workgroup') {
      rules.push(rule('http', 'the existing HTTP listener, kept for Kerberos clients that connect by name'));
    }
  }
  const given = adminSubnet !== undefined && adminSubnet.length > 0;
  const firewall: FirewallPlan = {
    port: PORTS[transport],
    profiles,
    remoteAddress: {
      variable: '$AdminSubnet',
      example: EXAMPLE_ADMIN_SUBNET,
      values: given ? [...adminSubnet] : [EXAMPLE_ADMIN_SUBNET],
      isExample: !given,
      refused: [...REFUSED_REMOTE_ADDRESSES],
    },
    rules,
    disablesBuiltInRules: disables,
  };
  if (manualNote) firewall.manualNote = manualNote;
  return firewall;
}

/** Computes the plan. `answers` must be complete (see isComplete). */
export function makePlan(answers: Answers, hosts: ValidatedHosts = {}): Plan {
  const authenticationRule = firstMatch(AUTHENTICATION_RULES, answers);
  const authentication = authenticationRule.value;
  const transportRule = firstMatchWith(TRANSPORT_RULES, answers, authentication);
  const transport = transportRule.value;
  const endpointRule = firstMatchWith(ENDPOINT_RULES, answers, authentication);
  const secondHopRule = firstMatchWith(SECOND_HOP_RULES, answers, authentication);
  const isWinRM = transport !== 'ssh';

  const target: HostInfo = hosts.target ? { value: hosts.target.host, kind: hosts.target.kind, isExample: false } : exampleTarget(answers);
  const hasHop = answers.hop === 'files' || answers.hop === 'remoting';
  let resource: HostInfo | undefined;
  if (hasHop) {
    resource = hosts.resource
      ? { value: hosts.resource.host, kind: hosts.resource.kind, isExample: false }
      : { value: EXAMPLE_HOSTS.resource, kind: 'dns', isExample: true };
  }

  const httpListener: Plan['httpListener'] =
    transport === 'https' ? (authentication === 'kerberos' ? 'removed' : 'kept') : 'not-applicable';

  const plan: Plan = {
    answers,
    isWinRM,
    authentication,
    authenticationRule,
    transport,
    transportRule,
    endpoint: endpointRule.value,
    endpointRule,
    secondHop: secondHopRule.value,
    secondHopRule,
    port: PORTS[transport],
    target,
    trustedHosts: authentication === 'ntlm-trustedhosts' ? [trustedHostsEntry(target.value, target.kind)] : [],
    httpListener,
    firewall: firewallPlan(answers, transport, httpListener, hosts.adminSubnet),
  };
  if (resource) plan.resource = resource;
  if (plan.endpoint === 'jea' && hosts.jeaCommands) plan.jeaCommands = [...hosts.jeaCommands];
  const certificate = certificatePlan(answers, authentication, transport, target);
  if (certificate) plan.certificate = certificate;
  return plan;
}
