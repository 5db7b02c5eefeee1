import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { approvalNotice } from '../../shared/instance/approval.ts';
import { IncidentResponse } from '../config.ts';
import { deliveryText, send } from '../model/channels.ts';
import { PLAYBOOK } from '../model/record.ts';
import { addLine, requireRecord, updateRecord } from '../model/store.ts';

// A waitForTaskToken task: asks a human to approve one mitigation (a regional failover always); the answer comes
// back through send-task-success / send-task-failure with the token in the request.
const Input = z.object({
  taskToken: z.string().min(1),
  incidentId: z.string().min(1),
  index: z.number().int().min(0),
  summary: z.string().min(1),
  approvalSeconds: z.number().int().positive(),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentResponse: IncidentResponse },
  input: Input,
  run: async ({ taskToken, incidentId, summary, approvalSeconds }, { config, runtime, now }) => {
    const home = config.regions[0];
    const store = { s3: awsClient(S3Client, home), bucket: runtime.reportsBucket };
    const record = await requireRecord(store, incidentId);
    const notice = approvalNotice({
      taskToken,
      title: `Approval needed for ${incidentId}: ${summary}?`,
      severity: record.severity,
      action: `Mitigation of ${incidentId} (${record.source.alarmName} in ALARM): ${summary}`,
      reasons: ['this mitigation always waits for a human'],
      timeoutSeconds: approvalSeconds,
      facts: { Incident: incidentId, Alarm: record.source.alarmName },
      dedupKey: incidentId,
    });
    const delivered = deliveryText(await send(notice, config.notifications, { home, topicArn: runtime.topicArn }));
    await updateRecord(store, incidentId, (r) => {
      addLine(
        r,
        { kind: 'mitigation', text: `Mitigation waiting for approval: ${summary} (asked via ${delivered})` },
        now(),
      );
      return true;
    });
    return { incidentId, requested: true, delivered };
  },
});
