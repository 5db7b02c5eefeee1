// nightly-cleanup's block under `playbooks.nightlyCleanup` in config/*.yml.
import * as z from 'zod';
import { scheduleWithDefault } from '../shared/config/primitives.ts';

export const NightlyCleanup = z.strictObject({
  /** Nightly run over every account of the stage x each of its regions (cron and time zone). */
  schedule: scheduleWithDefault('cron(30 2 * * ? *)'),
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
      /** A run whose due deletions (over every account) exceed this stops before deleting anything and alerts. */
      maxDeletionsPerRun: z.number().int().min(1).max(5000).default(100),
      /** The same in one account: an account whose due deletions exceed it is stopped (nothing deleted, marked or
       * unmarked there) and alerted; the other accounts go on. */
      maxDeletionsPerAccount: z.number().int().min(1).max(5000).default(50),
      /** Both as a share (0..1] of the resources the run looked at, in total and in each account; the lower of the
       * count and the share applies. */
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
  /** AWS calls in flight per batch (the state machine plans 10 account x region targets and applies 4 batches at
   * once). */
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

/** The block with its defaults applied. */
export type NightlyCleanupSettings = z.output<typeof NightlyCleanup>;
