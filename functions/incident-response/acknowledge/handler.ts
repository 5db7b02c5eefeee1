import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { IncidentResponse } from '../config.ts';
import { PLAYBOOK } from '../model/record.ts';
import { type AcknowledgeResult, acknowledge } from './acknowledge.ts';

// Two callers: the "acknowledge" route (a request: {incidentId, acknowledge: {by, note?}, dryRun}) and the alert's
// link once its task completes ({incidentId, answer}: what send-task-success carried).
const Input = z.object({
  incidentId: z.string().min(1),
  acknowledge: z.object({ by: z.string().min(1), note: z.string().optional() }).optional(),
  dryRun: z.boolean().default(false),
  answer: z.record(z.string(), z.unknown()).optional(),
});

/** Who a link answer names, or why it is no acknowledgement (the restore or the alert step closed the link). */
function fromAnswer(answer: Record<string, unknown>): { by?: string; why?: string } {
  if (answer.resolved) return { why: 'the incident was resolved' };
  if (answer.skipped) return { why: String(answer.skipped) };
  if (answer.via === 'request') return { why: `acknowledged by request (${String(answer.by)})` };
  if (answer.acknowledged === false || answer.approved === false) return { why: 'the answer says not acknowledged' };
  return { by: typeof answer.by === 'string' && answer.by ? answer.by : 'someone (alert link)' };
}

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentResponse: IncidentResponse },
  input: Input,
  run: async (input, { config, runtime, now }): Promise<AcknowledgeResult> => {
    const home = config.regions[0];
    const link = input.answer ? fromAnswer(input.answer) : undefined;
    if (link?.why) return { incidentId: input.incidentId, outcome: 'not-open', summary: `link closed: ${link.why}` };
    const by = link?.by ?? input.acknowledge?.by;
    if (!by) return { incidentId: input.incidentId, outcome: 'not-open', summary: 'no one named: nothing recorded' };
    return acknowledge(
      {
        incidentId: input.incidentId,
        by,
        via: link ? 'link' : 'request',
        note: input.acknowledge?.note,
        dryRun: input.dryRun,
      },
      {
        store: { s3: awsClient(S3Client, home), bucket: runtime.reportsBucket },
        sfn: awsClient(SFNClient, home),
        settings: config.playbooks.incidentResponse,
        notifications: config.notifications,
        sender: { home, topicArn: runtime.topicArn },
        stage: runtime.stage,
        now: now(),
      },
    );
  },
});
