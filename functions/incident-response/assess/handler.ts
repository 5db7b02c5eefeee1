import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { HealthClient } from '@aws-sdk/client-health';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { renderNotice } from '../../shared/notify/message.ts';
import { putReport, reportKey } from '../../shared/reports/report.ts';
import { IncidentResponse } from '../config.ts';
import type { IntakeResult } from '../intake/result.ts';
import { alertNotice, warRoomFact } from '../model/messages.ts';
import { actionsFor, describeAction } from '../model/mitigations.ts';
import { assessmentKey, type IncidentRecord, PLAYBOOK } from '../model/record.ts';
import { requireRecord, updateRecord } from '../model/store.ts';
import { assess } from './assess.ts';

/** The AWS Health API's global endpoint. */
const HEALTH_REGION = 'us-east-1';

const Input = z.object({
  intake: z.custom<IntakeResult>((value) => typeof value === 'object' && value !== null && 'route' in value),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentResponse: IncidentResponse },
  input: Input,
  run: async ({ intake }, { config, runtime, execution, now }) => {
    const settings = config.playbooks.incidentResponse;
    const home = config.regions[0];
    const s3 = awsClient(S3Client, home);
    const alarm = intake.alarm!;
    const record: IncidentRecord | undefined = intake.dryRun
      ? undefined
      : await requireRecord({ s3, bucket: runtime.reportsBucket }, intake.incidentId!);
    const assessment = await assess(
      { name: alarm.name, region: alarm.region, alarmAt: record?.openedAt ?? now().toISOString() },
      {
        cloudwatch: awsClient(CloudWatchClient, alarm.region),
        health: awsClient(HealthClient, HEALTH_REGION),
        s3,
        bucket: runtime.reportsBucket,
        now: now(),
        datapointMinutes: settings.assessment.datapointMinutes,
        recentChangesHours: settings.assessment.recentChangesHours,
      },
    );
    if (record) {
      const Key = assessmentKey(record.id, record.openings);
      await s3.send(
        new PutObjectCommand({
          Bucket: runtime.reportsBucket,
          Key,
          Body: JSON.stringify(assessment, null, 2),
          ContentType: 'application/json',
          ServerSideEncryption: 'AES256',
        }),
      );
      if (!record.source.description && assessment.description) {
        // Composite alarms' events carry no description: the alarm's own, for the messages and the war room.
        await updateRecord({ s3, bucket: runtime.reportsBucket }, record.id, (r) => {
          r.source.description = assessment.description;
          return true;
        });
      }
      return { assessment: Key, gaps: assessment.gaps };
    }
    // Dry run: the alert that would go out, reported; nothing opened, nothing sent.
    const severity = settings.severities[intake.severity!];
    const sketch: IncidentRecord = {
      id: 'INC-YYYYMMDD-NNN',
      severity: intake.severity!,
      source: {
        alarmName: alarm.name,
        alarmArn: alarm.arn,
        region: alarm.region,
        kind: alarm.kind,
        description: assessment.description,
      },
      title: `${alarm.name} in ALARM`,
      status: 'open',
      openedAt: now().toISOString(),
      firstOpenedAt: now().toISOString(),
      alarmState: 'ALARM',
      alarmStateAt: now().toISOString(),
      openedBy: execution.Id,
      openings: 1,
      schedule: { generation: 1, nextUpdateAt: now().toISOString(), escalationLevel: 0, updatesSent: 0 },
      timeline: [],
    };
    const notice = alertNotice(sketch, severity, assessment, {
      stage: runtime.stage,
      now: now(),
      warRoom: warRoomFact(sketch, settings.warRoom.channelPrefix),
    });
    const alerting = intake.would === 'open' || intake.would === 'reopen';
    const wouldSend = alerting ? renderNotice({ ...notice, playbook: PLAYBOOK }).text : undefined;
    const wouldMitigate = alerting ? actionsFor(settings, alarm.name).map(describeAction) : [];
    const wouldOpenWarRoom =
      alerting && intake.severity === 'SEV1'
        ? `${settings.warRoom.botToken ? 'create' : 'ask a human to open'} #${settings.warRoom.channelPrefix}<incident id>`
        : undefined;
    const report = {
      playbook: PLAYBOOK,
      outcome: 'dry-run',
      decision: intake.why,
      severity: intake.severity,
      assessment,
      wouldSend,
      wouldMitigate,
      ...(wouldOpenWarRoom ? { wouldOpenWarRoom } : {}),
    };
    const stored = await putReport(
      s3,
      runtime.reportsBucket,
      reportKey(PLAYBOOK, execution.Name, 'json', new Date(execution.StartTime)),
      JSON.stringify(report, null, 2),
      'application/json',
    );
    return {
      outcome: 'dry-run',
      summary: intake.why,
      severity: intake.severity,
      reports: [stored],
      wouldSend,
      wouldMitigate,
    };
  },
});
