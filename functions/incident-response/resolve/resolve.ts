// Back to OK (also through INSUFFICIENT_DATA): the incident is resolved once, whoever sees it first (the OK event or
// a follow-up check): SERVICE RESTORED with the duration and the report link, PagerDuty resolve (same dedup key),
// the report (Markdown, HTML, JSON) in the reports bucket, the open-incident index entry deleted, the alarm's
// pointer marked resolved (an ALARM within the flap window reopens the same incident), the alert's link released.
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { claimFor } from '../../shared/claims/claims.ts';
import { readJson } from '../../shared/claims/read.ts';
import { putReport } from '../../shared/reports/report.ts';
import type { IncidentResponseSettings } from '../config.ts';
import type { Assessment } from '../model/assessment.ts';
import { channelsFor, deliveryText, type Notifications, type Sender, send } from '../model/channels.ts';
import { formatDuration, latest } from '../model/clock.ts';
import { restoredNotice } from '../model/messages.ts';
import { assessmentKey, type IncidentRecord, WORK_PREFIX } from '../model/record.ts';
import { readPointer, writePointer } from '../model/registry.ts';
import { addLine, requireRecord, type Store, updateRecord } from '../model/store.ts';
import { completeTask } from '../model/task-token.ts';
import { unindexOpen } from '../model/unindex.ts';
import { reportHtml, reportMarkdown, reportView } from './report.ts';

export interface ResolveDeps {
  store: Store & { s3: S3Client };
  sfn: SFNClient;
  settings: IncidentResponseSettings;
  notifications: Notifications;
  sender: Sender;
  executionId: string;
  now: Date;
}

export interface ResolveResult {
  incidentId: string;
  outcome: 'resolved' | 'already-resolved';
  summary: string;
  /** The report's Markdown and HTML objects (empty when another execution resolved it). */
  reports: { uri: string }[];
  report?: string;
  delivered?: string;
}

const reportBase = (record: IncidentRecord) =>
  `reports/incident-response/${record.firstOpenedAt.slice(0, 10)}/${record.id}`;

async function writeReport(deps: ResolveDeps, record: IncidentRecord) {
  const assessment = await readJson<Assessment>(deps.store.s3, deps.store.bucket, assessmentKey(record.id, 1));
  const view = reportView(record, assessment);
  const base = reportBase(record);
  const put = (ext: string, body: string, type: string) =>
    putReport(deps.store.s3, deps.store.bucket, `${base}.${ext}`, body, type);
  const markdown = await put('md', reportMarkdown(view, record.id), 'text/markdown; charset=utf-8');
  const html = await put('html', reportHtml(view, record.id), 'text/html; charset=utf-8');
  const json = await put('json', JSON.stringify(record, null, 2), 'application/json');
  return { markdown: markdown.uri, html: html.uri, json: json.uri, link: html.consoleUrl };
}

/** Resolves `incidentId` as restored at `restoredAt` (alarm time) for `reason`. */
export async function resolve(
  incidentId: string,
  restore: { restoredAt: string; reason: string },
  deps: ResolveDeps,
): Promise<ResolveResult> {
  const before = await requireRecord(deps.store, incidentId);
  if (before.status === 'resolved' && before.resolvedBy !== deps.executionId) {
    return {
      incidentId,
      outcome: 'already-resolved',
      summary: `${incidentId} was resolved at ${before.resolvedAt}`,
      reports: [],
    };
  }
  let { record } = await updateRecord(deps.store, incidentId, (r) => {
    if (r.status === 'resolved') return false;
    r.status = 'resolved';
    r.alarmState = 'OK';
    r.restoredAt = latest(restore.restoredAt, r.openedAt);
    r.alarmStateAt = r.restoredAt;
    r.resolvedBy = deps.executionId;
    r.resolvedAt = addLine(
      r,
      {
        kind: 'restored',
        text: `Service restored: the alarm is OK (${restore.reason.slice(0, 200)}) after ${formatDuration(r.openedAt, r.restoredAt)}`,
        alarmAt: r.restoredAt,
      },
      deps.now,
    );
    return true;
  });
  if (record.resolvedBy !== deps.executionId) {
    return {
      incidentId,
      outcome: 'already-resolved',
      summary: `${incidentId} was resolved by another execution`,
      reports: [],
    };
  }
  const pointer = await readPointer(deps.store, record.source.region, record.source.alarmName);
  if (pointer?.value.incidentId === incidentId && pointer.value.status === 'open') {
    await writePointer(deps.store, { ...pointer.value, status: 'resolved', since: record.restoredAt! }, pointer.etag);
  }
  await unindexOpen(deps.store, incidentId);
  const report = await writeReport(deps, record);
  ({ record } = await updateRecord(deps.store, incidentId, (r) => {
    if (r.timeline.at(-1)?.kind === 'report') return false; // a retry wrote it already
    r.report = report;
    addLine(r, { kind: 'report', text: `Incident report written: ${report.markdown}` }, deps.now);
    return true;
  }));
  const severity = deps.settings.severities[record.severity];
  let delivered = 'already sent';
  const claim = `${WORK_PREFIX}${incidentId}/restored-${record.openings}.json`;
  if (await claimFor(deps.store.s3, deps.store.bucket, claim, { executionId: deps.executionId })) {
    const notice = restoredNotice(record, severity, { reason: restore.reason, link: report.link });
    delivered = deliveryText(await send(notice, channelsFor(severity, deps.notifications), deps.sender));
  }
  if (record.ackLink) await completeTask(deps.sfn, record.ackLink.token, { resolved: true });
  return {
    incidentId,
    outcome: 'resolved',
    summary: `${incidentId} resolved after ${formatDuration(record.firstOpenedAt, record.restoredAt!)}; report ${report.markdown}`,
    reports: [{ uri: report.markdown }, { uri: report.html }],
    report: report.link,
    delivered,
  };
}
