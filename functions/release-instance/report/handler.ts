import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { RELEASE_PLAYBOOK } from '../../shared/instance/case.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { ReleasePlan } from '../plan/model.ts';
import { summarizeRelease } from './summarize.ts';

const Input = z.object({
  outcome: z.enum(['released', 'decided', 'rejected', 'failed']),
  input: z.record(z.string(), z.unknown()).optional(),
  plan: z
    .custom<ReleasePlan & { actions?: AuditRecord[] }>((value) => typeof value === 'object' && value !== null)
    .optional(),
  restore: z
    .custom<{ restored: number; actions?: AuditRecord[] }>((value) => typeof value === 'object' && value !== null)
    .optional(),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  /** failed: the whole execution state as the Catch left it (plan and restore as far as the run got, error). */
  state: z.record(z.string(), z.unknown()).optional(),
});

export const handler = makeHandler({
  playbook: RELEASE_PLAYBOOK,
  input: Input,
  run: async ({ state, ...given }, ctx) => {
    const run = state ? { ...given, ...(state as Pick<typeof given, 'plan' | 'restore' | 'error'>) } : given;
    const summary = summarizeRelease(run, ctx.audit.records);
    const published = await publishReport(
      RELEASE_PLAYBOOK,
      { json: summary.report, html: summary.html },
      summary.notice && { ...summary.notice, dryRun: run.plan?.case.dryRun },
      ctx,
    );
    return { caseId: run.plan?.case.caseId, outcome: summary.outcome, summary: summary.title, ...published };
  },
});
