import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { awsClient } from '../../shared/aws/clients.ts';
import { releaseLock } from '../../shared/claims/locks.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { failureNotice } from '../../shared/notify/refusal.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { ScalePlan, Snapshot } from '../targets/kinds.ts';
import { type Outcome, summarize } from './summarize.ts';

// The whole execution state ($): the plan (absent when the plan step refused), what apply did, the last check, and
// the caught error when a Catch sent it here.
const Input = z.object({
  state: z.looseObject({
    plan: z.custom<ScalePlan>((value) => typeof value === 'object' && value !== null).optional(),
    applied: z.looseObject({ actions: z.array(z.custom<AuditRecord>()).default([]) }).optional(),
    check: z
      .looseObject({
        settled: z.boolean(),
        after: z.custom<Snapshot>(),
        failed: z.string().optional(),
        poll: z.number(),
      })
      .optional(),
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  }),
});

export const handler = makeHandler({
  playbook: 'scale-capacity',
  input: Input,
  run: async ({ state }, ctx) => {
    const { config, runtime, execution } = ctx;
    const { plan, applied, check, error } = state;
    let outcome: Outcome;
    let reason: string | undefined;
    if (error) {
      outcome = plan ? 'failed' : 'refused';
      reason = causeMessage(error.Cause) || error.Error;
    } else if (plan?.dryRun) outcome = 'dry-run';
    else if (check?.settled) outcome = 'scaled';
    else {
      outcome = 'not-healthy';
      reason = check?.failed;
    }
    if (plan && !plan.dryRun) {
      await releaseLock(awsClient(S3Client, config.regions[0]), runtime.reportsBucket, plan.lockTarget, execution.Id);
    }
    const { report, html, notice, title } = summarize({
      outcome,
      plan,
      after: check?.after,
      reason,
      actions: applied?.actions ?? [],
      polls: check?.poll,
    });
    // Input refused at run time (an unknown group or service) is reported as rejected input: SNS only, SEV4.
    const sent = error ? failureNotice(notice, error) : notice;
    const published = await publishReport('scale-capacity', { json: report, html }, sent, ctx);
    const failed = outcome === 'refused' || outcome === 'failed' || outcome === 'not-healthy';
    return {
      outcome,
      summary: title,
      before: plan?.before,
      after: check?.after,
      ...(failed ? { error: error?.Error ?? 'CapacityNotHealthy', cause: reason ?? title } : {}),
      ...published,
    };
  },
});
