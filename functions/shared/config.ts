// The one schema of the stage configuration (config/default.yml merged with config/<stage>.yml).
// It is checked at package time (serverless.yml), by the CLI and at every cold start, so a bad value
// stops everything before anything runs, with the key named.
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { ConfigError } from './errors.ts';

const awsRegion = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region code such as us-east-1');

/** Secrets are references to SSM SecureString parameters or Secrets Manager secrets, never plain values. */
export const SecretRef = z
  .strictObject({
    // The functions' roles may read only under these prefixes (serverless/iam.yml).
    ssmParameter: z
      .string()
      .regex(/^\/idp-autopilot\/[\w.\-/]+$/, 'an SSM parameter name under /idp-autopilot/')
      .optional(),
    secretId: z
      .string()
      .regex(/^idp-autopilot\/[\w.\-/+=@]+$/, 'a Secrets Manager secret name under idp-autopilot/')
      .optional(),
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
    .regex(
      /^cron\((\S+\s){5}\S+\)$/,
      'cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 2 * * ? *)',
    ),
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

const CostReport = z.strictObject({
  /** Daily run; its time zone also decides which day is "today" and so which month is reported. */
  schedule: Schedule,
  /** Monthly budget (USD, spend before credits and refunds) the projected month is compared with; none: no alert. */
  monthlyBudgetUsd: z.number().positive().optional(),
  /** Severity of the notice when the projected month exceeds the budget (PagerDuty pages at its minSeverity). */
  budgetAlertSeverity: Severity.default('SEV3'),
  /** The chart stacks this many top services per day and sums the rest as "Other". */
  chartTopServices: z.number().int().min(1).max(20).default(8),
  /** How many top movers the report lists per comparison (day over day, same days last month). */
  topMovers: z.number().int().min(1).max(20).default(5),
  /** Anomalies whose total impact (USD) is below this are not asked for. */
  minAnomalyImpactUsd: z.number().min(0).default(1),
});

const IAM_FAMILY_PREFIX = /^[A-Za-z]+:IAMUser\/$/;

const RevokeCredentials = z.strictObject({
  /** GuardDuty findings at or above this severity start revoke-credentials (Low 1-3.9, Medium 4-6.9, High 7-8.9, Critical 9+). */
  minSeverity: z.number().min(1).max(10).default(4),
  /** Finding types that start it: EventBridge prefix matchers on detail.type, one per IAMUser family. */
  findingTypes: z
    .array(
      z.strictObject({ prefix: z.string().regex(IAM_FAMILY_PREFIX, 'a finding family such as "Impact:IAMUser/"') }),
    )
    .min(1)
    .default(
      [
        'UnauthorizedAccess',
        'CredentialAccess',
        'Exfiltration',
        'Persistence',
        'PrivilegeEscalation',
        'Impact',
        'InitialAccess',
        'Discovery',
      ].map((family) => ({ prefix: `${family}:IAMUser/` })),
    ),
  /** What a run does with a long-term key when its input names no mode: deactivate it, or rotate it. */
  mode: z.enum(['deactivate', 'rotate']).default('deactivate'),
  /** Also attach the inline deny-all policy to the user (blocks its console password and every other credential). */
  attachDenyPolicy: z.boolean().default(true),
  /** Name of that inline policy; restore-credentials removes exactly this one. */
  denyPolicyName: z
    .string()
    .regex(/^[\w+=,.@-]{1,128}$/, 'an IAM policy name')
    .default('idp-autopilot-deny-all'),
  /** rotate: seconds between creating the replacement key and deleting the compromised one (never immediately). */
  rotateGraceSeconds: z
    .number()
    .int()
    .min(300)
    .max(30 * 86_400)
    .default(86_400),
  /** rotate: the replacement key is stored in Secrets Manager as <prefix><userName>. */
  replacementSecretPrefix: z
    .string()
    .regex(/^[\w/+=.@-]{1,200}\/$/, 'a secret name prefix ending in /')
    .default('idp-autopilot-access-keys/'),
  /** Keys and console passwords created within this many hours of the finding's activity are listed as possible persistence. */
  persistenceWindowHours: z.number().int().min(1).max(720).default(72),
});

const INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

const ContainInstance = z.strictObject({
  /** GuardDuty findings at or above this severity start contain-instance (Low 1-3.9, Medium 4-6.9, High 7-8.9, Critical 9+). */
  minSeverity: z.number().min(1).max(10).default(7),
  /** Finding types that start it: EventBridge matchers on detail.type, a prefix per family or a wildcard. */
  findingTypes: z
    .array(
      z.union([
        z.strictObject({
          prefix: z.string().regex(/^[A-Za-z]+:[A-Za-z0-9]+\/$/, 'a finding family such as "Backdoor:EC2/"'),
        }),
        z.strictObject({ wildcard: z.string().min(3) }),
      ]),
    )
    .min(1)
    .default([
      ...['Backdoor', 'CryptoCurrency', 'Trojan', 'UnauthorizedAccess', 'Impact', 'Execution'].map((family) => ({
        prefix: `${family}:EC2/`,
      })),
      { wildcard: '*:Runtime/*' },
    ]),
  /** Instances never contained, in addition to those tagged with exemptionTag. */
  exemptInstanceIds: z
    .array(z.string().regex(INSTANCE_ID, 'an EC2 instance id such as i-0abc12345def67890'))
    .default([]),
  /** Instances carrying one of these tags (any value when value is omitted) are critical. */
  criticalTags: z.array(z.strictObject({ key: z.string().min(1), value: z.string().optional() })).default([]),
  /** Blast-radius conditions that make a run wait for a human approval before it touches the instance. */
  requireApprovalWhen: z
    .strictObject({
      /** The instance is the last healthy target of one of its target groups. */
      lastHealthyTarget: z.boolean().default(true),
      /** Detaching it leaves its Auto Scaling group with fewer InService instances than MinSize. */
      belowAsgMinimum: z.boolean().default(true),
      /** It carries one of criticalTags. */
      critical: z.boolean().default(true),
    })
    .prefault({}),
  /** Contain at once even when a blast-radius condition holds (the conditions are still reported). */
  proceedWithoutApproval: z.boolean().default(false),
  /** How long an approval request stays open; after that the run fails and pages, the instance uncontained. */
  approvalTimeoutSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(3600),
  /** Security group with no rules that isolates the instance; created in each VPC where it is missing. */
  isolationGroupName: z
    .string()
    .regex(/^[\w .:/()#,@[\]+=&;{}!$*-]{1,255}$/, 'a security group name')
    .default('idp-autopilot-isolation'),
  /** Allow-all group applied first so tracked connections become untracked; created where missing. */
  untrackGroupName: z
    .string()
    .regex(/^[\w .:/()#,@[\]+=&;{}!$*-]{1,255}$/, 'a security group name')
    .default('idp-autopilot-untrack'),
  /** Instance profile whose role denies everything; it replaces the instance's profile. */
  quarantineInstanceProfile: z
    .string()
    .regex(/^[\w+=,.@-]{1,128}$/, 'an instance profile name')
    .default('idp-autopilot-quarantine'),
  /** Also revoke every session of the instance's role issued before containment (hits every instance using the role). */
  revokeRoleSessions: z.boolean().default(false),
});

const ReleaseInstance = z.strictObject({
  /** How long a release waits for its approval before it fails, changing nothing. */
  approvalTimeoutSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
});

const NightlyCleanup = z.strictObject({
  /** Nightly run over every configured region (cron and time zone). */
  schedule: Schedule,
  /** What a run does when its input names no mode: report (changes nothing), mark (tags first sightings), delete
   * (also deletes what carries a due mark). A new stage starts in report; a stage opts into mark or delete. */
  mode: z.enum(['report', 'mark', 'delete']).default('report'),
  /** Resource types a run covers when its input names none. */
  resourceTypes: z
    .array(z.enum(['volume', 'snapshot', 'address']))
    .min(1)
    .default(['volume', 'snapshot', 'address']),
  /** Own snapshots older than this many days are candidates; younger ones are not looked at further. */
  snapshotAgeDays: z.number().int().min(1).max(3650).default(90),
  /** Resources created less than this many days ago are skipped (volumes; snapshots when it exceeds snapshotAgeDays;
   * Elastic IPs carry no creation time, the grace period is their age guard). */
  minAgeDays: z.number().int().min(0).max(3650).default(7),
  /** Days between the mark announced in a report and the earliest deletion. */
  gracePeriodDays: z.number().int().min(1).max(365).default(7),
  finalSnapshot: z
    .strictObject({
      /** Before a volume is deleted, a snapshot tagged with its origin is taken and must complete. */
      enabled: z.boolean().default(true),
      /** Seconds the state machine waits between checks of pending final snapshots. */
      waitSeconds: z.number().int().min(0).max(3600).default(60),
      /** Checks before a run gives up waiting (the volume stays marked and a later run deletes it). */
      maxPolls: z.number().int().min(1).max(100).default(30),
    })
    .prefault({}),
  safetyCap: z
    .strictObject({
      /** A run whose due deletions exceed this stops before deleting anything and alerts. */
      maxDeletionsPerRun: z.number().int().min(1).max(5000).default(100),
      /** The same as a share (0..1] of the resources the run looked at; the lower of both limits applies. */
      maxEstateShare: z.number().gt(0).max(1).default(0.1),
    })
    .prefault({}),
  /** Resources carrying one of these tag keys are never touched (e.g. EBS CSI volumes of Kubernetes PVCs). */
  protectedTagKeys: z.array(z.string().min(1).max(128)).default(['kubernetes.io/created-for/pvc/name']),
  batchSize: z
    .strictObject({
      /** Resources per tagging batch (one Lambda invocation; CreateTags takes them in calls of 200). */
      tag: z.number().int().min(1).max(2000).default(500),
      /** Resources per deletion batch (one Lambda invocation). */
      delete: z.number().int().min(1).max(200).default(25),
    })
    .prefault({}),
  /** AWS calls in flight per batch (the state machine runs at most 4 batches at once). */
  concurrency: z.number().int().min(1).max(16).default(4),
  prices: z
    .strictObject({
      /** USD per GB-month of EBS volume storage, by volume type (unknown types use `standard`). */
      volumeGbMonth: z
        .record(z.string(), z.number().min(0))
        .default({ gp3: 0.08, gp2: 0.1, io1: 0.125, io2: 0.125, st1: 0.045, sc1: 0.015, standard: 0.05 }),
      /** USD per GB-month of a standard-tier snapshot (billing counts changed blocks: the figure is an upper bound). */
      snapshotGbMonth: z.number().min(0).default(0.05),
      /** USD per GB-month of an archive-tier snapshot. */
      snapshotArchiveGbMonth: z.number().min(0).default(0.0125),
      /** USD per hour of an idle public IPv4 address. */
      publicIpv4Hour: z.number().min(0).default(0.005),
      /** Hours in a billing month. */
      hoursPerMonth: z.number().min(1).default(730),
    })
    .prefault({}),
});

const ALARM_NAME_PREFIX = z.string().min(1).max(255);

const IncidentAlert = z.strictObject({
  /** CloudWatch alarms whose names start with one of these start incident-alert; written as plain prefixes, held
   *  as the EventBridge prefix matchers of the rule on detail.alarmName ({prefix} is accepted too). */
  alarmNamePrefixes: z
    .array(
      z.union([ALARM_NAME_PREFIX.transform((prefix) => ({ prefix })), z.strictObject({ prefix: ALARM_NAME_PREFIX })]),
    )
    .min(1)
    .default([{ prefix: 'idp-' }]),
  /** Alarms starting with one of these are left alone: the stack's own alarms already notify its topic. */
  ignoreAlarmNamePrefixes: z.array(ALARM_NAME_PREFIX).default(['idp-autopilot-']),
  /** Severity per alarm name prefix; the longest matching prefix wins. */
  severityByPrefix: z.record(ALARM_NAME_PREFIX, Severity).default({ 'idp-prod-': 'SEV2' }),
  /** Severity of an alarm no prefix in severityByPrefix matches. */
  defaultSeverity: Severity.default('SEV3'),
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
