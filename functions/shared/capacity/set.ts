// Setting capacity: an Auto Scaling group's sizes (UpdateAutoScalingGroup) and an ECS service's desired task count
// (UpdateService), for the scaling playbook's apply step and a traffic shift's "scale blue to zero".
import { type AutoScalingClient, UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { type ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';

/** Sets the group's sizes (UpdateAutoScalingGroup); what is not given stays. */
export async function setAsgCapacity(
  client: AutoScalingClient,
  name: string,
  sizes: { minSize?: number; maxSize?: number; desired?: number },
): Promise<void> {
  await client.send(
    new UpdateAutoScalingGroupCommand({
      AutoScalingGroupName: name,
      MinSize: sizes.minSize,
      MaxSize: sizes.maxSize,
      DesiredCapacity: sizes.desired,
    }),
  );
}

/** Sets the service's desired task count (UpdateService). */
export async function setEcsDesired(client: ECSClient, cluster: string, service: string, desired: number) {
  await client.send(new UpdateServiceCommand({ cluster, service, desiredCount: desired }));
}
