/**
 * The zod schema of the JSON export (`schema: "psremoting-recommendation/1"`): it documents the
 * exported shape and the tests check every path's export against it. Kept apart from
 * export-json.ts so the browser bundle does not carry a validation library.
 */
import { z } from 'zod';
import { validateAdminSubnet } from './admin-subnet';
import { QUESTION_VALUES } from './model';
import { SOURCE_KEYS } from './sources';
import { TOPIC_SLUGS } from './topics';

import { EXPORT_SCHEMA_ID } from './export-json';

const topic = z.enum(TOPIC_SLUGS);
const source = z.enum(SOURCE_KEYS as [string, ...string[]]);
const sources = z.array(source).min(1);

const answersShape = Object.fromEntries(
  Object.entries(QUESTION_VALUES).map(([id, values]) => [id, z.enum(values as unknown as [string, ...string[]]).optional()]),
);

const host = z.object({ value: z.string(), kind: z.enum(['dns', 'ipv4', 'ipv6']), isExample: z.boolean() });

const document = z.object({ title: z.string().min(1), publisher: z.string().min(1), url: z.string().regex(/^https:\/\/\S+$/) });
const sourceCatalogue = z.partialRecord(source, document.extend({ also: z.array(document).optional(), note: z.string().optional() }));

export const RecommendationExportSchema = z.object({
  schema: z.literal(EXPORT_SCHEMA_ID),
  rulesetVersion: z.string(),
  permalink: z.string(),
  answers: z.object(answersShape).strict(),
  hosts: z.object({ target: host, resource: host.optional() }),
  authentication: z.enum(['kerberos', 'negotiate-https', 'certificate', 'ntlm-trustedhosts', 'ssh']),
  transport: z.enum(['http', 'https', 'ssh']),
  port: z.number().int(),
  httpListener: z.enum(['kept', 'removed', 'not-applicable']),
  trustedHosts: z.array(z.string().refine((s) => !s.includes('*') && !s.includes('?'), 'never a wildcard')),
  endpoint: z.enum(['default', 'jea']),
  secondHop: z.enum(['none', 'rbkcd', 'kcd', 'credssp', 'explicit-credentials', 'jea-gmsa', 'runas-endpoint']),
  certificate: z
    .object({
      source: z.enum(['enterprise-ca', 'self-signed']),
      subject: z.string(),
      template: z.string().optional(),
      clientCertificate: z.object({ mappedLocalAccount: z.string(), upn: z.string() }).optional(),
    })
    .optional(),
  firewall: z.object({
    port: z.number().int(),
    profiles: z.array(z.enum(['Domain', 'Private', 'Public'])).min(1),
    remoteAddress: z.object({
      variable: z.literal('$AdminSubnet'),
      example: z.string(),
      values: z.array(z.string().refine((s) => validateAdminSubnet(s).ok, 'an admin address the scripts accept')).min(1),
      isExample: z.boolean(),
      refused: z.array(z.string()),
    }),
    rules: z.array(
      z.object({
        name: z.string(),
        displayName: z.string(),
        port: z.number().int(),
        protocol: z.literal('TCP'),
        profiles: z.array(z.enum(['Domain', 'Private', 'Public'])).min(1),
        remoteAddress: z.literal('$AdminSubnet'),
        purpose: z.string(),
      }),
    ),
    disablesBuiltInRules: z.array(z.string()),
    manualNote: z.string().optional(),
  }),
  settings: z.array(
    z.object({
      id: z.string(),
      scope: z.enum(['service', 'client', 'registry', 'sshd', 'listener', 'policy']),
      name: z.string(),
      value: z.string(),
      appliedBy: z.enum(['target', 'client', 'resource', 'recommended']),
      because: z.string(),
      sources,
      topic,
    }),
  ),
  warnings: z.array(z.object({ id: z.string(), severity: z.enum(['high', 'medium', 'info']), message: z.string(), topic, sources })),
  alternatives: z.array(
    z.object({ kind: z.enum(['authentication', 'transport', 'endpoint', 'secondHop', 'certificate']), option: z.string(), whyNot: z.string(), topic, sources }),
  ),
  impacts: z.array(z.object({ id: z.string(), message: z.string(), topic })),
  rationale: z.array(
    z.object({
      decision: z.enum(['authentication', 'transport', 'endpoint', 'secondHop', 'firewall', 'certificate', 'trustedHosts']),
      value: z.string(),
      rule: z.string(),
      because: z.string(),
      sources,
      topic,
    }),
  ),
  runOrder: z.array(z.object({ script: z.enum(['target', 'client', 'resource']), where: z.string(), purpose: z.string() })),
  scripts: z.object({ target: z.string(), client: z.string(), rollback: z.string(), resource: z.string().optional() }),
  groupPolicy: z
    .object({
      gpoName: z.string(),
      rows: z.array(
        z.object({
          settingId: z.string(),
          setting: z.string(),
          path: z.string().optional(),
          state: z.string().optional(),
          registry: z.array(
            z.object({ key: z.string(), valueName: z.string(), type: z.enum(['DWord', 'String', 'MultiString']), value: z.union([z.number(), z.string()]), variable: z.string().optional() }),
          ),
          admx: z.string().optional(),
          instead: z.string().optional(),
          gpo: z.enum(['servers', 'admin-workstations', 'none']),
          inScript: z.boolean(),
          note: z.string().optional(),
          sources,
        }),
      ),
      linkOu: z.string(),
      script: z.string(),
      rollback: z.string(),
    })
    .optional(),
  ansible: z.object({ target: z.enum(['windows-winrm', 'windows-ssh', 'linux-ssh']), playbook: z.string(), inventory: z.string() }),
  /** Every key cited anywhere in the export, resolved: key -> { title, publisher, url, also?, note? }. */
  sources: sourceCatalogue,
}).superRefine((rec, ctx) => {
  const cited = [...rec.rationale, ...rec.warnings, ...rec.alternatives, ...rec.settings, ...(rec.groupPolicy?.rows ?? [])].flatMap((i) => i.sources);
  for (const key of new Set(cited)) {
    if (!(key in rec.sources)) ctx.addIssue({ code: 'custom', path: ['sources', key], message: `source ${key} is cited but not resolved` });
  }
});

export type RecommendationExport = z.infer<typeof RecommendationExportSchema>;

