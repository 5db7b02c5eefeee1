import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { Plan } from '../model/plan.ts';
import { renderReport } from '../model/report.ts';
import { finishShift } from './finish.ts';

const Input = z.object({
  plan: z.custom<Plan>((value) => typeof value === 'object' && value !== null),
  /** What Configure green did or, in a dry run, would do (a dry run writes no run record). */
  configured: z.looseObject({ actions: z.array(z.custom<AuditRecord>()).default([]) }).optional(),
});

export const handler = makeHandler({
  playbook: 'traffic-shift',
  input: Input,
  run: async ({ plan, configured }, ctx) => {
    const { config, runtime, execution, audit, now } = ctx;
    const s3 = awsClient(S3Client, config.regions[0]);
    const record = await finishShift(plan, {
      elbv2: awsClient(ElasticLoadBalancingV2Client, plan.region),
      s3,
      bucket: runtime.reportsBucket,
      audit,
      execution,
      now: now(),
    });
    // The earlier steps' actions are in the run record (this step's included); a dry run wrote none.
    const actions = plan.dryRun ? [...(configured?.actions ?? []), ...audit.records] : record.actions;
    const { report, html, notice, title } = renderReport({
      outcome: plan.dryRun ? 'dry-run' : 'promoted',
      plan,
      record,
      actions,
      severity: 'SEV4',
    });
    const published = await publishReport('traffic-shift', { json: report, html }, notice, ctx);
    return {
      outcome: report.outcome,
      summary: title,
      judgements: record.judgements.map((j) => ({
        percent: j.percent,
        verdict: j.verdict,
        green: j.green,
        blue: j.blue,
      })),
      ...published,
    };
  },
});
