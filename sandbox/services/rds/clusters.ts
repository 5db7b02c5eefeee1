// RDS DB clusters: DescribeDBClusters (identifier or ARN, db-cluster-id filter, MaxRecords 20..100 + Marker; the
// restorable window of each cluster), RestoreDBClusterToPointInTime (a new cluster: creating -> available, no
// instances, the default security group unless given), DeleteDBCluster (refused while a member is not deleting,
// while protected or a global member; deleting -> gone), PromoteReadReplicaDBCluster (a cross-region replica stops
// replicating: promoting -> available), AddTagsToResource and EnableHttpEndpoint (the Data API).
import type {
  AddTagsToResourceMessage,
  DeleteDBClusterMessage,
  DescribeDBClustersMessage,
  EnableHttpEndpointRequest,
  PromoteReadReplicaDBClusterMessage,
  RestoreDBClusterToPointInTimeMessage,
} from '@aws-sdk/client-rds';
import { awsError } from '../../errors.ts';
import type { DbClusterRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import {
  advance,
  checkIdentifier,
  clusterArn,
  clusterEndpoint,
  clusterNotFound,
  DELETED,
  findCluster,
  findInstance,
  instanceNotFound,
  instancesOf,
  invalidParameterCombination,
  invalidParameterValue,
  mergeTags,
  requireCluster,
  restorableWindow,
  sweepDeleted,
} from './records.ts';

const invalidClusterState = (message: string) => awsError('InvalidDBClusterStateFault', message);
const toIso = (value: Date | string | undefined) =>
  value === undefined ? undefined : (value instanceof Date ? value : new Date(value)).toISOString();

/** The cluster as DescribeDBClusters shows it (the output schema drops the sandbox's bookkeeping). */
export function clusterView(ctx: HandlerContext, cluster: DbClusterRec) {
  const window = restorableWindow(ctx, cluster);
  const instances = instancesOf(ctx);
  return {
    ...cluster,
    EarliestRestorableTime: window.earliest,
    LatestRestorableTime: cluster.Status === 'available' ? window.latest : undefined,
    BackupRetentionPeriod: cluster.BackupRetentionPeriod ?? 7,
    DBClusterMembers: cluster.members.map((member) => ({
      DBInstanceIdentifier: member.DBInstanceIdentifier,
      IsClusterWriter: member.IsClusterWriter,
      PromotionTier: instances.find((i) => i.DBInstanceIdentifier === member.DBInstanceIdentifier)?.PromotionTier ?? 1,
      DBClusterParameterGroupStatus: 'in-sync',
    })),
    Port: 5432,
    HttpEndpointEnabled: cluster.HttpEndpointEnabled ?? false,
  };
}

function describeDBClusters(ctx: HandlerContext, input: DescribeDBClustersMessage) {
  const maxRecords = input.MaxRecords ?? 100;
  if (maxRecords < 20 || maxRecords > 100) throw invalidParameterValue('MaxRecords must be between 20 and 100.');
  let clusters = ctx.regional.rds.clusters;
  if (input.DBClusterIdentifier !== undefined) clusters = [requireCluster(ctx, input.DBClusterIdentifier)];
  for (const filter of input.Filters ?? []) {
    if (filter.Name !== 'db-cluster-id') throw invalidParameterValue(`Unrecognized filter name: ${filter.Name}`);
    clusters = clusters.filter((c) => filter.Values?.some((v) => v === c.DBClusterIdentifier || v === c.DBClusterArn));
  }
  const page = paginate(clusters, (c) => c.DBClusterIdentifier, {
    token: input.Marker,
    pageSize: maxRecords,
    invalidToken: () => invalidParameterValue('The Marker is not valid.'),
  });
  const shown = page.items.map((cluster) => {
    const view = clusterView(ctx, cluster);
    advance(
      cluster,
      () => cluster.Status,
      (next) => {
        cluster.Status = next;
      },
    );
    return view;
  });
  sweepDeleted(ctx.regional.rds.clusters, (c) => c.Status);
  return { DBClusters: shown, Marker: page.nextToken };
}

function restoreToPointInTime(ctx: HandlerContext, input: RestoreDBClusterToPointInTimeMessage) {
  const id = checkIdentifier(input.DBClusterIdentifier, 'DBClusterIdentifier');
  const source = requireCluster(ctx, input.SourceDBClusterIdentifier);
  if (findCluster(ctx, id)) throw awsError('DBClusterAlreadyExistsFault', `DB Cluster already exists`);
  if (input.RestoreToTime !== undefined && input.UseLatestRestorableTime) {
    throw invalidParameterCombination('Cannot specify both RestoreToTime and UseLatestRestorableTime.');
  }
  if (input.RestoreToTime === undefined && !input.UseLatestRestorableTime) {
    throw invalidParameterCombination('Either RestoreToTime or UseLatestRestorableTime must be specified.');
  }
  if (source.Status !== 'available') {
    throw invalidClusterState(`DB cluster ${source.DBClusterIdentifier} is not in the available state.`);
  }
  const window = restorableWindow(ctx, source);
  const at = toIso(input.RestoreToTime);
  if (at !== undefined && (at < window.earliest || at > window.latest)) {
    throw awsError(
      'InvalidRestoreFault',
      `The restore time ${at} is outside the restorable window of ${source.DBClusterIdentifier} (${window.earliest} to ${window.latest}).`,
    );
  }
  const subnetGroup = input.DBSubnetGroupName ?? source.DBSubnetGroup;
  const knownGroups = new Set([
    ...(ctx.regional.rds.subnetGroups ?? []),
    ...ctx.regional.rds.clusters.map((c) => c.DBSubnetGroup),
  ]);
  if (subnetGroup && !knownGroups.has(subnetGroup)) {
    throw awsError('DBSubnetGroupNotFoundFault', `DBSubnetGroup ${subnetGroup} not found.`, { status: 404 });
  }
  const defaultGroup = ctx.regional.ec2.securityGroups.find(
    (g) => g.GroupName === 'default' && g.VpcId === ctx.regional.ec2.vpcs[0]?.VpcId,
  );
  const groups = input.VpcSecurityGroupIds?.length
    ? input.VpcSecurityGroupIds
    : defaultGroup
      ? [defaultGroup.GroupId]
      : [];
  const host = clusterEndpoint(ctx, id);
  const cluster: DbClusterRec = {
    DBClusterIdentifier: id,
    DBClusterArn: clusterArn(ctx, id),
    Engine: source.Engine,
    EngineVersion: source.EngineVersion,
    Status: 'creating',
    pendingStatuses: ['available'],
    Role: 'primary',
    Endpoint: host,
    ReaderEndpoint: host.replace('.cluster-', '.cluster-ro-'),
    MultiAZ: false,
    members: [],
    ClusterCreateTime: ctx.now().toISOString(),
    BackupRetentionPeriod: source.BackupRetentionPeriod,
    DBSubnetGroup: subnetGroup,
    VpcSecurityGroups: groups.map((VpcSecurityGroupId) => ({ VpcSecurityGroupId, Status: 'active' })),
    DatabaseName: source.DatabaseName,
    StorageEncrypted: source.StorageEncrypted,
    KmsKeyId: input.KmsKeyId ?? source.KmsKeyId,
    DeletionProtection: input.DeletionProtection ?? false,
    TagList: mergeTags([], input.Tags),
    tables: { ...(source.tables ?? {}) },
  };
  ctx.regional.rds.clusters.push(cluster);
  return { DBCluster: clusterView(ctx, cluster) };
}

function deleteDBCluster(ctx: HandlerContext, input: DeleteDBClusterMessage) {
  const cluster = requireCluster(ctx, input.DBClusterIdentifier);
  if (!input.SkipFinalSnapshot && !input.FinalDBSnapshotIdentifier) {
    throw invalidParameterCombination('FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.');
  }
  if (cluster.DeletionProtection) {
    throw invalidParameterCombination(
      'Cannot delete protected Cluster, please disable deletion protection and try again.',
    );
  }
  if (cluster.GlobalClusterIdentifier) {
    throw invalidClusterState('This cluster is a part of a global cluster, please remove it from globalcluster first');
  }
  if (cluster.Status === 'deleting') return { DBCluster: clusterView(ctx, cluster) };
  const busy = cluster.members.filter(
    (m) => findInstance(ctx, m.DBInstanceIdentifier)?.DBInstanceStatus !== 'deleting',
  );
  if (busy.length) {
    throw invalidClusterState(
      `Cluster cannot be deleted, it still contains DB instances in non-deleting state: ${busy.map((m) => m.DBInstanceIdentifier).join(', ')}.`,
    );
  }
  if (cluster.Status !== 'available') {
    throw invalidClusterState(`DB cluster ${cluster.DBClusterIdentifier} is ${cluster.Status}, not available.`);
  }
  cluster.Status = 'deleting';
  cluster.pendingStatuses = [DELETED];
  return { DBCluster: clusterView(ctx, cluster) };
}

function promoteReadReplicaDBCluster(ctx: HandlerContext, input: PromoteReadReplicaDBClusterMessage) {
  const cluster = requireCluster(ctx, input.DBClusterIdentifier);
  if (!cluster.ReplicationSourceIdentifier) {
    throw invalidClusterState(`DB cluster ${cluster.DBClusterIdentifier} is not a read replica.`);
  }
  if (cluster.Status !== 'available') {
    throw invalidClusterState(`DB cluster ${cluster.DBClusterIdentifier} is ${cluster.Status}, not available.`);
  }
  // The replica stops replicating at once and writes once promotion is over (one describe later).
  delete cluster.ReplicationSourceIdentifier;
  cluster.Role = 'primary';
  cluster.members = cluster.members.map((member, index) => ({ ...member, IsClusterWriter: index === 0 }));
  cluster.Status = 'promoting';
  cluster.pendingStatuses = ['available'];
  return { DBCluster: clusterView(ctx, cluster) };
}

function addTagsToResource(ctx: HandlerContext, input: AddTagsToResourceMessage) {
  const arn = input.ResourceName ?? '';
  if (arn.includes(':cluster:')) {
    const cluster = findCluster(ctx, arn);
    if (!cluster) throw clusterNotFound(arn);
    cluster.TagList = mergeTags(cluster.TagList, input.Tags);
  } else if (arn.includes(':db:')) {
    const instance = findInstance(ctx, arn);
    if (!instance) throw instanceNotFound(arn);
    instance.TagList = mergeTags(instance.TagList, input.Tags);
  } else {
    throw invalidParameterValue(`${arn} is not a valid ARN of a DB cluster or instance.`);
  }
  return {};
}

function enableHttpEndpoint(ctx: HandlerContext, input: EnableHttpEndpointRequest) {
  const cluster = findCluster(ctx, input.ResourceArn);
  if (!cluster) throw awsError('ResourceNotFoundFault', `The resource ${input.ResourceArn} was not found.`);
  if (cluster.Status !== 'available') {
    throw awsError('InvalidResourceStateFault', `The DB cluster ${cluster.DBClusterIdentifier} is not available.`);
  }
  cluster.HttpEndpointEnabled = true;
  return { ResourceArn: cluster.DBClusterArn, HttpEndpointEnabled: true };
}

export const dbClusterHandlers: Handlers = {
  DescribeDBClusters: describeDBClusters,
  RestoreDBClusterToPointInTime: restoreToPointInTime,
  DeleteDBCluster: deleteDBCluster,
  PromoteReadReplicaDBCluster: promoteReadReplicaDBCluster,
  AddTagsToResource: addTagsToResource,
  EnableHttpEndpoint: enableHttpEndpoint,
};
