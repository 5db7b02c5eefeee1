// What point-in-time-restore is asked by hand (console or `autopilot run`): a database part, an S3 part, or both,
// and the time to go back to. Strict: unknown keys are refused by name.
import * as z from 'zod';
import { isPointInTime } from '../../shared/dr/times.ts';

const clusterId = z
  .string()
  .regex(/^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-)){0,62}$/, 'an Aurora cluster identifier (letters, digits, single hyphens)')
  .refine((id) => !id.endsWith('-'), 'a cluster identifier does not end with a hyphen');

export const RestoreInput = z
  .strictObject({
    /** The Aurora cluster to restore from (never changed). */
    sourceClusterId: clusterId.optional(),
    /** The new cluster (default `<source>-pitr-<yyyymmddhhmm>`); it must not exist. */
    targetClusterId: clusterId.optional(),
    /** An ISO 8601 time, "latest" (database only), or "<n> minutes|hours|days ago" from the execution's start. */
    restoreTime: z
      .string()
      .refine((text) => text === 'latest' || isPointInTime(text), 'an ISO 8601 time, "latest" or "<n> hours ago"'),
    /** The region of the cluster and the bucket (default: the first configured region). */
    region: z.string().optional(),
    dbSubnetGroupName: z.string().min(1).optional(),
    vpcSecurityGroupIds: z
      .array(z.string().regex(/^sg-[0-9a-f]+$/, 'a security group id'))
      .min(1)
      .optional(),
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'a DB instance class such as db.r6g.large')
      .optional(),
    /** A versioned bucket whose objects under `prefix` go back to the versions current at the restore time. */
    bucket: z.string().min(3).max(63).optional(),
    prefix: z.string().default(''),
    /** Also delete (a delete marker: the versions stay) objects created after the restore time. */
    deleteNewerObjects: z.boolean().default(false),
    dryRun: z.boolean().default(false),
  })
  .superRefine((input, ctx) => {
    if (!input.sourceClusterId && !input.bucket) {
      ctx.addIssue({ code: 'custom', message: 'name sourceClusterId, bucket, or both', path: ['sourceClusterId'] });
    }
    if (!input.sourceClusterId) {
      for (const key of ['targetClusterId', 'dbSubnetGroupName', 'vpcSecurityGroupIds', 'instanceClass'] as const) {
        if (input[key] !== undefined)
          ctx.addIssue({ code: 'custom', message: 'only with sourceClusterId', path: [key] });
      }
    }
    if (input.bucket && input.restoreTime === 'latest') {
      ctx.addIssue({
        code: 'custom',
        message: '"latest" restores a database only: give a time for objects',
        path: ['restoreTime'],
      });
    }
    if (input.sourceClusterId && input.targetClusterId?.toLowerCase() === input.sourceClusterId.toLowerCase()) {
      ctx.addIssue({
        code: 'custom',
        message: 'must differ from sourceClusterId: the source is never overwritten',
        path: ['targetClusterId'],
      });
    }
  });
export type RestoreInput = z.output<typeof RestoreInput>;
