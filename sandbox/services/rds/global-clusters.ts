// Aurora global databases: DescribeGlobalClusters, SwitchoverGlobalCluster (planned: no data loss, the secondary
// must be in sync) and FailoverGlobalCluster (AllowDataLoss: the unplanned path; or Switchover). A global cluster is
// the set of clusters carrying its GlobalClusterIdentifier in every region, the writing one its primary; the API is
// answered in any region. A switchover or failover shows as FailoverState on the next describes (pending, then
// switching-over / failing-over) and completes on the one after: the target writes, the old primary reads.
import type {
  DescribeGlobalClustersMessage,
  FailoverGlobalClusterMessage,
  SwitchoverGlobalClusterMessage,
} from '@aws-sdk/client-rds';
import { awsError } from '../../errors.ts';
import type { DbClusterRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { invalidParameterCombination, invalidParameterValue } from './records.ts';

const notFound = (id: string | undefined) =>
  awsError('GlobalClusterNotFoundFault', `Global cluster ${id} not found.`, { status: 404 });

/** Every cluster of every region that belongs to a global cluster. */
function globalMembers(ctx: HandlerContext, id?: string): DbClusterRec[] {
  return Object.values(ctx.state.regions).flatMap((region) =>
    region.rds.clusters.filter(
      (c) => c.GlobalClusterIdentifier && (id === undefined || c.GlobalClusterIdentifier === id),
    ),
  );
}

const inProgress = (members: DbClusterRec[]) => members.find((m) => m.globalFailover);

function globalView(ctx: HandlerContext, id: string, members: DbClusterRec[]) {
  const writer = members.find((m) => m.Role === 'primary');
  const moving = inProgress(members);
  const step = moving?.globalFailover?.statuses[0];
  const moveStatus = moving?.globalFailover?.allowDataLoss ? 'failing-over' : 'switching-over';
  const arnOf = (cluster: DbClusterRec) => cluster.DBClusterArn;
  return {
    GlobalClusterIdentifier: id,
    GlobalClusterResourceId: `cluster-${id}`,
    GlobalClusterArn: `arn:aws:rds::${ctx.accountId}:global-cluster:${id}`,
    Status: step === 'moving' ? moveStatus : 'available',
    Engine: writer?.Engine ?? members[0]?.Engine,
    EngineVersion: writer?.EngineVersion ?? members[0]?.EngineVersion,
    DatabaseName: writer?.DatabaseName,
    StorageEncrypted: writer?.StorageEncrypted ?? false,
    DeletionProtection: false,
    Endpoint: `${id}.global-sandbox0001.global.rds.amazonaws.com`,
    GlobalClusterMembers: members.map((member) => ({
      DBClusterArn: arnOf(member),
      IsWriter: member.Role === 'primary',
      Readers: member.Role === 'primary' ? members.filter((m) => m !== member).map(arnOf) : [],
      GlobalWriteForwardingStatus: 'disabled',
      SynchronizationStatus: member.Role === 'primary' ? undefined : 'connected',
    })),
    FailoverState: moving?.globalFailover
      ? {
          Status: step === 'pending' ? 'pending' : moveStatus,
          FromDbClusterArn: moving.globalFailover.from,
          ToDbClusterArn: moving.globalFailover.to,
          IsDataLossAllowed: moving.globalFailover.allowDataLoss,
        }
      : undefined,
  };
}

/** One step of a switchover or failover in progress; the last one hands the writer role over. */
function progress(members: DbClusterRec[]): void {
  const moving = inProgress(members);
  if (!moving?.globalFailover) return;
  moving.globalFailover.statuses.shift();
  if (moving.globalFailover.statuses.length) return;
  for (const member of members) {
    const target = member === moving;
    member.Role = target ? 'primary' : 'secondary';
    member.members = member.members.map((m, index) => ({ ...m, IsClusterWriter: target && index === 0 }));
  }
  delete moving.globalFailover;
}

function describeGlobalClusters(ctx: HandlerContext, input: DescribeGlobalClustersMessage) {
  const maxRecords = input.MaxRecords ?? 100;
  if (maxRecords < 20 || maxRecords > 100) throw invalidParameterValue('MaxRecords must be between 20 and 100.');
  if (input.Filters?.length) throw invalidParameterValue('Filters are not supported by the sandbox for this call.');
  const ids = [...new Set(globalMembers(ctx).map((c) => c.GlobalClusterIdentifier!))];
  if (input.GlobalClusterIdentifier !== undefined && !ids.includes(input.GlobalClusterIdentifier)) {
    throw notFound(input.GlobalClusterIdentifier);
  }
  const selected = input.GlobalClusterIdentifier ? [input.GlobalClusterIdentifier] : ids;
  const page = paginate(selected, (id) => id, {
    token: input.Marker,
    pageSize: maxRecords,
    invalidToken: () => invalidParameterValue('The Marker is not valid.'),
  });
  const shown = page.items.map((id) => {
    const members = globalMembers(ctx, id);
    const view = globalView(ctx, id, members);
    progress(members);
    return view;
  });
  return { GlobalClusters: shown, Marker: page.nextToken };
}

function startMove(
  ctx: HandlerContext,
  input: { GlobalClusterIdentifier?: string; TargetDbClusterIdentifier?: string },
  allowDataLoss: boolean,
) {
  const members = globalMembers(ctx, input.GlobalClusterIdentifier);
  if (!members.length) throw notFound(input.GlobalClusterIdentifier);
  if (inProgress(members)) {
    throw awsError(
      'InvalidGlobalClusterStateFault',
      `Global cluster ${input.GlobalClusterIdentifier} already has a switchover or failover in progress.`,
    );
  }
  const target = members.find((m) => m.DBClusterArn === input.TargetDbClusterIdentifier);
  if (!target) {
    throw awsError(
      'DBClusterNotFoundFault',
      `DBCluster ${input.TargetDbClusterIdentifier} is not a member of global cluster ${input.GlobalClusterIdentifier}.`,
      { status: 404 },
    );
  }
  if (target.Role === 'primary') {
    throw invalidParameterValue(
      `${target.DBClusterArn} is already the primary cluster of ${input.GlobalClusterIdentifier}.`,
    );
  }
  if (target.Status !== 'available') {
    throw awsError('InvalidDBClusterStateFault', `DB cluster ${target.DBClusterIdentifier} is not available.`);
  }
  const from = members.find((m) => m.Role === 'primary');
  target.globalFailover = {
    from: from?.DBClusterArn ?? '',
    to: target.DBClusterArn,
    allowDataLoss,
    statuses: ['pending', 'moving'],
  };
  return { GlobalCluster: globalView(ctx, input.GlobalClusterIdentifier!, members) };
}

function switchoverGlobalCluster(ctx: HandlerContext, input: SwitchoverGlobalClusterMessage) {
  return startMove(ctx, input, false);
}

function failoverGlobalCluster(ctx: HandlerContext, input: FailoverGlobalClusterMessage) {
  if (input.AllowDataLoss && input.Switchover) {
    throw invalidParameterCombination('Specify either AllowDataLoss or Switchover, not both.');
  }
  if (!input.AllowDataLoss && !input.Switchover) {
    throw invalidParameterCombination('Specify AllowDataLoss or Switchover.');
  }
  return startMove(ctx, input, Boolean(input.AllowDataLoss));
}

export const globalClusterHandlers: Handlers = {
  DescribeGlobalClusters: describeGlobalClusters,
  SwitchoverGlobalCluster: switchoverGlobalCluster,
  FailoverGlobalCluster: failoverGlobalCluster,
};
