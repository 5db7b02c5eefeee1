import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { renderNotice } from '../../shared/notify/message.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { Assessment } from '../assess/assess.ts';
import { IncidentAlert } from '../config.ts';
import { claimEvent } from './claim.ts';
import { buildNotice, severityOf, silenceReason } from './notice.ts';

const PLAYBOOK = 'incident-alert';

const Input = z.object({
  assessment: z.custom<Assessment>(
    (value) => typeof value === 'object' && value !== null && 'alarmName' in value && 'state' in value,
    'the assess step output',
  ),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentAlert: IncidentAlert },
  input: Input,
  run: async ({ assessment }, ctx) => {
    const severity = severityOf(assessment.alarmName, ctx.config.playbooks.incidentAlert);
    const notice = buildNotice(assessment, severity);
    let outcome: 'notified' | 'dry-run' | 'duplicate' | 'silent';
    if (!notice) outcome = 'silent';
    else if (assessment.dryRun) outcome = 'dry-run';
    else if (
      assessment.eventId &&
      !(await claimEvent(awsClient(S3Client, ctx.config.regions[0]), ctx.runtime.reportsBucket, {
        eventId: assessment.eventId,
        executionId: ctx.execution.Id,
        alarmName: assessment.alarmName,
        state: assessment.state.value,
      }))
    )
      outcome = 'duplicate';
    else outcome = 'notified';
    const message = notice ? renderNotice({ ...notice, playbook: PLAYBOOK }).text : undefined;
    const report = {
      playbook: PLAYBOOK,
      outcome,
      ...(outcome === 'silent' ? { why: silenceReason(assessment) } : {}),
      ...(outcome === 'duplicate' ? { why: `event ${assessment.eventId} was already handled` } : {}),
      severity,
      ...assessment,
      [outcome === 'notified' ? 'sent' : 'wouldSend']: message,
    };
    // A dry run's notice goes to notify() too, which sends it nowhere (or to SNS only, as the stage says).
    const send =
      outcome === 'notified' || outcome === 'dry-run' ? notice && { ...notice, dryRun: assessment.dryRun } : undefined;
    const published = await publishReport(PLAYBOOK, { json: report }, send, ctx);
    return { outcome, severity, summary: notice?.title ?? report.why, ...published };
  },
});
