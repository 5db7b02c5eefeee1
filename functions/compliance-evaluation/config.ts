// compliance-evaluation's block under `playbooks.complianceEvaluation` in config/*.yml.
import * as z from 'zod';
import { awsRegion, scheduleWithDefault } from '../shared/config/primitives.ts';

/** Finding severities as Security Hub, Inspector and ECR name them, lowest first. */
export const FINDING_SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
/** A finding severity label (Security Hub Severity.Label, Inspector severity, ECR severity). */
export const FindingSeverity = z.enum(FINDING_SEVERITIES);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

/** A Security Hub standard as findings name it (Compliance.AssociatedStandards[].StandardsId). */
const StandardsId = z
  .string()
  .regex(
    /^(standards|ruleset)\/[a-z0-9-]+\/v\/\d+\.\d+\.\d+$/,
    'a Security Hub standard id such as standards/cis-aws-foundations-benchmark/v/3.0.0',
  );

const Repository = z.strictObject({
  /** ECR repository name in the account's own registry. */
  name: z.string().regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, 'an ECR repository name'),
  /** Image tags to check; each is resolved to the digest it points to now. */
  tags: z
    .array(z.string().regex(/^[\w][\w.-]{0,127}$/, 'an image tag'))
    .min(1)
    .default(['latest']),
  /** Regions holding the repository; omitted: every region of the run. */
  regions: z.array(awsRegion).min(1).optional(),
});

/** A known failure accepted until a date: a CIS control (Security Hub control id, e.g. IAM.6) or a CVE id. */
const Exemption = z.strictObject({
  id: z
    .string()
    .regex(/^(?:[A-Za-z0-9]+\.\d+|CVE-\d{4}-\d{4,}|GHSA-[\w-]+)$/, 'a control id (IAM.6) or a CVE id (CVE-2024-1234)'),
  /** Why it is accepted (shown in every report). */
  reason: z.string().min(1),
  /** Last day (UTC) the exemption holds; after it the failure counts again and the report says it expired. */
  expires: z.iso.date(),
});
/** One configured exemption. */
export type Exemption = z.infer<typeof Exemption>;

/** The playbook's config block (every key has a default; documented in README.md). */
export const ComplianceEvaluation = z.strictObject({
  schedule: scheduleWithDefault('cron(0 1 * * ? *)'),
  /** Only rules whose name starts with one of these; empty means every rule in the region. */
  ruleNamePrefixes: z.array(z.string().min(1)).default([]),
  /** How long the state machine waits for evaluations before reading compliance. */
  evaluationWaitSeconds: z.number().int().min(0).max(3600).default(120),
  /** Reading compliance is retried this many times while evaluations are still running. */
  maxPolls: z.number().int().min(1).max(20).default(5),
  /** The CIS benchmark as Security Hub checks it. */
  cis: z
    .strictObject({
      /** Security Hub standards read (their failed controls); the CIS AWS Foundations Benchmark by default. */
      standards: z.array(StandardsId).min(1).max(20).default(['standards/cis-aws-foundations-benchmark/v/3.0.0']),
      /** Enable Security Hub (without its default standards) and these standards where they are off: it costs money. */
      enable: z.boolean().default(false),
      /** A control newly failing at this severity or worse sends a SEV3 notice. */
      noticeSeverity: FindingSeverity.default('HIGH'),
    })
    .prefault({}),
  /** Container image vulnerabilities (the runbook's `trivy image --severity HIGH,CRITICAL idp-api:latest`). */
  images: z
    .strictObject({
      /** ECR repositories and tags to check. */
      repositories: z.array(Repository).default([{ name: 'idp-api', tags: ['latest'] }]),
      /** Vulnerabilities of these severities are read and reported. */
      severities: z.array(FindingSeverity).min(1).default(['HIGH', 'CRITICAL']),
      /** A new vulnerability at this severity or worse sends a SEV3 notice. */
      noticeSeverity: FindingSeverity.default('CRITICAL'),
    })
    .prefault({}),
  /** Accepted failures (CIS controls or CVEs) with a reason and an expiry date. */
  exemptions: z.array(Exemption).default([]),
});

/** The block with its defaults applied. */
export type ComplianceEvaluationSettings = z.output<typeof ComplianceEvaluation>;
