// Where the database of a failover stands. An Aurora global database: done when the secondary cluster is the
// global cluster's writer and no switchover or failover is in progress. A cross-region replica cluster: done when it
// replicates from nothing, is available and has a writer. Reading only: promote/promote.ts changes.
import {
  DescribeDBClustersCommand,
  DescribeGlobalClustersCommand,
  type GlobalCluster,
  type RDSClient,
} from '@aws-sdk/client-rds';
import type { RegionalFailoverSettings } from './config.ts';

export type Database = RegionalFailoverSettings['database'];

export interface DatabaseState {
  /** The secondary cluster's ARN, status, and whether it writes now. */
  secondaryArn?: string;
  secondaryStatus?: string;
  secondaryWrites: boolean;
  /** global: the switchover or failover in progress (its status), if any. */
  moving?: string;
  /** replica: where it still replicates from. */
  replicatesFrom?: string;
  /** global: the writing member now. */
  writer?: string;
  global?: GlobalCluster;
}

/** Where the database stands (DescribeDBClusters; DescribeGlobalClusters for a global database). */
export async function databaseState(rds: RDSClient, database: Database): Promise<DatabaseState> {
  let cluster: Awaited<ReturnType<typeof describeCluster>>;
  try {
    cluster = await describeCluster(rds, database.secondaryClusterId);
  } catch (error) {
    if ((error as Error).name === 'DBClusterNotFoundFault') return { secondaryWrites: false };
    throw error;
  }
  const base = { secondaryArn: cluster?.DBClusterArn, secondaryStatus: cluster?.Status };
  if (database.kind === 'replica-cluster') {
    const writes =
      !cluster?.ReplicationSourceIdentifier && Boolean(cluster?.DBClusterMembers?.some((m) => m.IsClusterWriter));
    return { ...base, secondaryWrites: writes, replicatesFrom: cluster?.ReplicationSourceIdentifier };
  }
  const { GlobalClusters = [] } = await rds.send(
    new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: database.globalClusterId }),
  );
  const global = GlobalClusters[0];
  const writer = global?.GlobalClusterMembers?.find((m) => m.IsWriter)?.DBClusterArn;
  return {
    ...base,
    global,
    writer,
    moving: global?.FailoverState?.Status,
    secondaryWrites: Boolean(writer && writer === cluster?.DBClusterArn && !global?.FailoverState),
  };
}

async function describeCluster(rds: RDSClient, id: string) {
  return (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters?.[0];
}
