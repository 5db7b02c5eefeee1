import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { readResults } from '../../shared/fanout/results.ts';
import { resultsPrefix } from '../../shared/fanout/targets.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { GuarddutyHardening } from '../config.ts';
import type { RegionHardening } from '../harden-region/harden.ts';
import { type RegionResult, summarizeHardening } from './summarize.ts';

const Input = z.object({
  dryRun: z.boolean().default(false),
  /** What the plan step returned: the exempt accounts and how many targets there were. */
  plan: z.looseObject({ exempt: z.array(z.object({ id: z.string(), name: z.string() })).default([]) }),
});

export const handler = makeHandler({
  playbook: 'guardduty-hardening',
  config: { guarddutyHardening: GuarddutyHardening },
  input: Input,
  run: async ({ dryRun, plan }, ctx) => {
    const frequency = ctx.config.playbooks.guarddutyHardening.findingPublishingFrequency;
    const found = await readResults<RegionHardening & RegionResult>(
      awsClient(S3Client, ctx.config.regions[0]),
      ctx.runtime.reportsBucket,
      resultsPrefix('guardduty-hardening', ctx.execution.Name),
    );
    const results: RegionResult[] = found.map((target) =>
      target.ok
        ? { ...target.result, accountId: target.accountId, accountName: target.accountName }
        : { region: target.region, accountId: target.accountId, accountName: target.accountName, failed: target.error },
    );
    const { report, notice } = summarizeHardening(results, frequency, dryRun, plan.exempt);
    const published = await publishReport(
      'guardduty-hardening',
      { json: report },
      notice && { ...notice, dryRun },
      ctx,
    );
    return {
      summary: notice?.title ?? 'All detectors already compliant',
      allRegionsFailed: report.allRegionsFailed,
      ...published,
    };
  },
});
