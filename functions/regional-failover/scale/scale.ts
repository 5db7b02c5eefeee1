// Scales the secondary capacity up to the configured size: UpdateAutoScalingGroup (minimum raised too, so no scaling
// policy takes capacity away mid-failover), UpdateService or UpdateNodegroupConfig. Only ever raises; nothing when
// the capacity is at or above the size already.
import { UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { UpdateNodegroupConfigCommand } from '@aws-sdk/client-eks';
import type { Recorder } from '../../shared/instance/steps.ts';
import { type CapacityClients, capacityName, capacityNow } from '../capacity.ts';
import type { Capacity } from '../config.ts';

/** Raises the capacity to the configured desired size (nothing when it is there already); the EKS update id. */
export async function scaleUp(
  clients: CapacityClients,
  item: Capacity,
  region: string,
  recorder: Recorder,
): Promise<{ updateId?: string }> {
  const now = await capacityNow(clients, item);
  const planned = { resource: capacityName(item), region, detail: { from: now.desired, to: item.desired } };
  if ((now.desired ?? 0) >= item.desired) {
    recorder.note({
      ...planned,
      action: `${item.kind}:scale`,
      outcome: 'already-done',
      detail: { ...planned.detail, why: 'at or above the desired size' },
    });
    return {};
  }
  if (item.kind === 'asg') {
    await recorder.act({ ...planned, action: 'autoscaling:UpdateAutoScalingGroup' }, () =>
      clients.autoScaling.send(
        new UpdateAutoScalingGroupCommand({
          AutoScalingGroupName: item.name,
          MinSize: item.min ?? item.desired,
          MaxSize: Math.max(now.max ?? 0, item.desired),
          DesiredCapacity: item.desired,
        }),
      ),
    );
    return {};
  }
  if (item.kind === 'ecs') {
    await recorder.act({ ...planned, action: 'ecs:UpdateService' }, () =>
      clients.ecs.send(
        new UpdateServiceCommand({ cluster: item.cluster, service: item.service, desiredCount: item.desired }),
      ),
    );
    return {};
  }
  const output = await recorder.act({ ...planned, action: 'eks:UpdateNodegroupConfig' }, () =>
    clients.eks.send(
      new UpdateNodegroupConfigCommand({
        clusterName: item.cluster,
        nodegroupName: item.nodegroup,
        scalingConfig: {
          minSize: item.min ?? item.desired,
          desiredSize: item.desired,
          maxSize: Math.max(item.max ?? now.max ?? 0, item.desired),
        },
      }),
    ),
  );
  return { updateId: output?.update?.id };
}
