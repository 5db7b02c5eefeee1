// Amazon ECS services: DescribeServices (up to 10 per call; unknown ones are `failures` with reason MISSING) and
// UpdateService (desiredCount). The desired count applies at once; the running count converges to it on a later
// describe (pending tasks until then, the deployment IN_PROGRESS), and the tasks' IPs join or drain from the
// service's target groups when it does. Errors: ClusterNotFoundException, ServiceNotFoundException,
// ServiceNotActiveException, InvalidParameterException.
import type { DescribeServicesRequest, UpdateServiceRequest } from '@aws-sdk/client-ecs';
import { awsError } from '../../errors.ts';
import type { EcsClusterRec, EcsServiceRec } from '../../state.ts';
import { advance, pendingChange } from '../progress.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const MAX_SERVICES = 10;

function requireCluster(ctx: HandlerContext, name: string | undefined): EcsClusterRec {
  ctx.regional.ecs ??= { clusters: [] };
  const wanted = name ?? 'default';
  const cluster = ctx.regional.ecs.clusters.find((c) => c.clusterName === wanted || c.clusterArn === wanted);
  if (!cluster) throw awsError('ClusterNotFoundException', 'Cluster not found.');
  return cluster;
}

const findService = (cluster: EcsClusterRec, name: string | undefined) =>
  cluster.services.find((s) => s.serviceName === name || s.serviceArn === name);

/** The service's target groups list one healthy IP per running task (drained ones leave later, as ELBv2 does). */
function syncTargets(ctx: HandlerContext, service: EcsServiceRec): void {
  for (const binding of service.loadBalancers) {
    const group = ctx.regional.elbv2.targetGroups.find((g) => g.TargetGroupArn === binding.targetGroupArn);
    if (!group) continue;
    const live = group.targets.filter((t) => t.State !== 'draining');
    for (let index = live.length; index < service.runningCount; index++) {
      const octet = (ctx.account.nextCounter() % 200) + 20;
      group.targets.push({ Id: `10.0.${(index % 200) + 20}.${octet}`, Port: binding.containerPort, State: 'healthy' });
    }
    for (const target of live.slice(service.runningCount)) {
      Object.assign(target, { State: 'draining', drainingSince: ctx.now().toISOString() });
    }
  }
}

/** A describe: a scaling whose time has come completes (running = desired, the deployment COMPLETED). */
function settle(ctx: HandlerContext, service: EcsServiceRec, read = true): void {
  if (!service.pending || !advance(ctx, service.pending, { read })) return;
  delete service.pending;
  service.runningCount = service.desiredCount;
  service.pendingCount = 0;
  for (const deployment of service.deployments) {
    Object.assign(deployment, {
      runningCount: service.desiredCount,
      pendingCount: 0,
      rolloutState: 'COMPLETED',
      updatedAt: ctx.now().toISOString(),
    });
  }
  syncTargets(ctx, service);
}

function describeServices(ctx: HandlerContext, input: DescribeServicesRequest) {
  const cluster = requireCluster(ctx, input.cluster);
  const names = input.services ?? [];
  if (!names.length || names.length > MAX_SERVICES) {
    throw awsError('InvalidParameterException', `services must name 1 to ${MAX_SERVICES} services.`);
  }
  const services = [];
  const failures = [];
  for (const name of names) {
    const service = findService(cluster, name);
    if (!service) {
      failures.push({ arn: name, reason: 'MISSING' });
      continue;
    }
    settle(ctx, service);
    const { pending: _pending, ...shown } = service;
    services.push(shown);
  }
  return { services, failures };
}

function updateService(ctx: HandlerContext, input: UpdateServiceRequest) {
  const cluster = requireCluster(ctx, input.cluster);
  const service = findService(cluster, input.service);
  if (!service) throw awsError('ServiceNotFoundException', 'Service not found.');
  if (service.status !== 'ACTIVE') throw awsError('ServiceNotActiveException', 'Service was not ACTIVE.');
  settle(ctx, service, false);
  if (input.desiredCount !== undefined) {
    if (!Number.isInteger(input.desiredCount) || input.desiredCount < 0) {
      throw awsError('InvalidParameterException', 'desiredCount must be a non-negative integer.');
    }
    if (input.desiredCount !== service.desiredCount) {
      service.desiredCount = input.desiredCount;
      service.pendingCount = Math.max(0, input.desiredCount - service.runningCount);
      service.pending = pendingChange(ctx, { reads: 2, seconds: 120 });
      for (const deployment of service.deployments) {
        Object.assign(deployment, {
          desiredCount: input.desiredCount,
          pendingCount: service.pendingCount,
          rolloutState: 'IN_PROGRESS',
          updatedAt: ctx.now().toISOString(),
        });
      }
    }
  }
  const { pending: _pending, ...shown } = service;
  return { service: shown };
}

export const ecsServiceHandlers: Handlers = {
  DescribeServices: describeServices,
  UpdateService: updateService,
};
