// The change itself, by the API that really does it: UpdateAutoScalingGroup, UpdateService, UpdateNodegroupConfig
// (with a client request token: a retry returns the same update), CreateDBInstance of each new Aurora reader in the
// cluster (a reader this execution created already is kept), ModifyReplicationGroupShardConfiguration or
// IncreaseReplicaCount (ApplyImmediately). Capacity that is already what was asked is not touched. Every change (or
// dry run) is in the audit trail.
import { type EKSClient, UpdateNodegroupConfigCommand } from '@aws-sdk/client-eks';
import {
  type ElastiCacheClient,
  IncreaseReplicaCountCommand,
  ModifyReplicationGroupShardConfigurationCommand,
} from '@aws-sdk/client-elasticache';
import { CreateDBInstanceCommand, DBInstanceAlreadyExistsFault, type RDSClient } from '@aws-sdk/client-rds';
import type { AuditTrail, Outcome } from '../../shared/audit/audit.ts';
import { setAsgCapacity, setEcsDesired } from '../../shared/capacity/set.ts';
import type { Change, ScalePlan } from '../targets/kinds.ts';
import { type Clients, snapshot } from '../targets/read.ts';

export interface Applied {
  /** The EKS update to follow (DescribeUpdate). */
  updateId?: string;
}

const unchanged = (plan: ScalePlan): boolean => {
  const { before, change } = plan;
  if (
    (before.kind === 'asg' && change.kind === 'asg') ||
    (before.kind === 'eks-nodegroup' && change.kind === 'eks-nodegroup')
  ) {
    return before.minSize === change.minSize && before.maxSize === change.maxSize && before.desired === change.desired;
  }
  if (before.kind === 'ecs-service' && change.kind === 'ecs-service') return before.desired === change.desired;
  if (change.kind === 'elasticache') return change.shards === undefined && change.replicasPerShard === undefined;
  return false;
};

function actionOf(change: Change): string {
  switch (change.kind) {
    case 'asg':
      return 'autoscaling:UpdateAutoScalingGroup';
    case 'ecs-service':
      return 'ecs:UpdateService';
    case 'eks-nodegroup':
      return 'eks:UpdateNodegroupConfig';
    case 'aurora-replica':
      return 'rds:CreateDBInstance';
    case 'elasticache':
      return change.shards !== undefined
        ? 'elasticache:ModifyReplicationGroupShardConfiguration'
        : 'elasticache:IncreaseReplicaCount';
  }
}

async function createReaders(
  client: RDSClient,
  plan: ScalePlan,
  change: Extract<Change, { kind: 'aurora-replica' }>,
  engine: string,
) {
  const outcomes: Outcome[] = [];
  for (const id of change.newReaders) {
    try {
      await client.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: id,
          DBInstanceClass: change.instanceClass,
          Engine: engine,
          DBClusterIdentifier: plan.subject.name,
        }),
      );
      outcomes.push('done');
    } catch (error) {
      // The name carries this execution's suffix: an existing one is this execution's own earlier attempt.
      if (!(error instanceof DBInstanceAlreadyExistsFault)) throw error;
      outcomes.push('already-done');
    }
  }
  return outcomes.every((outcome) => outcome === 'already-done') ? 'already-done' : 'done';
}

async function scaleElastiCache(
  client: ElastiCacheClient,
  plan: ScalePlan,
  change: Extract<Change, { kind: 'elasticache' }>,
) {
  const ReplicationGroupId = plan.subject.name;
  if (change.shards !== undefined) {
    await client.send(
      new ModifyReplicationGroupShardConfigurationCommand({
        ReplicationGroupId,
        NodeGroupCount: change.shards,
        ApplyImmediately: true,
      }),
    );
  } else {
    await client.send(
      new IncreaseReplicaCountCommand({
        ReplicationGroupId,
        NewReplicaCount: change.replicasPerShard,
        ApplyImmediately: true,
      }),
    );
  }
}

async function updateNodegroup(
  client: EKSClient,
  plan: ScalePlan,
  change: Extract<Change, { kind: 'eks-nodegroup' }>,
  token: string,
) {
  const [clusterName, nodegroupName] = plan.subject.name.split('/');
  const updated = await client.send(
    new UpdateNodegroupConfigCommand({
      clusterName,
      nodegroupName,
      scalingConfig: { minSize: change.minSize, maxSize: change.maxSize, desiredSize: change.desired },
      clientRequestToken: token,
    }),
  );
  return updated.update?.id;
}

/** Applies the plan's change; what to follow afterwards. */
export async function applyChange(
  clients: Clients,
  audit: AuditTrail,
  plan: ScalePlan,
  executionName: string,
): Promise<Applied> {
  const { change, subject } = plan;
  const base = {
    action: actionOf(change),
    resource: subject.name,
    region: subject.region,
    detail: { before: plan.before, change },
  };
  if (plan.dryRun || unchanged(plan)) {
    await audit.record({ ...base, outcome: plan.dryRun ? 'dry-run' : 'already-done' });
    return {};
  }
  let outcome: Outcome = 'done';
  let updateId: string | undefined;
  switch (change.kind) {
    case 'asg':
      await setAsgCapacity(clients.autoScaling, subject.name, change);
      break;
    case 'ecs-service': {
      const [cluster, service] = subject.name.split('/');
      await setEcsDesired(clients.ecs, cluster, service, change.desired);
      break;
    }
    case 'eks-nodegroup':
      updateId = await updateNodegroup(clients.eks, plan, change, `scale-capacity-${executionName}`.slice(0, 64));
      break;
    case 'aurora-replica': {
      const engine = plan.before.kind === 'aurora-replica' ? plan.before.engine : '';
      outcome = await createReaders(clients.rds, plan, change, engine);
      break;
    }
    case 'elasticache': {
      const now = await snapshot(clients, subject);
      const reached =
        now.kind === 'elasticache' &&
        (change.shards === undefined || now.shards === change.shards) &&
        (change.replicasPerShard === undefined || now.replicasPerShard === change.replicasPerShard);
      if (reached) outcome = 'already-done';
      else await scaleElastiCache(clients.elasticache, plan, change);
      break;
    }
  }
  await audit.record({ ...base, outcome, detail: { ...base.detail, ...(updateId ? { updateId } : {}) } });
  return updateId ? { updateId } : {};
}
