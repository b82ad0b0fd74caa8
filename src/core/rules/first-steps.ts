/**
 * "What to do first": cheap changes to the situation that give a clearly safer configuration.
 * Each row says when it applies, which answers change, and why. Whether the variant is really
 * safer, and what it removes, is never written here: src/core/first-steps.ts runs the engine on
 * the variant and compares the warnings.
 */
import type { Answers } from '../model';
import type { SourceKey } from '../sources';
import type { TopicSlug } from '../topics';

export interface FirstStepRule {
  id: string;
  when: (answers: Answers) => boolean;
  /** The answers that change. Answers the new path asks for (and the old one did not) are filled as written here. */
  change: (answers: Answers) => Answers;
  /** true when the variant connects by name: a target given as an IP address is left out of its link. */
  needsTargetName?: boolean;
  /** What to do, as an imperative ("Create a self-signed certificate ..."). */
  action: string;
  because: string;
  sources: SourceKey[];
  topic: TopicSlug;
}

export const FIRST_STEP_RULES: readonly FirstStepRule[] = [
  {
    id: 'connect-by-name',
    when: (a) => a.domain === 'same' && a.address === 'ip',
    // The by-name path asks about compliance (TLS and channel binding) instead of certificates.
    change: (a) => ({ address: 'name', assurance: a.pki === 'enterprise' ? 'high' : 'standard' }),
    needsTargetName: true,
    action: "Connect by the server's DNS name instead of its IP address",
    because:
      'Both computers are in the same domain: by name, Kerberos authenticates the server and encrypts the traffic, with no certificate to deploy and no TrustedHosts entry. By IP address, Windows falls back to NTLM.',
    sources: ['WSEC', 'TRB', 'W32AUTH'],
    topic: 'kerberos',
  },
  {
    id: 'self-signed-certificate',
    when: (a) => a.pki === 'none',
    change: () => ({ pki: 'selfsigned' }),
    action: 'Use a self-signed certificate for the server instead of going without certificates',
    because:
      "A self-signed certificate, imported on each client after checking its thumbprint, lets WinRM use HTTPS: the certificate proves the server is genuine and TLS protects the traffic, instead of NTLM over HTTP with a TrustedHosts entry. The target script creates it; it suits a few servers.",
    sources: ['SSC', 'NPSO', 'WSEC'],
    topic: 'https-listeners-and-certificates',
  },
];
