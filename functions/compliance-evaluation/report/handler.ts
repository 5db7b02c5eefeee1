import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { type RegionCompliance, summarizeCompliance } from './summarize.ts';

const Input = z.object({
  dryRun: z.boolean().default(false),
  results: z.array(z.custom<RegionCompliance>((value) => typeof value === 'object' && value !== null)),
});

export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  input: Input,
  run: async ({ results, dryRun }, ctx) => {
    const { report, html, notice } = summarizeCompliance(results, dryRun);
    const published = await publishReport('compliance-evaluation', { json: report, html }, { ...notice, dryRun }, ctx);
    return { summary: notice.title, nonCompliant: report.nonCompliant.length, ...published };
  },
});
