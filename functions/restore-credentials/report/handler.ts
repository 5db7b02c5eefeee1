import * as z from 'zod';
import { RESTORE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { type RestoreRun, summarizeRestore } from './summarize.ts';

const Input = z.custom<RestoreRun>((value) => typeof value === 'object' && value !== null);

export const handler = makeHandler({
  playbook: RESTORE_PLAYBOOK,
  input: Input,
  run: async (run, ctx) => {
    const { report, html, notice } = summarizeRestore(run);
    const published = await publishReport(
      RESTORE_PLAYBOOK,
      { json: report, html },
      notice && { ...notice, dryRun: report.dryRun },
      ctx,
    );
    return { outcome: report.outcome, summary: notice?.title ?? `Already restored: ${report.userName}`, ...published };
  },
});
