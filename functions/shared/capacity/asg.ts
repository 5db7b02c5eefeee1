// An Auto Scaling group's capacity as the scaling playbook and a traffic shift's "scale blue to zero" read it
// (DescribeAutoScalingGroups): settled when the group counts exactly its desired capacity in service and healthy
// (the state machine polls; nothing here waits). Setting it is in set.ts, so readers' roles cannot change it.
import { type AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { ResourceNotFoundError } from '../errors/errors.ts';

/** What a group has and is asked to have (instance counts by lifecycle). */
export interface AsgCapacity {
  name: string;
  minSize: number;
  maxSize: number;
  desired: number;
  inServiceHealthy: number;
  pending: number;
  terminating: number;
}

/**
 * The group's capacity now (DescribeAutoScalingGroups).
 * @throws ResourceNotFoundError when the group does not exist in the client's region.
 */
export async function readAsg(client: AutoScalingClient, name: string): Promise<AsgCapacity> {
  const page = await client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
  const group = page.AutoScalingGroups?.find((g) => g.AutoScalingGroupName === name);
  if (!group) throw new ResourceNotFoundError(`Auto Scaling group ${name} not found`);
  const instances = group.Instances ?? [];
  return {
    name,
    minSize: group.MinSize ?? 0,
    maxSize: group.MaxSize ?? 0,
    desired: group.DesiredCapacity ?? 0,
    inServiceHealthy: instances.filter((i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy').length,
    pending: instances.filter((i) => /^Pending/.test(i.LifecycleState ?? '')).length,
    terminating: instances.filter((i) => /^Terminat/.test(i.LifecycleState ?? '')).length,
  };
}

/** The group has exactly its desired capacity in service and healthy, nothing launching or terminating. */
export const asgSettled = (capacity: AsgCapacity) =>
  capacity.inServiceHealthy === capacity.desired && capacity.pending === 0 && capacity.terminating === 0;
