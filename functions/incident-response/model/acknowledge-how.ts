// Every message says how to acknowledge: one command (`autopilot ack`), the console (start the state machine with
// an acknowledge input), or the alert's link (send-task-success with its task token) while it is valid.
import type { IncidentRecord } from './record.ts';

const quoted = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/** The state machine of the stage (idp-autopilot-<stage>-incident-response). */
export const stateMachineName = (stage: string) => `idp-autopilot-${stage}-incident-response`;

/** Facts that tell a reader how to acknowledge `record` (nothing once acknowledged or resolved). */
export function howToAcknowledge(record: IncidentRecord, stage: string, now: Date): Record<string, string> {
  if (record.acknowledged || record.status !== 'open') return {};
  const input = JSON.stringify({ acknowledge: record.id, by: '<your name>' });
  const facts: Record<string, string> = {
    Acknowledge: `autopilot ack ${record.id} --by <your name>, or start ${stateMachineName(stage)} in the Step Functions console with ${input}`,
  };
  if (record.ackLink && record.ackLink.validUntil > now.toISOString()) {
    facts['Acknowledge by link'] =
      `aws stepfunctions send-task-success --task-token ${quoted(record.ackLink.token)} --task-output '{"acknowledged":true,"by":"<your name>"}'`;
  }
  return facts;
}
