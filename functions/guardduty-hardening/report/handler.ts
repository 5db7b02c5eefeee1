import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { GuarddutyHardening } from '../config.ts';
import { type RegionResult, summarizeHardening } from './summarize.ts';

const Input = z.object({
  dryRun: z.boolean().default(false),
  results: z.array(z.custom<RegionResult>((value) => typeof value === 'object' && value !== null)),
});

export const handler = makeHandler({
  playbook: 'guardduty-hardening',
  config: { guarddutyHardening: GuarddutyHardening },
  input: Input,
  run: async ({ results, dryRun }, ctx) => {
    const frequency = ctx.config.playbooks.guarddutyHardening.findingPublishingFrequency;
    const { report, notice } = summarizeHardening(results, frequency, dryRun);
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
