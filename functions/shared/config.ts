// The one schema of the stage configuration (config/default.yml merged with config/<stage>.yml).
// It is checked at package time (serverless.yml), by the CLI and at every cold start, so a bad value
// stops everything before anything runs, with the key named.
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const awsRegion = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region code such as us-east-1');

/** Secrets are references to SSM SecureString parameters or Secrets Manager secrets, never plain values. */
export const SecretRef = z
  .strictObject({
    ssmParameter: z.string().regex(/^\/[\w.\-/]+$/, 'an SSM parameter name starting with /').optional(),
    secretId: z.string().min(1).optional(),
  })
  .refine((ref) => Boolean(ref.ssmParameter) !== Boolean(ref.secretId), {
    message: 'exactly one of ssmParameter or secretId (the secret itself never goes in config)',
  });
export type SecretRef = z.infer<typeof SecretRef>;

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'an IANA time zone such as Europe/Berlin or UTC' },
);

/** An EventBridge Scheduler cron expression (six fields) in a time zone. */
export const Schedule = z.strictObject({
  enabled: z.boolean().default(true),
  cron: z
    .string()
    .regex(/^cron\((\S+\s){5}\S+\)$/, 'cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 2 * * ? *)'),
  timezone: timeZone.default('UTC'),
});
export type Schedule = z.infer<typeof Schedule>;

export const Severity = z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
export type Severity = z.infer<typeof Severity>;

const Notifications = z.strictObject({
  /** The stack's own SNS topic always receives every message; these add channels. */
  slack: z.strictObject({ webhookUrl: SecretRef, channelName: z.string().optional() }).optional(),
  pagerduty: z
    .strictObject({
      routingKey: SecretRef,
      /** Messages at this severity or worse page; the rest only go to SNS and Slack. */
      minSeverity: Severity.default('SEV2'),
    })
    .optional(),
});

const GuarddutyHardening = z.strictObject({
  schedule: Schedule,
  findingPublishingFrequency: z.enum(['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS']).default('FIFTEEN_MINUTES'),
});

const ComplianceEvaluation = z.strictObject({
  schedule: Schedule,
  /** Only rules whose name starts with one of these; empty means every rule in the region. */
  ruleNamePrefixes: z.array(z.string().min(1)).default([]),
  /** How long the state machine waits for evaluations before reading compliance. */
  evaluationWaitSeconds: z.number().int().min(0).max(3600).default(120),
  /** Reading compliance is retried this many times while evaluations are still running. */
  maxPolls: z.number().int().min(1).max(20).default(5),
});

export const ConfigSchema = z.strictObject({
  /** Every region the playbooks act in; the first is where the stack and its reports live. */
  regions: z.array(awsRegion).min(1, 'at least one region'),
  /** Resources carrying this tag (value "true", or an ISO date until which it holds) are never acted on. */
  exemptionTag: z.string().min(1).max(128).default('autopilot:exempt'),
  notifications: Notifications.default({}),
  reports: z
    .strictObject({
      /** Days before the reports bucket's lifecycle rule expires a report. */
      retentionDays: z.number().int().min(1).max(3650).default(400),
    })
    .default({ retentionDays: 400 }),
  playbooks: z.strictObject({
    guarddutyHardening: GuarddutyHardening,
    complianceEvaluation: ComplianceEvaluation,
  }),
});
export type Config = z.infer<typeof ConfigSchema>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length ? issue.path.join('.') : '(root)';
  return `config: ${key}: ${issue.message}`;
}

/** Validates raw config; throws ConfigError whose message names every bad key and what is allowed. */
export function parseConfig(raw: unknown): Config {
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map(describeIssue).join('\n'));
  }
  return result.data;
}

let cached: { raw: string; config: Config } | undefined;

/** The validated config handed to Lambda functions in AUTOPILOT_CONFIG; parsed once per value. */
export function getConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = env.AUTOPILOT_CONFIG;
  if (!raw) throw new ConfigError('config: AUTOPILOT_CONFIG is not set (it is set by serverless.yml and the CLI)');
  if (cached?.raw === raw) return cached.config;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('config: AUTOPILOT_CONFIG is not valid JSON');
  }
  cached = { raw, config: parseConfig(parsed) };
  return cached.config;
}
