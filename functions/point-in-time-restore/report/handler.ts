import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { awsClient } from '../../shared/aws/clients.ts';
import { readJson } from '../../shared/claims/read.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { ObjectDecision } from '../objects-plan/versions.ts';
import type { ObjectsPlan } from '../plan/plan.ts';
import { type RestoreRun, summarizeRestore } from './summarize.ts';

const StepResult = z.looseObject({ actions: z.array(z.custom<AuditRecord>()).optional() });
// The whole execution state ($): the plan and each step's latest result as far as the run got; `error` when a Catch
// sent it here.
const Input = z.object({
  state: z.looseObject({
    plan: z.custom<RestoreRun['plan']>().optional(),
    restore: StepResult.optional(),
    progress: StepResult.optional(),
    objectsPlan: z.looseObject({ planKey: z.string() }).optional(),
    apply: z.looseObject({ cursor: z.number() }).optional(),
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  }),
});

/** The new cluster's status as RDS shows it now ('absent' when RDS does not know it). */
async function targetNow(region: string, clusterId: string): Promise<string> {
  try {
    const { DBClusters = [] } = await awsClient(RDSClient, region).send(
      new DescribeDBClustersCommand({ DBClusterIdentifier: clusterId }),
    );
    return DBClusters[0]?.Status ?? 'absent';
  } catch (error) {
    if ((error as Error).name === 'DBClusterNotFoundFault') return 'absent';
    return `not readable (${(error as Error).name})`;
  }
}

export const handler = makeHandler({
  playbook: 'point-in-time-restore',
  input: Input,
  run: async ({ state }, ctx) => {
    const { plan, restore, progress, objectsPlan, apply, error } = state;
    const home = ctx.config.regions[0];
    const stored = objectsPlan
      ? await readJson<{ objects: ObjectsPlan; decisions: ObjectDecision[] }>(
          awsClient(S3Client, home),
          ctx.runtime.reportsBucket,
          objectsPlan.planKey,
        )
      : undefined;
    const db = plan?.database;
    const run: RestoreRun = {
      plan,
      database: progress && {
        ...(progress as RestoreRun['database']),
        actions: [...(restore?.actions ?? []), ...(progress.actions ?? [])],
      },
      objects: stored ? { decisions: stored.decisions, applied: apply?.cursor ?? 0 } : undefined,
      error,
      targetNow: error && db && !plan?.dryRun ? await targetNow(db.region, db.targetClusterId) : undefined,
    };
    const { report, html, notice, title } = summarizeRestore(run);
    const published = await publishReport('point-in-time-restore', { json: report, html }, notice, ctx);
    return { summary: title, outcome: report.outcome, ...published };
  },
});
