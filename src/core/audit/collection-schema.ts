/**
 * The zod schema of the JSON Get-RemotingAudit.ps1 prints (`Schema: "psremoting-audit/1"`). Kept
 * apart so that only the audit's code carries the validation library. Every probe is an object with
 * an `Error` (null when it worked): one failing probe does not lose the others. Strings may be null
 * where PowerShell has no value; lists may be null where a probe found nothing.
 */
import { z } from 'zod';

export const COLLECTION_SCHEMA_ID = 'psremoting-audit/1';
export const COLLECTION_SCHEMA_VERSION = 1;

const str = z.string().nullable();
const list = z.array(z.string()).nullable();
const dword = z.number().int().nullable();
const error = z.string().nullable();

const logging = z.object({ ScriptBlockLogging: dword, ModuleLogging: dword, Transcription: dword });

export const CollectionSchema = z.object({
  Schema: z.literal(COLLECTION_SCHEMA_ID),
  SchemaVersion: z.literal(COLLECTION_SCHEMA_VERSION),
  CollectedAt: z.string(),
  Computer: z.object({
    Name: str,
    DnsDomain: str,
    PartOfDomain: z.boolean().nullable(),
    DomainRole: z.number().int().nullable(),
    Error: error,
  }),
  WinRM: z.object({
    Items: z.array(z.object({ Path: z.string(), Value: str, Source: str })).nullable(),
    Error: error,
  }),
  Listeners: z.object({
    Items: z
      .array(
        z.object({
          Address: str,
          Transport: str,
          Port: str,
          Hostname: str,
          Enabled: str,
          URLPrefix: str,
          CertificateThumbprint: str,
          ListeningOn: list,
          Source: str,
          Certificate: z
            .object({ Thumbprint: str, Found: z.boolean(), Subject: str, Issuer: str, DnsNames: list, NotAfter: str })
            .nullable(),
        }),
      )
      .nullable(),
    Error: error,
  }),
  CredSSP: z.object({ AllowFreshCredentials: list, AllowFreshCredentialsWhenNTLMOnly: list, Error: error }),
  SessionConfigurations: z.object({
    Items: z
      .array(
        z.object({
          Name: z.string(),
          Permission: str,
          RunAsUser: str,
          SecurityDescriptorSddl: str,
          RunAsVirtualAccount: str,
          GroupManagedServiceAccount: str,
          SessionType: str,
        }),
      )
      .nullable(),
    Error: error,
  }),
  Firewall: z.object({
    Rules: z
      .array(
        z.object({
          Name: z.string(),
          DisplayName: str,
          Enabled: str,
          Direction: str,
          Action: str,
          Profile: str,
          Protocol: str,
          LocalPort: list,
          RemoteAddress: list,
          PolicyStoreSourceType: str,
        }),
      )
      .nullable(),
    Error: error,
  }),
  NetworkProfiles: z.object({
    Items: z.array(z.object({ Name: str, InterfaceAlias: str, NetworkCategory: str })).nullable(),
    Error: error,
  }),
  Registry: z.object({
    LocalAccountTokenFilterPolicy: dword,
    DisableRunAs: dword,
    WindowsPowerShell: logging,
    PowerShell7: logging,
    PowerShell7Installed: z.boolean().nullable(),
    Error: error,
  }),
  PowerShellV2: z.object({ Feature: str, State: str, Error: error }),
  Sshd: z.object({ Present: z.boolean(), Settings: list, Error: error }),
  Delegation: z.object({
    Available: z.boolean(),
    TrustedForDelegation: z.boolean().nullable(),
    TrustedToAuthForDelegation: z.boolean().nullable(),
    AllowedToDelegateTo: list,
    Error: error,
  }),
});

export type CollectionJson = z.infer<typeof CollectionSchema>;
