// The approval request a human answers (waitForTaskToken): what would be contained, why it needs a human (the
// blast radius), and the two commands that answer it. Used by contain-instance and release-instance.
import type { Severity } from '../config/config.ts';
import type { Notice } from '../notify/message.ts';

export interface ApprovalRequest {
  taskToken: string;
  title: string;
  severity: Severity;
  /** What happens on approval. */
  action: string;
  /** Why a human must decide. */
  reasons: string[];
  timeoutSeconds: number;
  facts: Record<string, string | number>;
  dedupKey: string;
}

const quoted = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

export function approvalCommands(taskToken: string) {
  return {
    approve: `aws stepfunctions send-task-success --task-token ${quoted(taskToken)} --task-output '{"approved":true,"by":"<your name>"}'`,
    reject: `aws stepfunctions send-task-failure --task-token ${quoted(taskToken)} --error ApprovalRejected --cause '<why>'`,
  };
}

export function approvalNotice(request: ApprovalRequest): Omit<Notice, 'playbook' | 'link'> {
  const commands = approvalCommands(request.taskToken);
  const hours = Math.round((request.timeoutSeconds / 3600) * 10) / 10;
  return {
    kind: 'alert',
    severity: request.severity,
    title: request.title,
    impact: request.action,
    status: `Waiting for approval (${request.reasons.join('; ')})`,
    nextUpdate: `When answered, or after ${hours} h without an answer (then the run fails)`,
    facts: {
      ...request.facts,
      Approve: commands.approve,
      Reject: commands.reject,
    },
    dedupKey: request.dedupKey,
  };
}
