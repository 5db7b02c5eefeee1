import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { readRunRecord } from '../../shared/claims/records.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { MaintenanceWindow } from '../config.ts';
import { endNotice } from '../model/notices.ts';
import { type WindowRecord, windowRecordKey } from '../model/record.ts';
import { endWindow } from './end.ts';
import { refusalReport, windowReport } from './report.ts';

// The whole execution state ($): what the start returned (absent when it failed before writing a record), and the
// caught error when a Catch sent it here.
const Input = z.object({
  state: z.looseObject({
    start: z
      .looseObject({
        kind: z.enum(['window', 'restore']),
        owner: z.object({ Id: z.string(), Name: z.string() }),
        dryRun: z.boolean().optional(),
        record: z.custom<WindowRecord>().optional(),
      })
      .optional(),
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  }),
});

export const handler = makeHandler({
  playbook: 'maintenance-window',
  config: { maintenanceWindow: MaintenanceWindow },
  input: Input,
  run: async ({ state }, ctx) => {
    const { config, runtime, execution, audit, now } = ctx;
    const { start, error } = state;
    const failed = error ? causeMessage(error.Cause) || error.Error || 'unknown error' : undefined;
    const s3 = awsClient(S3Client, config.regions[0]);
    const owner = start?.owner ?? { Id: execution.Id, Name: execution.Name };
    const stored = start?.dryRun
      ? undefined
      : await readRunRecord<WindowRecord>(s3, runtime.reportsBucket, windowRecordKey(owner.Name));
    if (start?.dryRun && start.record) {
      const { report, html, notice } = windowReport(start.record, undefined, audit.records, 'dry-run');
      const published = await publishReport('maintenance-window', { json: report, html }, notice, ctx);
      return { outcome: 'dry-run', summary: notice.title, ...published };
    }
    if (stored?.status !== 'open') {
      const { report, notice } = refusalReport(failed ?? 'the window had already ended', error?.Error);
      const published = await publishReport('maintenance-window', { json: report }, notice, ctx);
      return {
        outcome: 'refused',
        summary: notice.title,
        error: error?.Error ?? 'MaintenanceRefused',
        cause: failed,
        ...published,
      };
    }
    const early = start?.kind === 'restore';
    const status = failed ? 'failed' : early ? 'ended-early' : 'ended';
    const ended = await endWindow(stored, status, {
      s3,
      bucket: runtime.reportsBucket,
      ssm: (region) => awsClient(SSMClient, region),
      cloudwatch: (region) => awsClient(CloudWatchClient, region),
      audit,
      now: now(),
    });
    const minutes = Math.round((now().getTime() - Date.parse(stored.startedAt)) / 60_000);
    const notice = endNotice(ended.record, ended.facts, {
      early,
      failed,
      minutes,
      alarmSeverity: config.playbooks.maintenanceWindow.alarmsNotOkSeverity,
    });
    const { report, html } = windowReport(ended.record, ended.facts, audit.records, status, failed);
    const published = await publishReport('maintenance-window', { json: report, html }, notice, ctx);
    return {
      outcome: status,
      summary: notice.title,
      alarmsInAlarm: [...ended.facts.newlyAlarming, ...ended.facts.stillAlarming],
      ...(failed ? { error: error?.Error ?? 'MaintenanceFailed', cause: failed } : {}),
      ...published,
    };
  },
});
