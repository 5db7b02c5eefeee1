// RDS DB instances as the disaster-recovery playbooks use them: CreateDBInstance into an Aurora cluster (a restore
// creates only the cluster; the engine must match, the cluster must be available; the first instance of a cluster
// creating -> backing-up -> available, or the status a broken restore ends in; a reader joining a cluster with
// instances creating -> available, as scale-capacity adds one), DescribeDBInstances (identifier or ARN, db-cluster-id and
// db-instance-id filters, MaxRecords 20..100 + Marker) and DeleteDBInstance (deleting -> gone; a standalone instance
// needs SkipFinalSnapshot or a final snapshot name). The first instance of a writing cluster becomes its writer.
import type { CreateDBInstanceMessage, DeleteDBInstanceMessage, DescribeDBInstancesMessage } from '@aws-sdk/client-rds';
import { awsError } from '../../errors.ts';
import type { DbInstanceRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import {
  advance,
  checkIdentifier,
  DELETED,
  findCluster,
  findInstance,
  instanceArn,
  instanceNotFound,
  instancesOf,
  invalidParameterCombination,
  invalidParameterValue,
  mergeTags,
  requireCluster,
  sweepDeleted,
} from './records.ts';

const invalidInstanceState = (message: string) => awsError('InvalidDBInstanceStateFault', message);

function createDBInstance(ctx: HandlerContext, input: CreateDBInstanceMessage) {
  const id = checkIdentifier(input.DBInstanceIdentifier, 'DBInstanceIdentifier');
  if (!input.DBInstanceClass) throw invalidParameterValue('DBInstanceClass is required.');
  if (!input.Engine) throw invalidParameterValue('Engine is required.');
  if (findInstance(ctx, id)) throw awsError('DBInstanceAlreadyExistsFault', 'DB instance already exists');
  const cluster = input.DBClusterIdentifier ? requireCluster(ctx, input.DBClusterIdentifier) : undefined;
  if (cluster && cluster.Engine !== input.Engine) {
    throw invalidParameterCombination(
      `The engine name requested for your DB instance (${input.Engine}) doesn't match the engine name of your DB cluster (${cluster.Engine}).`,
    );
  }
  if (cluster && cluster.Status !== 'available') {
    throw awsError('InvalidDBClusterStateFault', `DB cluster ${cluster.DBClusterIdentifier} is not available.`);
  }
  if (!cluster && !input.AllocatedStorage) {
    throw invalidParameterValue('AllocatedStorage is required for a DB instance outside a cluster.');
  }
  // A reader joining a cluster that has instances is creating on the next describes, then available (an Aurora
  // cluster's backups are the cluster's); the first instance of a new cluster, or a standalone one, backs up first.
  const joins = cluster !== undefined && cluster.members.length > 0;
  const ending = cluster?.instancesEndIn
    ? [cluster.instancesEndIn]
    : joins
      ? ['creating', 'available']
      : ['backing-up', 'available'];
  const instance: DbInstanceRec = {
    DBInstanceIdentifier: id,
    DBInstanceArn: instanceArn(ctx, id),
    DBInstanceClass: input.DBInstanceClass,
    Engine: input.Engine,
    EngineVersion: cluster?.EngineVersion ?? input.EngineVersion,
    DBInstanceStatus: 'creating',
    pendingStatuses: ending,
    DBClusterIdentifier: cluster?.DBClusterIdentifier,
    AvailabilityZone: input.AvailabilityZone ?? `${ctx.region}a`,
    Endpoint: { Address: `${id}.csandbox0001.${ctx.region}.rds.amazonaws.com`, Port: 5432 },
    InstanceCreateTime: ctx.now().toISOString(),
    DBSubnetGroupName: input.DBSubnetGroupName ?? cluster?.DBSubnetGroup,
    StorageEncrypted: cluster?.StorageEncrypted ?? input.StorageEncrypted ?? false,
    PromotionTier: input.PromotionTier ?? 1,
    PubliclyAccessible: input.PubliclyAccessible ?? false,
    TagList: mergeTags([], input.Tags),
  };
  instancesOf(ctx).push(instance);
  if (cluster) {
    // A secondary cluster of a global database has readers only.
    const writes = cluster.Role === 'primary' && !cluster.members.some((m) => m.IsClusterWriter);
    cluster.members.push({ DBInstanceIdentifier: id, IsClusterWriter: writes });
  }
  return { DBInstance: instance };
}

function describeDBInstances(ctx: HandlerContext, input: DescribeDBInstancesMessage) {
  const maxRecords = input.MaxRecords ?? 100;
  if (maxRecords < 20 || maxRecords > 100) throw invalidParameterValue('MaxRecords must be between 20 and 100.');
  let instances = instancesOf(ctx);
  if (input.DBInstanceIdentifier !== undefined) {
    const found = findInstance(ctx, input.DBInstanceIdentifier);
    if (!found) throw instanceNotFound(input.DBInstanceIdentifier);
    instances = [found];
  }
  for (const filter of input.Filters ?? []) {
    const values = filter.Values ?? [];
    if (filter.Name === 'db-cluster-id') {
      instances = instances.filter((i) =>
        values.some(
          (v) =>
            i.DBClusterIdentifier !== undefined &&
            (v === i.DBClusterIdentifier || v.endsWith(`:cluster:${i.DBClusterIdentifier}`)),
        ),
      );
    } else if (filter.Name === 'db-instance-id') {
      instances = instances.filter((i) => values.some((v) => v === i.DBInstanceIdentifier || v === i.DBInstanceArn));
    } else {
      throw invalidParameterValue(`Unrecognized filter name: ${filter.Name}`);
    }
  }
  const page = paginate(instances, (i) => i.DBInstanceIdentifier, {
    token: input.Marker,
    pageSize: maxRecords,
    invalidToken: () => invalidParameterValue('The Marker is not valid.'),
  });
  const shown = page.items.map((instance) => {
    const view = structuredClone(instance);
    advance(
      instance,
      () => instance.DBInstanceStatus,
      (next) => {
        instance.DBInstanceStatus = next;
      },
    );
    return view;
  });
  removeGone(ctx);
  return { DBInstances: shown, Marker: page.nextToken };
}

/** Instances whose deletion finished leave their cluster's member list too. */
function removeGone(ctx: HandlerContext): void {
  const gone = new Set(
    instancesOf(ctx)
      .filter((i) => i.DBInstanceStatus === DELETED)
      .map((i) => i.DBInstanceIdentifier),
  );
  if (!gone.size) return;
  sweepDeleted(instancesOf(ctx), (i) => i.DBInstanceStatus);
  for (const cluster of ctx.regional.rds.clusters) {
    cluster.members = cluster.members.filter((m) => !gone.has(m.DBInstanceIdentifier));
  }
}

function deleteDBInstance(ctx: HandlerContext, input: DeleteDBInstanceMessage) {
  const instance = findInstance(ctx, input.DBInstanceIdentifier);
  if (!instance) throw instanceNotFound(input.DBInstanceIdentifier);
  const cluster = instance.DBClusterIdentifier ? findCluster(ctx, instance.DBClusterIdentifier) : undefined;
  if (!cluster && !input.SkipFinalSnapshot && !input.FinalDBSnapshotIdentifier) {
    throw invalidParameterCombination('FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.');
  }
  if (instance.DBInstanceStatus === 'deleting') {
    throw invalidInstanceState(`Instance ${instance.DBInstanceIdentifier} is already being deleted.`);
  }
  instance.DBInstanceStatus = 'deleting';
  instance.pendingStatuses = [DELETED];
  return { DBInstance: structuredClone(instance) };
}

export const dbClusterInstanceHandlers: Handlers = {
  CreateDBInstance: createDBInstance,
  DescribeDBInstances: describeDBInstances,
  DeleteDBInstance: deleteDBInstance,
};
