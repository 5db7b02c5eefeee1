// An ECS service's task counts as the scaling playbook and a traffic shift's "scale blue to zero" read them
// (DescribeServices): settled when the running count is the desired count and the deployment has completed (the
// state machine polls; nothing here waits). Setting it is in set.ts, so readers' roles cannot change it.
import { DescribeServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { ResourceNotFoundError } from '../errors/errors.ts';

/** An ECS service's task counts. */
export interface EcsCapacity {
  cluster: string;
  service: string;
  desired: number;
  running: number;
  pending: number;
  rolloutState: string;
}

/**
 * The service's counts now (DescribeServices; a missing or inactive service is reported in `failures`).
 * @throws ResourceNotFoundError when the service is missing or not ACTIVE.
 */
export async function readEcsService(client: ECSClient, cluster: string, service: string): Promise<EcsCapacity> {
  const described = await client.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const found = described.services?.find((s) => s.serviceName === service || s.serviceArn === service);
  if (found?.status !== 'ACTIVE')
    throw new ResourceNotFoundError(`ECS service ${service} in ${cluster} not found or not ACTIVE`);
  const primary = found.deployments?.find((d) => d.status === 'PRIMARY');
  return {
    cluster,
    service,
    desired: found.desiredCount ?? 0,
    running: found.runningCount ?? 0,
    pending: found.pendingCount ?? 0,
    rolloutState: primary?.rolloutState ?? 'COMPLETED',
  };
}

/** The service runs exactly its desired count, nothing pending, its deployment completed. */
export const ecsSettled = (capacity: EcsCapacity) =>
  capacity.running === capacity.desired && capacity.pending === 0 && capacity.rolloutState === 'COMPLETED';
