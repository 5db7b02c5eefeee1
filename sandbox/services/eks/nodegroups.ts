// Amazon EKS managed node groups: DescribeNodegroup, UpdateNodegroupConfig (scaling config) and DescribeUpdate. An
// update starts InProgress (the node group UPDATING) and is Successful on a later describe, when its scaling config
// applies and the node group is ACTIVE again (services/progress.ts). One update at a time: another while one is in
// progress is ResourceInUseException; a clientRequestToken already used returns that update (idempotent retries).
// Sizes: minSize >= 0, maxSize >= 1, minSize <= desiredSize <= maxSize, else InvalidParameterException.
import type {
  DescribeNodegroupRequest,
  DescribeUpdateRequest,
  UpdateNodegroupConfigRequest,
} from '@aws-sdk/client-eks';
import { awsError } from '../../errors.ts';
import type { EksClusterRec, NodegroupRec } from '../../state.ts';
import { advance, pendingChange } from '../progress.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const notFound = (message: string) => awsError('ResourceNotFoundException', message, { status: 404 });
const invalid = (message: string) => awsError('InvalidParameterException', message);

function clusters(ctx: HandlerContext): EksClusterRec[] {
  ctx.regional.eks ??= { clusters: [] };
  return ctx.regional.eks.clusters;
}

function requireNodegroup(ctx: HandlerContext, clusterName?: string, nodegroupName?: string): NodegroupRec {
  const cluster = clusters(ctx).find((c) => c.name === clusterName);
  if (!cluster) throw notFound(`No cluster found for name: ${clusterName}.`);
  const nodegroup = cluster.nodegroups.find((n) => n.nodegroupName === nodegroupName);
  if (!nodegroup) throw notFound(`No node group found for name: ${nodegroupName}.`);
  return nodegroup;
}

/** Updates whose time has come complete: the scaling they carry applies, the node group is ACTIVE again. */
function settle(ctx: HandlerContext, nodegroup: NodegroupRec, read = true): void {
  for (const update of nodegroup.updates) {
    if (update.status !== 'InProgress' || !advance(ctx, update.pending, { read })) continue;
    update.status = 'Successful';
    delete update.pending;
    nodegroup.scalingConfig = { ...nodegroup.scalingConfig, ...update.scaling };
    nodegroup.modifiedAt = ctx.now().toISOString();
  }
  if (!nodegroup.updates.some((update) => update.status === 'InProgress')) nodegroup.status = 'ACTIVE';
}

function describeNodegroup(ctx: HandlerContext, input: DescribeNodegroupRequest) {
  const nodegroup = requireNodegroup(ctx, input.clusterName, input.nodegroupName);
  settle(ctx, nodegroup);
  const { updates: _updates, ...shown } = nodegroup;
  return { nodegroup: shown };
}

function checkScaling(current: NodegroupRec['scalingConfig'], asked: UpdateNodegroupConfigRequest['scalingConfig']) {
  const next = { ...current, ...asked };
  const { minSize = 0, maxSize = 1, desiredSize = 0 } = next;
  if (minSize < 0) throw invalid('Minimum capacity must be greater than or equal to 0');
  if (maxSize < 1) throw invalid('Maximum capacity must be greater than or equal to 1');
  if (desiredSize < minSize)
    throw invalid(`Desired capacity ${desiredSize} can't be less than minimum size ${minSize}`);
  if (desiredSize > maxSize)
    throw invalid(`Desired capacity ${desiredSize} can't be greater than maximum size ${maxSize}`);
  if (minSize > maxSize) throw invalid(`Minimum capacity ${minSize} can't be greater than max size ${maxSize}`);
}

function updateNodegroupConfig(ctx: HandlerContext, input: UpdateNodegroupConfigRequest) {
  const nodegroup = requireNodegroup(ctx, input.clusterName, input.nodegroupName);
  settle(ctx, nodegroup, false);
  const repeated = input.clientRequestToken
    ? nodegroup.updates.find((update) => update.clientRequestToken === input.clientRequestToken)
    : undefined;
  if (repeated) return { update: present(repeated) };
  if (nodegroup.updates.some((update) => update.status === 'InProgress')) {
    throw awsError('ResourceInUseException', `Nodegroup ${input.nodegroupName} is currently being updated`, {
      status: 409,
    });
  }
  if (nodegroup.status !== 'ACTIVE') {
    throw awsError('ResourceInUseException', `Nodegroup ${input.nodegroupName} is in ${nodegroup.status} state`, {
      status: 409,
    });
  }
  if (!input.scalingConfig) throw invalid('No changes were requested (this sandbox models scalingConfig updates)');
  checkScaling(nodegroup.scalingConfig, input.scalingConfig);
  const params = [
    ['MinSize', input.scalingConfig.minSize],
    ['MaxSize', input.scalingConfig.maxSize],
    ['DesiredSize', input.scalingConfig.desiredSize],
  ]
    .filter(([, value]) => value !== undefined)
    .map(([type, value]) => ({ type: type as 'MinSize', value: String(value) }));
  const update: NodegroupRec['updates'][number] = {
    id: ctx.account.newUuid(),
    status: 'InProgress',
    type: 'ConfigUpdate',
    params,
    createdAt: ctx.now().toISOString(),
    errors: [],
    scaling: { ...input.scalingConfig },
    pending: pendingChange(ctx, { reads: 2, seconds: 300 }),
    ...(input.clientRequestToken ? { clientRequestToken: input.clientRequestToken } : {}),
  };
  nodegroup.updates.push(update);
  nodegroup.status = 'UPDATING';
  return { update: present(update) };
}

const present = ({ scaling: _s, pending: _p, clientRequestToken: _t, ...update }: NodegroupRec['updates'][number]) =>
  update;

function describeUpdate(ctx: HandlerContext, input: DescribeUpdateRequest) {
  const cluster = clusters(ctx).find((c) => c.name === input.name);
  if (!cluster) throw notFound(`No cluster found for name: ${input.name}.`);
  const nodegroups = input.nodegroupName
    ? [requireNodegroup(ctx, input.name, input.nodegroupName)]
    : cluster.nodegroups;
  for (const nodegroup of nodegroups) {
    const found = nodegroup.updates.find((update) => update.id === input.updateId);
    if (!found) continue;
    settle(ctx, nodegroup);
    return { update: present(found) };
  }
  throw notFound(`No update found for ID: ${input.updateId}.`);
}

export const nodegroupHandlers: Handlers = {
  DescribeNodegroup: describeNodegroup,
  UpdateNodegroupConfig: updateNodegroupConfig,
  DescribeUpdate: describeUpdate,
};
