import * as z from 'zod';
import { REVOKE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { type RevokeRun, summarizeRevocation } from './summarize.ts';

// The whole execution state: the plan and each step's result, or the error that a Catch put under $.error.
const Input = z.custom<RevokeRun>((value) => typeof value === 'object' && value !== null);

export const handler = makeHandler({
  playbook: REVOKE_PLAYBOOK,
  input: Input,
  run: async (run, ctx) => {
    const { report, html, notice } = summarizeRevocation(run);
    const published = await publishReport(
      REVOKE_PLAYBOOK,
      { json: report, html },
      notice && { ...notice, dryRun: report.dryRun },
      ctx,
    );
    return { outcome: report.outcome, summary: notice?.title ?? `Already revoked: ${report.subject}`, ...published };
  },
});
