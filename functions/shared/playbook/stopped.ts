// When a human stops an execution (StopExecution, the console's Stop, `autopilot abort`) or it times out, Step
// Functions runs no Catch: whatever the execution changed stays changed. Playbooks that hold a change for a while
// (a traffic shift, a maintenance window) therefore also start on their own state machine's "Step Functions
// Execution Status Change" event (ABORTED, TIMED_OUT; delivered best effort by EventBridge, so `autopilot abort`
// starts the same restore itself) and undo what the stopped execution recorded.
import * as z from 'zod';
import { InvalidInputError } from '../errors/errors.ts';

/** The statuses after which no Catch ran. */
export const STOPPED_STATUSES = ['ABORTED', 'TIMED_OUT'];

/** `idp-autopilot-<stage>-<playbook>`: the state machine's name as serverless/service.ts declares it. */
export const stateMachineName = (stage: string, playbook: string) => `idp-autopilot-${stage}-${playbook}`;

/** The EventBridge pattern of a playbook's own stopped executions. */
export function stoppedExecutionPattern(stage: string, playbook: string): Record<string, unknown> {
  return {
    source: ['aws.states'],
    'detail-type': ['Step Functions Execution Status Change'],
    detail: {
      status: STOPPED_STATUSES,
      stateMachineArn: [{ suffix: `:stateMachine:${stateMachineName(stage, playbook)}` }],
    },
  };
}

const StoppedEvent = z.object({
  source: z.literal('aws.states'),
  'detail-type': z.literal('Step Functions Execution Status Change'),
  detail: z.looseObject({
    executionArn: z.string().startsWith('arn:'),
    stateMachineArn: z.string().startsWith('arn:'),
    name: z.string().min(1),
    status: z.string(),
  }),
});

/** What a restore needs to know of the stopped execution. */
export interface StoppedExecution {
  executionArn: string;
  name: string;
  status: string;
}

/** True for a Step Functions status-change event (what the stopped-execution rule delivers). */
export const isStatusChangeEvent = (input: unknown) => (input as { source?: unknown } | null)?.source === 'aws.states';

/**
 * The stopped execution an event names, if it is one of `playbook`'s state machine.
 * @throws InvalidInputError for another shape, status or state machine (the rule should never deliver those).
 */
export function parseStoppedExecution(input: unknown, playbook: string): StoppedExecution {
  const parsed = StoppedEvent.safeParse(input);
  if (!parsed.success) throw new InvalidInputError('input: not a Step Functions Execution Status Change event');
  const { detail } = parsed.data;
  if (!STOPPED_STATUSES.includes(detail.status)) {
    throw new InvalidInputError(`input.detail.status: ${detail.status} (a restore follows only ABORTED or TIMED_OUT)`);
  }
  if (!detail.stateMachineArn.endsWith(`-${playbook}`)) {
    throw new InvalidInputError(`input.detail.stateMachineArn: ${detail.stateMachineArn} is not a ${playbook} machine`);
  }
  return { executionArn: detail.executionArn, name: detail.name, status: detail.status };
}

/** The event Step Functions sends when `executionArn` stopped (what `autopilot abort` hands the restore run). */
export function stoppedExecutionEvent(executionArn: string, status: 'ABORTED' | 'TIMED_OUT', at: Date) {
  const [, , , region, account, , machine, name] = executionArn.split(':');
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [executionArn],
    detail: {
      executionArn,
      stateMachineArn: `arn:aws:states:${region}:${account}:stateMachine:${machine}`,
      name,
      status,
      startDate: null,
      stopDate: at.getTime(),
      input: null,
      output: null,
    },
  };
}
