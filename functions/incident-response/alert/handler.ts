import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { readJson } from '../../shared/claims/read.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { IncidentResponse } from '../config.ts';
import type { Assessment } from '../model/assessment.ts';
import { channelsFor, deliveryText, send } from '../model/channels.ts';
import { alertNotice, warRoomFact } from '../model/messages.ts';
import { assessmentKey, PLAYBOOK } from '../model/record.ts';
import { addLine, requireRecord, updateRecord } from '../model/store.ts';
import { completeTask } from '../model/task-token.ts';

// A waitForTaskToken task: this function sends the alert (its link carries the token) and returns; the state
// waits until someone acknowledges by the link, an acknowledgement or the restore completes the token, or the
// link's time runs out.
const Input = z.object({
  taskToken: z.string().min(1),
  incidentId: z.string().min(1),
  ackWaitSeconds: z.number().int().positive(),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentResponse: IncidentResponse },
  input: Input,
  run: async ({ taskToken, incidentId, ackWaitSeconds }, { config, runtime, execution, now }) => {
    const settings = config.playbooks.incidentResponse;
    const home = config.regions[0];
    const store = { s3: awsClient(S3Client, home), bucket: runtime.reportsBucket };
    const sfn = awsClient(SFNClient, home);
    const current = await requireRecord(store, incidentId);
    if (current.status !== 'open') {
      await completeTask(sfn, taskToken, { skipped: `${incidentId} is ${current.status}` });
      return { incidentId, sent: false, why: `${incidentId} is ${current.status}: no alert` };
    }
    const validUntil = new Date(now().getTime() + ackWaitSeconds * 1000).toISOString();
    const { record } = await updateRecord(store, incidentId, (r) => {
      if (r.ackLink?.token === taskToken) return false;
      r.ackLink = { token: taskToken, executionId: execution.Id, validUntil };
      return true;
    });
    const severity = settings.severities[record.severity];
    let delivered = 'already sent (a retry)';
    if (!record.schedule.alertedAt) {
      const assessment = await readJson<Assessment>(store.s3, store.bucket, assessmentKey(incidentId, record.openings));
      const botToken = Boolean(settings.warRoom.botToken);
      const channel = `${settings.warRoom.channelPrefix}${incidentId.toLowerCase()}`;
      const warRoom =
        record.severity === 'SEV1' && botToken && !record.warRoom
          ? { 'War room': `#${channel} (being created, responders invited)` }
          : warRoomFact(record, settings.warRoom.channelPrefix);
      const notice = alertNotice(record, severity, assessment, { stage: runtime.stage, now: now(), warRoom });
      const results = await send(notice, channelsFor(severity, config.notifications), {
        home,
        topicArn: runtime.topicArn,
      });
      delivered = deliveryText(results);
      await updateRecord(store, incidentId, (r) => {
        r.schedule.alertedAt = now().toISOString();
        addLine(r, { kind: 'alert', text: `${notice.title}: alert sent to ${delivered}` }, now());
        return true;
      });
    }
    if (record.acknowledged) {
      // Reopened after an acknowledgement: the responder is on it; the link has nothing to wait for.
      await completeTask(sfn, taskToken, { skipped: `acknowledged by ${record.acknowledged.by}` });
    }
    return { incidentId, sent: true, delivered };
  },
});
