// The last step of every playbook: store its report (JSON, and HTML/CSV where it has them) in the reports
// bucket and send one summary notice that links to it.
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '../aws/clients.ts';
import { isDryRunExecution, type PlaybookContext } from '../handler/handler.ts';
import { type Notice, renderNotice } from '../notify/message.ts';
import { type ChannelResult, notify, undelivered } from '../notify/notify.ts';
import { putReport, reportKey, type StoredReport } from './report.ts';

export interface ReportFiles {
  json: unknown;
  html?: string;
  csv?: string;
}

export interface Published {
  reports: StoredReport[];
  /** One result per channel: delivered, failed after N attempts, or skipped and why. */
  notified: ChannelResult[];
  /** Present when the notice did not reach a channel it should have (a lost page says so here). */
  undelivered?: string[];
}

/** A dry run's JSON report lists the message it would have sent (unless it already does). */
function withWouldSend(files: ReportFiles, notice: Omit<Notice, 'link'> | undefined): ReportFiles {
  const json = files.json;
  if (!notice?.dryRun || typeof json !== 'object' || json === null || Array.isArray(json) || 'wouldSend' in json)
    return files;
  return { ...files, json: { ...json, wouldSend: renderNotice(notice).text } };
}

const contentTypes = { json: 'application/json', html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8' };

/**
 * Stores the report files under reports/<playbook>/<date>/<execution>.<ext> and sends `notice` (when given) with a
 * link to the HTML report, or the first one; a dry-run notice (the notice's dryRun, or a dry-run execution) is
 * listed in the JSON report as `wouldSend` and reaches channels only as notifications.dryRuns says. Throws
 * what S3 or SNS threw.
 */
export async function publishReport(
  playbook: string,
  files: ReportFiles,
  notice: Omit<Notice, 'playbook' | 'link'> | undefined,
  ctx: PlaybookContext,
): Promise<Published> {
  const home = ctx.config.regions[0];
  const s3 = awsClient(S3Client, home);
  // Whatever the playbook's notice says, a dry-run execution's notice is a dry run's (notify() holds it back).
  const dryRun = Boolean(notice?.dryRun) || isDryRunExecution(ctx.execution);
  const marked = notice && { ...notice, ...(dryRun ? { dryRun } : {}) };
  const stored = withWouldSend(files, marked && { ...marked, playbook });
  const started = new Date(ctx.execution.StartTime);
  const reports: StoredReport[] = [];
  for (const extension of ['json', 'html', 'csv'] as const) {
    const content = stored[extension];
    if (content === undefined) continue;
    const body = extension === 'json' ? JSON.stringify(content, null, 2) : (content as string);
    const key = reportKey(playbook, ctx.execution.Name, extension, started);
    reports.push(await putReport(s3, ctx.runtime.reportsBucket, key, body, contentTypes[extension]));
  }
  const link = (reports.find((report) => report.key.endsWith('.html')) ?? reports[0])?.consoleUrl;
  const notified = marked
    ? await notify(
        { ...marked, playbook, link },
        {
          sns: awsClient(SNSClient, home),
          ssm: awsClient(SSMClient, home),
          secretsManager: awsClient(SecretsManagerClient, home),
          topicArn: ctx.runtime.topicArn,
          notifications: ctx.config.notifications,
        },
      )
    : [];
  const lost = undelivered(notified);
  return { reports, notified, ...(lost.length ? { undelivered: lost } : {}) };
}
