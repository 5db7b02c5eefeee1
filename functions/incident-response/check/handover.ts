// Handing the follow-up to a fresh execution of the same state machine after `checksPerExecution` checks, so an
// incident that lasts days never grows one execution's history towards Step Functions' 25,000-event limit. The
// execution is named after the incident and the due time: a retried hand-over starts nothing twice (Step Functions
// answers a running execution of the same name and input with that execution, a finished one ExecutionAlreadyExists).
import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { FollowState } from '../intake/result.ts';

/** arn:aws:states:<region>:<account>:execution:<machine>:<name> -> the state machine's ARN. */
export function stateMachineOf(executionArn: string): string {
  const parts = executionArn.split(':');
  return [...parts.slice(0, 5), 'stateMachine', parts[6]].join(':');
}

/** `INC-20261126-001-g1-202611260905` (at most 80 characters, as Step Functions allows). */
export const handoverName = (follow: FollowState) =>
  `${follow.incidentId}-g${follow.generation}-${follow.dueAt.replace(/[^0-9]/g, '').slice(0, 12)}`.slice(0, 80);

/** Starts the execution that goes on following the incident up; returns its name. */
export async function handOver(sfn: SFNClient, executionArn: string, follow: FollowState): Promise<string> {
  const name = handoverName(follow);
  try {
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineOf(executionArn),
        name,
        input: JSON.stringify({ follow: follow.incidentId, generation: follow.generation }),
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
  }
  return name;
}
