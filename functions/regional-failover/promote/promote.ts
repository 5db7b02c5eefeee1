// Promotes the secondary database. An Aurora global database: SwitchoverGlobalCluster for a planned failover (no
// data loss: Aurora waits for the secondary to catch up), FailoverGlobalCluster with AllowDataLoss for an unplanned
// one. A cross-region replica cluster (the runbook's path): PromoteReadReplicaDBCluster. Nothing when the secondary
// writes already or a switchover is under way.
import {
  FailoverGlobalClusterCommand,
  PromoteReadReplicaDBClusterCommand,
  type RDSClient,
  SwitchoverGlobalClusterCommand,
} from '@aws-sdk/client-rds';
import type { Recorder } from '../../shared/instance/steps.ts';
import { type Database, databaseState } from '../database.ts';

/** Starts the promotion the mode calls for (or notes it done already). */
export async function promote(
  rds: RDSClient,
  database: Database,
  mode: 'planned' | 'unplanned',
  region: string,
  recorder: Recorder,
): Promise<{ action: string }> {
  const state = await databaseState(rds, database);
  const resource = state.secondaryArn ?? database.secondaryClusterId;
  if (state.secondaryWrites) {
    recorder.note({
      action: 'rds:promote',
      resource,
      region,
      outcome: 'already-done',
      detail: { why: 'the secondary cluster writes already' },
    });
    return { action: 'none' };
  }
  if (database.kind === 'replica-cluster') {
    await recorder.act(
      { action: 'rds:PromoteReadReplicaDBCluster', resource, region, detail: { from: state.replicatesFrom } },
      () => rds.send(new PromoteReadReplicaDBClusterCommand({ DBClusterIdentifier: database.secondaryClusterId })),
    );
    return { action: 'PromoteReadReplicaDBCluster' };
  }
  if (state.moving) {
    recorder.note({
      action: 'rds:promote',
      resource,
      region,
      outcome: 'already-done',
      detail: { why: `a switchover or failover is ${state.moving}` },
    });
    return { action: 'in-progress' };
  }
  const target = { GlobalClusterIdentifier: database.globalClusterId, TargetDbClusterIdentifier: state.secondaryArn };
  if (mode === 'planned') {
    await recorder.act(
      {
        action: 'rds:SwitchoverGlobalCluster',
        resource,
        region,
        detail: { globalCluster: database.globalClusterId, from: state.writer },
      },
      () => rds.send(new SwitchoverGlobalClusterCommand(target)),
    );
    return { action: 'SwitchoverGlobalCluster' };
  }
  await recorder.act(
    {
      action: 'rds:FailoverGlobalCluster',
      resource,
      region,
      detail: { globalCluster: database.globalClusterId, from: state.writer, allowDataLoss: true },
    },
    () => rds.send(new FailoverGlobalClusterCommand({ ...target, AllowDataLoss: true })),
  );
  return { action: 'FailoverGlobalCluster' };
}
