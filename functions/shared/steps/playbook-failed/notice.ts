// The notice the shared Catch target sends: refused input (InvalidInputError, ResourceNotFoundError) as the
// 'rejected' notice (SEV4, SNS only); any other failure as the service disruption alert.
import type { Severity } from '../../config/primitives.ts';
import { AutopilotError, causeMessage } from '../../errors/errors.ts';
import type { Notice } from '../../notify/message.ts';
import { isInputRefusal } from '../../notify/refusal.ts';
import { clip } from '../../notify/text.ts';

/**
 * SNS did not take the failure notice (after the notifier's own SDK attempts). A name of its own, so the
 * "Notify failure" states' longer States.ALL retrier retries it, not the standard retrier of ordinary steps.
 */
export class NoticeNotPublishedError extends AutopilotError {}

/** What a state machine's Catch caught. */
export interface CaughtError {
  Error: string;
  Cause?: string;
}

/** What a playbook knows better than the defaults about its failure (severity SEV3, a generic impact). */
export interface FailureContext {
  severity?: Severity;
  impact?: string;
}

/**
 * The notice telling the humans that `playbook` failed with `error` in the execution `execution`; `context` raises
 * the alert's severity or names its impact (refused input stays the SEV4 rejected notice).
 */
export function failureNotice(
  playbook: string,
  error: CaughtError,
  execution: { Id: string; Name: string },
  context: FailureContext = {},
): Notice {
  const base = {
    playbook,
    title: `Playbook ${playbook} failed: ${error.Error}`,
    facts: { Execution: execution.Name },
    dedupKey: execution.Id,
  };
  if (isInputRefusal(error)) {
    return {
      ...base,
      kind: 'rejected',
      severity: 'SEV4',
      status: clip(causeMessage(error.Cause) || 'no reason given', 500),
      nextSteps: 'Correct the input and start the run again; what the run did before is in the audit trail',
    };
  }
  return {
    ...base,
    kind: 'alert',
    severity: context.severity ?? 'SEV3',
    impact: context.impact ?? 'The playbook stopped; what it did before is in the audit trail',
    status: (error.Cause ?? 'no cause given').slice(0, 500),
  };
}
