import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { NightlyCleanup } from '../config.ts';
import { Mode, PLAYBOOK, ResourceType } from '../model/model.ts';
import { noticeOf, renderHtml } from '../model/render.ts';
import { buildReport } from '../model/report.ts';
import { collectRun } from './collect.ts';

const Input = z.object({
  outcome: z.enum(['completed', 'safety-stop', 'failed']),
  run: z.object({ mode: Mode, regions: z.array(z.string()), resourceTypes: z.array(ResourceType) }).optional(),
  /** What the state machine caught ({Error, Cause}) when the run failed. */
  error: z.object({ Error: z.string(), Cause: z.string().default('') }).optional(),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { nightlyCleanup: NightlyCleanup },
  input: Input,
  run: async ({ outcome, run, error }, ctx) => {
    const { config, runtime, execution } = ctx;
    const files = await collectRun(
      { s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket },
      execution.Name,
    );
    const report = buildReport({
      status: outcome,
      execution,
      settings: config.playbooks.nightlyCleanup,
      run,
      error,
      ...files,
    });
    const notice = noticeOf(report);
    const published = await publishReport(PLAYBOOK, { json: report, html: renderHtml(report) }, notice, ctx);
    return {
      status: report.status,
      summary: notice.title,
      totals: { ...report.totals, skippedByReason: undefined },
      ...published,
    };
  },
});
