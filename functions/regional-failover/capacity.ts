// The secondary region's capacity as it is, by kind: an Auto Scaling group (healthy when as many instances as desired
// are InService and healthy in the configured target group), an ECS service (healthy when running as desired) or an
// EKS node group (healthy when its update is Successful and the group ACTIVE). Reading only: scale/scale.ts changes.
import { type AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { DescribeNodegroupCommand, DescribeUpdateCommand, type EKSClient } from '@aws-sdk/client-eks';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Capacity } from './config.ts';

export interface CapacityClients {
  autoScaling: AutoScalingClient;
  ecs: ECSClient;
  eks: EKSClient;
  elbv2: ElasticLoadBalancingV2Client;
}

export const capacityName = (item: Capacity) =>
  item.kind === 'asg'
    ? `ASG ${item.name}`
    : item.kind === 'ecs'
      ? `ECS ${item.cluster}/${item.service}`
      : `EKS ${item.cluster}/${item.nodegroup}`;

export interface CapacityNow {
  exists: boolean;
  desired?: number;
  max?: number;
  /** Running, in service. */
  running?: number;
}

/** What the capacity is now (DescribeAutoScalingGroups, DescribeServices or DescribeNodegroup). */
export async function capacityNow(clients: CapacityClients, item: Capacity): Promise<CapacityNow> {
  if (item.kind === 'asg') {
    const { AutoScalingGroups = [] } = await clients.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [item.name] }),
    );
    const group = AutoScalingGroups[0];
    if (!group) return { exists: false };
    const running = (group.Instances ?? []).filter(
      (i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy',
    ).length;
    return { exists: true, desired: group.DesiredCapacity, max: group.MaxSize, running };
  }
  if (item.kind === 'ecs') {
    const { services = [] } = await clients.ecs.send(
      new DescribeServicesCommand({ cluster: item.cluster, services: [item.service] }),
    );
    const service = services[0];
    // Missing, DRAINING or INACTIVE: nothing to scale.
    if (service?.status !== 'ACTIVE') return { exists: false };
    return { exists: true, desired: service.desiredCount, running: service.runningCount };
  }
  try {
    const { nodegroup } = await clients.eks.send(
      new DescribeNodegroupCommand({ clusterName: item.cluster, nodegroupName: item.nodegroup }),
    );
    return {
      exists: Boolean(nodegroup),
      desired: nodegroup?.scalingConfig?.desiredSize,
      max: nodegroup?.scalingConfig?.maxSize,
      running: nodegroup?.status === 'ACTIVE' ? nodegroup.scalingConfig?.desiredSize : 0,
    };
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return { exists: false };
    throw error;
  }
}

/** Healthy targets of the target group (DescribeTargetGroups by name, DescribeTargetHealth). */
export async function healthyTargets(
  elbv2: ElasticLoadBalancingV2Client,
  name: string,
): Promise<{ healthy: number; total: number }> {
  const { TargetGroups = [] } = await elbv2.send(new DescribeTargetGroupsCommand({ Names: [name] }));
  const { TargetHealthDescriptions = [] } = await elbv2.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: TargetGroups[0]?.TargetGroupArn }),
  );
  return {
    healthy: TargetHealthDescriptions.filter((t) => t.TargetHealth?.State === 'healthy').length,
    total: TargetHealthDescriptions.length,
  };
}

/** Whether the scaled capacity is up and healthy; throws ChangeFailedError-worthy text via `failed`. */
export async function capacityHealthy(
  clients: CapacityClients,
  item: Capacity,
  targetGroup: string,
  updateId: string | undefined,
): Promise<{ healthy: boolean; failed?: string; text: string }> {
  if (item.kind === 'eks' && updateId) {
    const { update } = await clients.eks.send(
      new DescribeUpdateCommand({ name: item.cluster, nodegroupName: item.nodegroup, updateId }),
    );
    if (update?.status === 'Failed' || update?.status === 'Cancelled') {
      return { healthy: false, failed: `EKS update ${updateId} ${update.status}`, text: `update ${update.status}` };
    }
    if (update?.status !== 'Successful') return { healthy: false, text: `EKS update ${update?.status}` };
  }
  const now = await capacityNow(clients, item);
  if (!now.exists) return { healthy: false, failed: `${capacityName(item)} no longer exists`, text: 'gone' };
  if ((now.running ?? 0) < item.desired)
    return { healthy: false, text: `${now.running ?? 0} of ${item.desired} running` };
  if (item.kind === 'asg') {
    const targets = await healthyTargets(clients.elbv2, targetGroup);
    if (targets.healthy < item.desired)
      return { healthy: false, text: `${targets.healthy} of ${item.desired} healthy in ${targetGroup}` };
  }
  return { healthy: true, text: `${now.running} running and healthy` };
}
