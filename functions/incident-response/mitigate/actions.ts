// The mitigation actions themselves, each read back or answered by AWS before it is called done:
//   scale-out        the runbook's "Scale up resources": desired capacity + increaseBy, at most the group's maximum,
//                    under the shared lock on the group (scale-capacity takes the same lock), read back after;
//   circuit-breaker  the runbook's circuit_breaker flag in an SSM String parameter (the previous value is kept);
//   playbook         StartExecution of idp-autopilot-<stage>-<playbook>, named after the incident (no double start).
import {
  type AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
} from '@aws-sdk/client-auto-scaling';
import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { VerificationFailedError } from '../../shared/errors/errors.ts';

async function capacityOf(autoscaling: AutoScalingClient, group: string) {
  const found = await autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group] }));
  const asg = found.AutoScalingGroups?.find((candidate) => candidate.AutoScalingGroupName === group);
  if (!asg) throw new VerificationFailedError(`Auto Scaling group ${group} not found`);
  return { desired: asg.DesiredCapacity ?? 0, max: asg.MaxSize ?? 0 };
}

/** Raises the desired capacity; returns what it did ("4 -> 6 (max 10)") or why it did nothing. */
export async function scaleOut(
  autoscaling: AutoScalingClient,
  group: string,
  increaseBy: number,
  dryRun: boolean,
): Promise<{ changed: boolean; text: string }> {
  const before = await capacityOf(autoscaling, group);
  const target = Math.min(before.max, before.desired + increaseBy);
  if (target <= before.desired) {
    return { changed: false, text: `${group} already at its maximum (${before.max}): not scaled` };
  }
  if (dryRun) return { changed: false, text: `would scale ${group} from ${before.desired} to ${target}` };
  await autoscaling.send(
    new SetDesiredCapacityCommand({ AutoScalingGroupName: group, DesiredCapacity: target, HonorCooldown: false }),
  );
  const after = await capacityOf(autoscaling, group);
  if (after.desired < target) {
    throw new VerificationFailedError(`${group}: desired capacity reads ${after.desired} after setting ${target}`);
  }
  return { changed: true, text: `${group} desired capacity ${before.desired} -> ${target} (max ${before.max})` };
}

/** Sets the flag; returns the previous value in the text so a human can put it back. */
export async function setCircuitBreaker(
  ssm: SSMClient,
  name: string,
  value: string,
  dryRun: boolean,
): Promise<{ changed: boolean; text: string }> {
  let previous: string | undefined;
  try {
    previous = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
  } catch (error) {
    if ((error as Error).name !== 'ParameterNotFound') throw error;
  }
  if (previous === value) return { changed: false, text: `${name} is already ${value}` };
  if (dryRun) return { changed: false, text: `would set ${name} to ${value} (now ${previous ?? 'unset'})` };
  await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: 'String', Overwrite: true }));
  return { changed: true, text: `${name} set to ${value} (was ${previous ?? 'unset'})` };
}

/** Starts the playbook's state machine; an execution of the same name means it was started already. */
export async function startPlaybook(
  sfn: SFNClient,
  stateMachineArn: string,
  name: string,
  input: Record<string, unknown>,
  dryRun: boolean,
): Promise<{ changed: boolean; text: string }> {
  const machine = stateMachineArn.split(':').at(-1);
  if (dryRun) return { changed: false, text: `would start ${machine} (execution ${name})` };
  try {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return { changed: true, text: `started ${machine}: ${started.executionArn}` };
  } catch (error) {
    if ((error as Error).name === 'ExecutionAlreadyExists') {
      return { changed: false, text: `${machine} execution ${name} was started already` };
    }
    throw error;
  }
}
