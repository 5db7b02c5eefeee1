// The one schema of the stage configuration (config/default.yml merged with config/<stage>.yml).
// It is checked at package time (serverless.yml), by the CLI and at every cold start, so a bad value
// stops everything before anything runs, with the key named. Each playbook's block is in config/.
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { ConfigError } from '../errors/errors.ts';
import {
  ComplianceEvaluation,
  CostReport,
  GuarddutyHardening,
  IncidentAlert,
  NightlyCleanup,
} from './operations-playbooks.ts';
import { awsRegion, SecretRef, Severity } from './primitives.ts';
import { ContainInstance, ReleaseInstance, RevokeCredentials } from './security-playbooks.ts';

export { Schedule, SecretRef, Severity } from './primitives.ts';

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
    costReport: CostReport,
    revokeCredentials: RevokeCredentials.prefault({}),
    containInstance: ContainInstance.prefault({}),
    releaseInstance: ReleaseInstance.prefault({}),
    nightlyCleanup: NightlyCleanup,
    incidentAlert: IncidentAlert.prefault({}),
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

// Lambda allows 4 KB of environment in all: the deployed config travels gzipped (base64) behind this prefix.
const GZIP_PREFIX = 'gzip:';

export function encodeConfigForEnv(config: Config): string {
  return `${GZIP_PREFIX}${gzipSync(JSON.stringify(config), { level: 9 }).toString('base64')}`;
}

function decodeConfigFromEnv(raw: string): unknown {
  try {
    const json = raw.startsWith(GZIP_PREFIX)
      ? gunzipSync(Buffer.from(raw.slice(GZIP_PREFIX.length), 'base64')).toString()
      : raw;
    return JSON.parse(json);
  } catch {
    throw new ConfigError('config: AUTOPILOT_CONFIG is neither JSON nor gzip:<base64 JSON>');
  }
}

/** The validated config handed to Lambda functions in AUTOPILOT_CONFIG; parsed once per value. */
export function getConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = env.AUTOPILOT_CONFIG;
  if (!raw) throw new ConfigError('config: AUTOPILOT_CONFIG is not set (it is set by serverless.yml and the CLI)');
  if (cached?.raw === raw) return cached.config;
  cached = { raw, config: parseConfig(decodeConfigFromEnv(raw)) };
  return cached.config;
}
