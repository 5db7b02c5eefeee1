import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { claimRestore, readRunRecord } from '../../shared/claims/records.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { formatIssues, makeHandler } from '../../shared/handler/handler.ts';
import { isStatusChangeEvent, parseStoppedExecution } from '../../shared/playbook/stopped.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { MaintenanceWindow } from '../config.ts';
import { startNotice } from '../model/notices.ts';
import { type WindowRecord, windowRecordKey } from '../model/record.ts';
import { ManualInput } from './input.ts';
import { startWindow } from './start.ts';

// `input` is the execution input as it came: a request by hand, the schedule's {"trigger": "schedule"}, or the
// status-change event of a stopped maintenance-window execution (an early end: `autopilot abort`, or Stop).
const Input = z.object({
  input: z.record(z.string(), z.unknown(), { error: 'the execution input must be a JSON object' }),
});

export const handler = makeHandler({
  playbook: 'maintenance-window',
  config: { maintenanceWindow: MaintenanceWindow },
  input: Input,
  run: async ({ input }, ctx) => {
    const { config, runtime, execution, audit, now } = ctx;
    const settings = config.playbooks.maintenanceWindow;
    const s3 = awsClient(S3Client, config.regions[0]);
    if (isStatusChangeEvent(input)) {
      const stopped = parseStoppedExecution(input, 'maintenance-window');
      const key = windowRecordKey(stopped.name);
      const record = await readRunRecord<WindowRecord>(s3, runtime.reportsBucket, key);
      if (record?.status !== 'open') {
        return {
          kind: 'nothing' as const,
          reason: `${stopped.name} has no open window (${record?.status ?? 'no record'})`,
        };
      }
      const claim = { executionId: execution.Id, at: now().toISOString() };
      if (!(await claimRestore(s3, runtime.reportsBucket, key, claim))) {
        return { kind: 'nothing' as const, reason: `another run is ending the window of ${stopped.name}` };
      }
      return { kind: 'restore' as const, owner: { Id: record.executionId, Name: record.executionName }, stopped };
    }
    const parsed = ManualInput.safeParse(input);
    if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
    const request = parsed.data;
    const window = {
      durationMinutes: request.durationMinutes ?? settings.scheduled.durationMinutes,
      reason: request.reason ?? settings.scheduled.reason,
      dryRun: request.dryRun,
    };
    if (window.durationMinutes > settings.maxDurationMinutes) {
      throw new InvalidInputError(
        `input.durationMinutes: ${window.durationMinutes} exceeds the configured maximum of ${settings.maxDurationMinutes}`,
      );
    }
    const record = await startWindow(window, settings, {
      s3,
      bucket: runtime.reportsBucket,
      regions: config.regions,
      ssm: (region) => awsClient(SSMClient, region),
      cloudwatch: (region) => awsClient(CloudWatchClient, region),
      audit,
      execution,
      stage: runtime.stage,
      now: now(),
    });
    const notified = window.dryRun
      ? []
      : (await publishReport('maintenance-window', { json: undefined }, startNotice(record), ctx)).notified;
    return {
      kind: 'window' as const,
      owner: { Id: execution.Id, Name: execution.Name },
      dryRun: window.dryRun,
      waitSeconds: window.dryRun ? 0 : window.durationMinutes * 60,
      endsAt: record.endsAt,
      // A dry run writes no record: the end reports from this one.
      ...(window.dryRun ? { record } : {}),
      notified,
      actions: audit.records,
    };
  },
});
