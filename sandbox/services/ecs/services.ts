// ECS services: DescribeServices (up to 10 per call; unknown ones come back as failures with reason MISSING, an
// unknown cluster is ClusterNotFoundException) and UpdateService (desiredCount; a new deployment rolls out and the
// running count reaches the desired count on the describe after the one that first shows it IN_PROGRESS).
import type { DescribeServicesRequest, UpdateServiceRequest } from '@aws-sdk/client-ecs';
import { awsError } from '../../errors.ts';
import type { EcsServiceRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';

function servicesOf(ctx: HandlerContext): EcsServiceRec[] {
  ctx.regional.ecs ??= { services: [] };
  return ctx.regional.ecs.services;
}

const clusterArnOf = (ctx: HandlerContext, cluster: string | undefined) =>
  (cluster ?? 'default').startsWith('arn:')
    ? cluster!
    : `arn:aws:ecs:${ctx.region}:${ctx.accountId}:cluster/${cluster ?? 'default'}`;

function inCluster(ctx: HandlerContext, cluster: string | undefined): EcsServiceRec[] {
  const arn = clusterArnOf(ctx, cluster);
  const services = servicesOf(ctx).filter((s) => s.clusterArn === arn);
  if (!services.length) throw awsError('ClusterNotFoundException', 'Cluster not found.');
  return services;
}

const matches = (service: EcsServiceRec, asked: string) =>
  asked === service.serviceName || asked === service.serviceArn;

/** A rollout in progress completes once a describe has shown it. */
function settle(service: EcsServiceRec): void {
  const primary = service.deployments[0];
  if (primary?.rolloutState !== 'IN_PROGRESS') return;
  primary.rolloutState = 'COMPLETED';
  primary.runningCount = primary.desiredCount;
  service.runningCount = service.desiredCount;
  service.pendingCount = 0;
  service.deployments = [primary];
}

function describeServices(ctx: HandlerContext, input: DescribeServicesRequest) {
  const asked = input.services ?? [];
  if (!asked.length || asked.length > 10)
    throw awsError('InvalidParameterException', 'services must name 1 to 10 services');
  const services = inCluster(ctx, input.cluster);
  const found = asked.map((name) => services.find((s) => matches(s, name)));
  const shown = found.filter((s): s is EcsServiceRec => s !== undefined).map((s) => structuredClone(s));
  for (const service of found) if (service) settle(service);
  return {
    services: shown,
    failures: asked
      .filter((_, index) => !found[index])
      .map((name) => ({
        arn: name.startsWith('arn:') ? name : `arn:aws:ecs:${ctx.region}:${ctx.accountId}:service/${name}`,
        reason: 'MISSING',
      })),
  };
}

function updateService(ctx: HandlerContext, input: UpdateServiceRequest) {
  const service = inCluster(ctx, input.cluster).find((s) => matches(s, input.service ?? ''));
  if (!service) throw awsError('ServiceNotFoundException', 'Service not found.');
  if (service.status !== 'ACTIVE') throw awsError('ServiceNotActiveException', 'Service was not ACTIVE.');
  if (input.desiredCount !== undefined) {
    if (input.desiredCount < 0) throw awsError('InvalidParameterException', 'desiredCount can not be negative.');
    service.desiredCount = input.desiredCount;
    service.pendingCount = Math.max(0, input.desiredCount - service.runningCount);
    service.deployments = [
      {
        id: `ecs-svc/${ctx.account.newId('d', 16).slice(2)}`,
        status: 'PRIMARY',
        desiredCount: input.desiredCount,
        runningCount: service.runningCount,
        rolloutState: 'IN_PROGRESS',
      },
      ...service.deployments.map((d) => ({ ...d, status: 'ACTIVE' })),
    ];
  }
  return { service: structuredClone(service) };
}

export const ecsServiceHandlers: Handlers = {
  DescribeServices: describeServices,
  UpdateService: updateService,
};
