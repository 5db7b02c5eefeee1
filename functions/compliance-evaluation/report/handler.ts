import { S3Client } from '@aws-sdk/client-s3';
import { awsClient } from '../../shared/aws/clients.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { ComplianceEvaluation } from '../config.ts';
import { readBaseline, writeBaseline } from './baseline.ts';
import { compare } from './compare.ts';
import { loadReadings, ReportInput } from './inputs.ts';
import { complianceNotice } from './notice.ts';
import { buildComplianceReport } from './report.ts';
import { counts, scopesOf } from './scopes.ts';

export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  config: { complianceEvaluation: ComplianceEvaluation },
  input: ReportInput,
  run: async (input, ctx) => {
    const settings = ctx.config.playbooks.complianceEvaluation;
    const s3 = awsClient(S3Client, ctx.config.regions[0]);
    const bucket = ctx.runtime.reportsBucket;
    const now = ctx.now();
    const readings = await loadReadings(s3, bucket, input);
    const scopes = scopesOf(readings, {
      account: accountOfExecution(ctx.execution.Id),
      exemptions: settings.exemptions,
      configuredImages: (region) =>
        settings.images.repositories
          .filter((r) => !r.regions || r.regions.includes(region))
          .flatMap((r) => r.tags.map((tag) => `${r.name}:${tag}`)),
      now,
    });
    const stored = await readBaseline(s3, bucket);
    // A retry of this step after it moved the baseline: report what the first attempt found, not "nothing changed".
    const retry = stored.baseline?.executionId === ctx.execution.Id ? stored.baseline : undefined;
    const compared = compare(scopes, stored.baseline, now);
    const comparison = retry ? retry.comparison : compared.comparison;
    const notice = complianceNotice(comparison, compared.scopes, {
      cisNoticeSeverity: settings.cis.noticeSeverity,
      imageNoticeSeverity: settings.images.noticeSeverity,
      imageSeverities: settings.images.severities,
    });
    if (!input.dryRun && !retry) {
      await writeBaseline(
        s3,
        bucket,
        {
          version: 1,
          executionId: ctx.execution.Id,
          executionName: ctx.execution.Name,
          runAt: now.toISOString(),
          scopes: compared.known,
          comparison,
        },
        stored.etag,
      );
    }
    const noticeSent = Boolean(notice) && !input.dryRun;
    const { json, html } = buildComplianceReport(
      readings,
      { ...compared, comparison },
      { dryRun: input.dryRun, now, exemptions: settings.exemptions, notice, noticeSent },
    );
    // A dry run's notice is not sent (publishReport lists it as `wouldSend`; SNS only where notifications.dryRuns).
    const published = await publishReport(
      'compliance-evaluation',
      { json, html },
      notice ? { ...notice, dryRun: input.dryRun } : undefined,
      ctx,
    );
    const since = comparison.previousRun ? ` since ${comparison.previousRun.runAt}` : '';
    return {
      summary: notice
        ? `${noticeSent ? 'sent' : 'not sent (dry run)'}: [${notice.severity}] ${notice.title}`
        : `nothing changed${since}: nothing ${input.dryRun ? 'to send (dry run)' : 'sent'}`,
      newFailures: comparison.newFailures.length,
      fixed: comparison.fixed.length,
      failing: compared.scopes.flatMap((s) => s.failures.filter(counts)).length,
      nonCompliant: json.nonCompliant.length,
      noticeSeverity: noticeSent ? notice?.severity : undefined,
      ...published,
    };
  },
});
