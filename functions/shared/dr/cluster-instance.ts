// An Aurora cluster restored from a backup or to a point in time has no instance (RestoreDBClusterToPointInTime and
// AWS Backup create only the cluster): point-in-time-restore and verify-backups create one and wait, from their state
// machines, until it is available. One idempotent step: read the cluster; once it is available create the instance
// if it is missing (DBInstanceAlreadyExistsFault on a retry is read back); report where both are.
import {
  CreateDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  type RDSClient,
} from '@aws-sdk/client-rds';
import type { Recorder } from '../instance/steps.ts';

/** Statuses an instance or cluster does not leave by itself: waiting longer does not help. */
const DEAD_ENDS = [
  'failed',
  'inaccessible-encryption-credentials',
  'inaccessible-encryption-credentials-recoverable',
  'incompatible-network',
  'incompatible-parameters',
  'incompatible-restore',
  'insufficient-capacity',
  'restore-error',
  'storage-full',
];

export interface ClusterInstanceRequest {
  region: string;
  clusterId: string;
  instanceId: string;
  instanceClass: string;
  /** Tags of the instance (the cluster's run tags). */
  tags: { Key: string; Value: string }[];
}

export interface ClusterInstanceProgress {
  /** `creating`: keep waiting; `available`: done; `failed`: a status it will not leave (see `status`). */
  phase: 'creating' | 'available' | 'failed';
  clusterStatus?: string;
  instanceStatus?: string;
  /** What went wrong, when failed. */
  status?: string;
  endpoint?: string;
  readerEndpoint?: string;
  engine?: string;
}

/** Reads the cluster, creates its instance once it is available, and says where both are (DescribeDBClusters,
 *  CreateDBInstance, DescribeDBInstances). @throws the AWS error of a refused create (not DBInstanceAlreadyExists). */
export async function advanceClusterInstance(
  rds: RDSClient,
  request: ClusterInstanceRequest,
  recorder: Recorder,
): Promise<ClusterInstanceProgress> {
  const { DBClusters = [] } = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: request.clusterId }));
  const cluster = DBClusters[0];
  const base = {
    clusterStatus: cluster?.Status,
    endpoint: cluster?.Endpoint,
    readerEndpoint: cluster?.ReaderEndpoint,
    engine: cluster?.Engine,
  };
  if (DEAD_ENDS.includes(cluster?.Status ?? '')) {
    return { phase: 'failed', ...base, status: `cluster ${request.clusterId} is ${cluster?.Status}` };
  }
  if (cluster?.Status !== 'available') return { phase: 'creating', ...base };
  const member = cluster.DBClusterMembers?.find((m) => m.DBInstanceIdentifier === request.instanceId);
  if (!member) {
    await recorder.act(
      {
        action: 'rds:CreateDBInstance',
        resource: `arn:aws:rds:${request.region}:${cluster.DBClusterArn?.split(':')[4]}:db:${request.instanceId}`,
        region: request.region,
        detail: { cluster: request.clusterId, instanceClass: request.instanceClass },
      },
      () =>
        rds.send(
          new CreateDBInstanceCommand({
            DBInstanceIdentifier: request.instanceId,
            DBClusterIdentifier: request.clusterId,
            DBInstanceClass: request.instanceClass,
            Engine: cluster.Engine,
            Tags: request.tags,
          }),
        ),
      {
        alreadyDone: (error) =>
          (error as Error).name === 'DBInstanceAlreadyExistsFault' ? 'the instance exists (a retry)' : undefined,
      },
    );
    if (recorder.dryRun) return { phase: 'available', ...base, instanceStatus: 'dry-run' };
  }
  const { DBInstances = [] } = await rds.send(
    new DescribeDBInstancesCommand({ DBInstanceIdentifier: request.instanceId }),
  );
  const instanceStatus = DBInstances[0]?.DBInstanceStatus;
  if (instanceStatus === 'available') return { phase: 'available', ...base, instanceStatus };
  if (DEAD_ENDS.includes(instanceStatus ?? '')) {
    return { phase: 'failed', ...base, instanceStatus, status: `instance ${request.instanceId} is ${instanceStatus}` };
  }
  return { phase: 'creating', ...base, instanceStatus };
}
