// EKS managed node groups: DescribeNodegroup, UpdateNodegroupConfig (scalingConfig; the desired size must lie
// between min and max, one update at a time: ResourceInUseException while one runs) and DescribeUpdate (InProgress,
// then Successful on the next read; the node group is UPDATING meanwhile, ACTIVE after).
import type {
  DescribeNodegroupRequest,
  DescribeUpdateRequest,
  UpdateNodegroupConfigRequest,
} from '@aws-sdk/client-eks';
import { awsError } from '../../errors.ts';
import type { EksNodegroupRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';

function requireNodegroup(ctx: HandlerContext, cluster: string | undefined, name: string | undefined): EksNodegroupRec {
  ctx.regional.eks ??= { nodegroups: [] };
  const nodegroup = ctx.regional.eks.nodegroups.find((n) => n.clusterName === cluster && n.nodegroupName === name);
  if (!nodegroup) {
    throw awsError('ResourceNotFoundException', `No node group found for name: ${name}.`, {
      status: 404,
      fields: { clusterName: cluster, nodegroupName: name },
    });
  }
  return nodegroup;
}

function view(nodegroup: EksNodegroupRec) {
  const { updates: _updates, ...shown } = structuredClone(nodegroup);
  return shown;
}

function describeNodegroup(ctx: HandlerContext, input: DescribeNodegroupRequest) {
  return { nodegroup: view(requireNodegroup(ctx, input.clusterName, input.nodegroupName)) };
}

function updateNodegroupConfig(ctx: HandlerContext, input: UpdateNodegroupConfigRequest) {
  const nodegroup = requireNodegroup(ctx, input.clusterName, input.nodegroupName);
  if (nodegroup.updates.some((u) => u.status === 'InProgress')) {
    throw awsError('ResourceInUseException', `Nodegroup ${nodegroup.nodegroupName} is currently being updated.`, {
      status: 409,
    });
  }
  const scaling = { ...nodegroup.scalingConfig, ...input.scalingConfig };
  if (
    scaling.desiredSize < scaling.minSize ||
    scaling.desiredSize > scaling.maxSize ||
    scaling.minSize > scaling.maxSize
  ) {
    throw awsError(
      'InvalidParameterException',
      'Minimum capacity, desired capacity and maximum capacity must satisfy min <= desired <= max.',
    );
  }
  const update = {
    id: ctx.account.newUuid(),
    status: 'InProgress',
    type: 'ConfigUpdate',
    createdAt: ctx.now().toISOString(),
    pendingReads: 1,
  };
  nodegroup.scalingConfig = scaling;
  nodegroup.status = 'UPDATING';
  nodegroup.updates.push(update);
  const { pendingReads: _reads, ...shown } = update;
  return {
    update: {
      ...shown,
      params: [
        { type: 'MinSize', value: String(scaling.minSize) },
        { type: 'MaxSize', value: String(scaling.maxSize) },
        { type: 'DesiredSize', value: String(scaling.desiredSize) },
      ],
      errors: [],
    },
  };
}

function describeUpdate(ctx: HandlerContext, input: DescribeUpdateRequest) {
  const nodegroup = requireNodegroup(ctx, input.name, input.nodegroupName);
  const update = nodegroup.updates.find((u) => u.id === input.updateId);
  if (!update)
    throw awsError('ResourceNotFoundException', `No update found for ID: ${input.updateId}.`, { status: 404 });
  const { pendingReads: _reads, ...shown } = update;
  update.pendingReads -= 1;
  if (update.status === 'InProgress' && update.pendingReads <= 0) {
    update.status = 'Successful';
    nodegroup.status = 'ACTIVE';
  }
  return { update: { ...shown, errors: [] } };
}

export const nodegroupHandlers: Handlers = {
  DescribeNodegroup: describeNodegroup,
  UpdateNodegroupConfig: updateNodegroupConfig,
  DescribeUpdate: describeUpdate,
};
