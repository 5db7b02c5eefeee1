// EC2 instance termination: TerminateInstances (termination protection refuses with OperationNotPermitted; DryRun
// answers DryRunOperation after the checks). The sandbox skips shutting-down: the instance is terminated at once,
// the answer says shutting-down as EC2's does.
import type { TerminateInstancesRequest } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { requireByIds, stopIfDryRun } from './resources.ts';

type InstanceRec = Ec2State['instances'][number];

function terminateInstances(ctx: HandlerContext, input: TerminateInstancesRequest) {
  const instances = requireByIds<InstanceRec>(ctx, 'instances', input.InstanceIds ?? []);
  for (const instance of instances) {
    if (instance.DisableApiTermination) {
      throw awsError(
        'OperationNotPermitted',
        `The instance '${instance.InstanceId}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
      );
    }
  }
  stopIfDryRun(input);
  return {
    TerminatingInstances: instances.map((instance) => {
      const previous = instance.State;
      const alreadyGone = previous?.Name === 'terminated';
      instance.State = { Code: 48, Name: 'terminated' };
      return {
        InstanceId: instance.InstanceId,
        PreviousState: previous,
        CurrentState: alreadyGone ? previous : { Code: 32, Name: 'shutting-down' },
      };
    }),
  };
}

export const instanceStateHandlers: Handlers = {
  TerminateInstances: terminateInstances,
};
