// verify-backups' block under `playbooks.verifyBackups` in config/*.yml.
import * as z from 'zod';
import { awsRegion, scheduleWithDefault } from '../shared/config/primitives.ts';

/** The resource types it restores (AWS Backup's names). */
export const RESOURCE_TYPES = ['EBS', 'Aurora', 'RDS', 'EC2', 'S3'] as const;
export const ResourceType = z.enum(RESOURCE_TYPES);
export type ResourceType = z.infer<typeof ResourceType>;

/** Where restores of one region go: a place nothing else reaches (no-ingress security groups, a test subnet group). */
const Isolation = z.strictObject({
  /** DB subnet group of restored Aurora clusters and RDS instances. */
  dbSubnetGroupName: z.string().min(1).optional(),
  /** Security groups of restored databases and instances (no ingress). */
  securityGroupIds: z
    .array(z.string().regex(/^sg-[0-9a-f]+$/, 'a security group id'))
    .min(1)
    .optional(),
  /** Subnet of restored EC2 instances. */
  subnetId: z
    .string()
    .regex(/^subnet-[0-9a-f]+$/, 'a subnet id')
    .optional(),
  /** Availability Zone of restored EBS volumes (default: the volume's own). */
  availabilityZone: z.string().optional(),
});
export type Isolation = z.infer<typeof Isolation>;

export const VerifyBackups = z.strictObject({
  /** The weekly restore test (EventBridge Scheduler). */
  schedule: scheduleWithDefault('cron(0 4 ? * SUN *)'),
  /** Backup vaults it verifies, in every configured region where they exist. */
  vaults: z.array(z.string().min(2).max(50)).min(1).default(['idp-backup-vault']),
  /** Resource types it restores when the request names none. */
  resourceTypes: z
    .array(ResourceType)
    .min(1)
    .default([...RESOURCE_TYPES]),
  /** Which completed recovery point of a type it restores: the newest, or a random one of the window (as AWS
   *  Backup restore testing does). */
  selection: z.enum(['latest', 'random']).default('latest'),
  /** Days back a random selection draws from. */
  selectionWindowDays: z.number().int().min(1).max(365).default(7),
  /** The newest completed recovery point of a type must be younger than this (hours): the backups' RPO. */
  rpoHours: z.number().min(1).max(8760).default(26),
  /** Recovery points must be encrypted. */
  requireEncryption: z.boolean().default(true),
  /** The role AWS Backup restores with (path and name in the account). */
  restoreRoleName: z.string().min(1).default('service-role/AWSBackupDefaultServiceRole'),
  /** Per region, where restores go; EC2, Aurora and RDS restores of a region without one are skipped (never into
   *  production networks). */
  isolation: z.record(awsRegion, Isolation).default({}),
  /** Small instance classes for restored databases and instances (they only have to start). */
  instanceClasses: z
    .strictObject({
      aurora: z.string().default('db.t4g.medium'),
      rds: z.string().default('db.t4g.micro'),
      ec2: z.string().default('t3.micro'),
    })
    .prefault({}),
  /** A query through the RDS Data API on restored Aurora clusters: the first value of the first row must be at least
   *  minValue; regions without a secret skip it. */
  dataApiCheck: z
    .strictObject({
      /** Secrets Manager secret (ARN) per region with the database credentials. */
      secretArns: z.record(awsRegion, z.string().startsWith('arn:aws:secretsmanager:')),
      database: z.string().min(1).default('idp'),
      sql: z.string().min(1).default('SELECT count(*) FROM documents'),
      minValue: z.number().default(1),
    })
    .optional(),
  /** Seconds between looks at a restore job and at the restored resource. */
  pollSeconds: z.number().int().min(1).max(3600).default(60),
  /** A restore job still running after this long counts as timed out (and alerts). */
  restoreTimeoutMinutes: z.number().int().min(1).max(1440).default(240),
  /** A restored resource not usable after this long fails its validation (TIMED_OUT). */
  validationTimeoutMinutes: z.number().int().min(1).max(1440).default(60),
  /** The runbook's S3 backup check: the bucket is reachable and its newest object under the prefix is younger than
   *  rpoHours. */
  backupBucket: z
    .strictObject({
      enabled: z.boolean().default(true),
      name: z.string().min(3).max(63).default('idp-backup-primary'),
      /** Its region (default: the first configured region). */
      region: awsRegion.optional(),
      prefix: z.string().default('latest/'),
      rpoHours: z.number().min(1).max(8760).default(26),
    })
    .prefault({}),
  /** A measured RTO above this many times the median of the earlier runs (same type) alerts. */
  rtoAlertFactor: z.number().min(1).max(100).default(2),
  /** Earlier runs the trend compares with (their results are kept under reports/verify-backups/history/). */
  trendRuns: z.number().int().min(1).max(52).default(8),
  /** Resources tagged by an earlier run are swept (deleted) once older than this. */
  sweepAfterHours: z.number().min(1).max(720).default(24),
});

/** The block with its defaults applied. */
export type VerifyBackupsSettings = z.output<typeof VerifyBackups>;
