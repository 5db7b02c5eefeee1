// point-in-time-restore's block under `playbooks.pointInTimeRestore` in config/*.yml.
import * as z from 'zod';

export const PointInTimeRestore = z.strictObject({
  /** Buckets whose objects it may restore (its role may copy objects in these only); a request naming another is
   *  refused. */
  buckets: z.array(z.string().min(3).max(63)).min(1).default(['idp-data']),
  /** DB instance class of the restored cluster's instance when the request names none (default: the class of the
   *  source's writer instance). */
  instanceClass: z.string().min(3).optional(),
  /** Seconds between two looks at the restored cluster and its instance. */
  pollSeconds: z.number().int().min(1).max(600).default(30),
  /** Looks before the run stops waiting (the cluster stays; the report says how to go on): 120 x 30 s = 1 h. */
  maxPolls: z.number().int().min(1).max(1000).default(120),
  /** Objects copied back per Lambda invocation. */
  objectBatchSize: z.number().int().min(1).max(1000).default(200),
  /** A plan with more objects to restore than this stops before copying anything (restore a narrower prefix). */
  maxObjects: z.number().int().min(1).max(1_000_000).default(100_000),
});

/** The block with its defaults applied. */
export type PointInTimeRestoreSettings = z.output<typeof PointInTimeRestore>;
