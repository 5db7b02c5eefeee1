// Writes this run's history (what the next runs' trend and sweep read), compares with the earlier runs, and
// publishes the report: an alert when anything failed, a report otherwise.
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { putReport } from '../../shared/reports/report.ts';
import type { Deletion } from '../cleanup/delete.ts';
import { type ItemResult, recoveryPointOf } from '../cleanup/outcome.ts';
import { VerifyBackups } from '../config.ts';
import { earlierRuns, historyKey, type RunHistory } from '../history.ts';
import type { Candidate, Finding } from '../plan/select.ts';
import { summarizeVerification } from './summarize.ts';
import { trendOf } from './trend.ts';

/** A Map iteration whose cleanup step itself failed: what is known of it. */
const Broken = z.object({
  item: z.custom<Candidate>(),
  cleanupError: z.object({ Error: z.string().optional(), Cause: z.string().optional() }),
});

const Input = z.object({
  plan: z.object({ dryRun: z.boolean(), startedAt: z.string(), findings: z.array(z.custom<Finding>()) }),
  checks: z.object({
    sweep: z.object({
      swept: z.array(z.custom<Deletion & { from: string }>()),
      actions: z.array(z.custom<AuditRecord>()),
    }),
    bucket: z.object({ configured: z.boolean(), ok: z.boolean(), text: z.string() }),
  }),
  results: z.array(
    z.union([z.custom<ItemResult>((v) => typeof v === 'object' && v !== null && 'outcome' in v), Broken]),
  ),
});

/** A test whose cleanup broke: failed, its copy possibly left (the next sweep deletes it). */
function brokenResult(broken: z.infer<typeof Broken>): ItemResult {
  const { item, cleanupError } = broken;
  return {
    ...recoveryPointOf(item),
    outcome: 'failed',
    restoreJobId: null,
    restoreStatus: null,
    target: null,
    message: `the test broke and its cleanup failed (${cleanupError.Error}): the next run's sweep deletes the copy`,
    rtoSeconds: null,
    restoreSeconds: null,
    reportedToBackup: false,
    cleanup: [],
    pendingJob: null,
    actions: [],
  };
}

export const handler = makeHandler({
  playbook: 'verify-backups',
  config: { verifyBackups: VerifyBackups },
  input: Input,
  run: async ({ plan, checks, results }, ctx) => {
    const settings = ctx.config.playbooks.verifyBackups;
    const s3 = awsClient(S3Client, ctx.config.regions[0]);
    const tests = results.map((r) => ('outcome' in r ? (r as ItemResult) : brokenResult(r as z.infer<typeof Broken>)));
    const key = historyKey(plan.startedAt, ctx.execution.Name);
    const earlier = await earlierRuns(s3, ctx.runtime.reportsBucket, settings.trendRuns, key);
    const run = {
      dryRun: plan.dryRun,
      startedAt: plan.startedAt,
      findings: plan.findings,
      results: tests,
      bucketCheck: checks.bucket,
      swept: checks.sweep.swept,
      sweepActions: checks.sweep.actions,
      trend: trendOf(tests, earlier, settings.rtoAlertFactor),
      rtoAlertFactor: settings.rtoAlertFactor,
    };
    const { report, html, notice, title, problems } = summarizeVerification(run);
    if (!plan.dryRun) {
      const history: RunHistory = {
        executionName: ctx.execution.Name,
        startedAt: plan.startedAt,
        tests: tests.map((t) => ({
          resourceType: t.resourceType,
          region: t.region,
          outcome: t.outcome,
          rtoSeconds: t.rtoSeconds,
        })),
        pendingJobs: tests.filter((t) => t.pendingJob).map((t) => ({ region: t.region, restoreJobId: t.pendingJob! })),
      };
      await putReport(s3, ctx.runtime.reportsBucket, key, JSON.stringify(history, null, 2), 'application/json');
    }
    const published = await publishReport('verify-backups', { json: report, html }, notice, ctx);
    return {
      summary: title,
      problems: problems.length,
      passed: tests.filter((t) => t.outcome === 'passed').length,
      ...published,
    };
  },
});
