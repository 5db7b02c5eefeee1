// The global part of the stage configuration (config/default.yml merged with config/<stage>.yml) and how a
// Lambda function reads its config. Each playbook's block (`playbooks.<configKey>`) is declared by the playbook's
// manifest; functions/playbooks.ts composes the whole schema, checked at package time and by the CLI. A function
// receives only the global keys and the blocks it reads (serverless/playbooks.cjs), and checks them at cold start.
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { Accounts } from '../accounts/config.ts';
import { ConfigError } from '../errors/errors.ts';
import { awsRegion, SecretRef, Severity } from './primitives.ts';

export { Schedule, SecretRef, Severity } from './primitives.ts';

/** PagerDuty Events API v2, US service region (the EU region's is https://events.eu.pagerduty.com/v2/enqueue). */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

const Notifications = z.strictObject({
  /** The stack's own SNS topic always receives every message; these add channels. */
  slack: z.strictObject({ webhookUrl: SecretRef, channelName: z.string().optional() }).optional(),
  pagerduty: z
    .strictObject({
      routingKey: SecretRef,
      /** Messages at this severity or worse page; the rest only go to SNS and Slack. */
      minSeverity: Severity.default('SEV2'),
      /** Where events are sent: the Events API v2 of the account's service region, or a rehearsal's stand-in. */
      eventsUrl: z
        .url({ protocol: /^https$/, error: 'must be an https URL (the Events API v2 enqueue endpoint)' })
        .default(PAGERDUTY_EVENTS_URL),
    })
    .optional(),
  /** Whether a dry run's notices go to SNS (never to Slack or PagerDuty); false: only logged and reported. */
  dryRuns: z.boolean().default(false),
});

/** The keys every function may read (everything but `playbooks`). */
export const GlobalShape = {
  /** Every region the playbooks act in; the first is where the stack and its reports live. */
  regions: z.array(awsRegion).min(1, 'at least one region'),
  /** Resources carrying this tag (value "true", or an ISO date until which it holds) are never acted on. */
  exemptionTag: z.string().min(1).max(128).default('autopilot:exempt'),
  notifications: Notifications.default({ dryRuns: false }),
  /** Member accounts the playbooks act in besides the home account (functions/shared/accounts/config.ts). */
  accounts: Accounts,
  reports: z
    .strictObject({
      /** Days before the reports bucket's lifecycle rule expires a report. */
      retentionDays: z.number().int().min(1).max(3650).default(400),
    })
    .default({ retentionDays: 400 }),
};
const GlobalSchema = z.strictObject(GlobalShape);
export type GlobalConfig = z.infer<typeof GlobalSchema>;

/** Config blocks a function reads, by their key under `playbooks:` (e.g. `{ nightlyCleanup: NightlyCleanup }`). */
export type Blocks = Record<string, z.ZodType>;

/** The config a function sees: the global keys and exactly the blocks it declared. */
export type ConfigOf<B extends Blocks> = GlobalConfig & { playbooks: { [K in keyof B]: z.output<B[K]> } };

function describeIssue(issue: z.core.$ZodIssue, prefix: (string | number)[] = []): string {
  const path = [...prefix, ...issue.path.map((part) => String(part))];
  return `config: ${path.length ? path.join('.') : '(root)'}: ${issue.message}`;
}

/** Validates `raw` against `schema`; throws ConfigError whose message names every bad key and what is allowed. */
export function parseWith<S extends z.ZodType>(schema: S, raw: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => describeIssue(i, prefix)).join('\n'));
  return result.data;
}

/** The global keys and the named blocks of a (possibly larger) config; other blocks are not looked at. */
export function configFor<B extends Blocks>(raw: unknown, blocks: B): ConfigOf<B> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('config: not a mapping');
  const { playbooks, ...global } = raw as Record<string, unknown>;
  const given = (playbooks ?? {}) as Record<string, unknown>;
  const read = Object.fromEntries(
    Object.entries(blocks).map(([key, schema]) => [key, parseWith(schema, given[key] ?? {}, ['playbooks', key])]),
  );
  return { ...parseWith(GlobalSchema, global), playbooks: read } as ConfigOf<B>;
}

// Lambda allows 4 KB of environment in all: the deployed config travels gzipped (base64) behind this prefix.
const GZIP_PREFIX = 'gzip:';

/** What a function gets in AUTOPILOT_CONFIG: `gzip:` + base64 of the gzipped JSON. */
export function encodeConfigForEnv(config: unknown): string {
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

const cache = new Map<string, unknown>();

/**
 * The validated config of a function from AUTOPILOT_CONFIG (set by serverless.yml and the CLI runner): the global
 * keys and `blocks`. Parsed once per value and block set; throws ConfigError naming the key.
 */
export function getConfig<B extends Blocks>(blocks: B, env: NodeJS.ProcessEnv = process.env): ConfigOf<B> {
  const raw = env.AUTOPILOT_CONFIG;
  if (!raw) throw new ConfigError('config: AUTOPILOT_CONFIG is not set (it is set by serverless.yml and the CLI)');
  const key = `${Object.keys(blocks).sort().join(',')}\n${raw}`;
  if (!cache.has(key)) {
    if (cache.size > 64) cache.clear();
    cache.set(key, configFor(decodeConfigFromEnv(raw), blocks));
  }
  return cache.get(key) as ConfigOf<B>;
}
