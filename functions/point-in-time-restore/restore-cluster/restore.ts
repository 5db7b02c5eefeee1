// RestoreDBClusterToPointInTime into a new cluster, tagged with the execution, its source and the restore time. The
// source is only read. A retry that finds the cluster this execution created goes on with it; any other existing
// cluster of that name was refused by the plan already.
import { type RDSClient, RestoreDBClusterToPointInTimeCommand } from '@aws-sdk/client-rds';
import type { Recorder } from '../../shared/instance/steps.ts';
import type { DatabasePlan } from '../plan/plan.ts';
import { restoreTags } from '../tags.ts';

/** Starts the restore (or records it as a dry run). */
export async function restoreCluster(
  rds: RDSClient,
  plan: DatabasePlan,
  executionName: string,
  recorder: Recorder,
): Promise<{ started: boolean }> {
  if (plan.resumed) {
    recorder.note({
      action: 'rds:RestoreDBClusterToPointInTime',
      resource: plan.targetClusterId,
      region: plan.region,
      outcome: 'already-done',
      detail: { source: plan.sourceClusterId, restoreTime: plan.restoreTime, why: 'created by this execution before' },
    });
    return { started: false };
  }
  await recorder.act(
    {
      action: 'rds:RestoreDBClusterToPointInTime',
      resource: plan.targetClusterId,
      region: plan.region,
      detail: {
        source: plan.sourceClusterId,
        restoreTime: plan.restoreTime,
        subnetGroup: plan.subnetGroup,
        securityGroups: plan.securityGroupIds,
      },
    },
    () =>
      rds.send(
        new RestoreDBClusterToPointInTimeCommand({
          SourceDBClusterIdentifier: plan.sourceClusterId,
          DBClusterIdentifier: plan.targetClusterId,
          ...(plan.restoreTime === 'latest'
            ? { UseLatestRestorableTime: true }
            : { RestoreToTime: new Date(plan.restoreTime) }),
          DBSubnetGroupName: plan.subnetGroup,
          VpcSecurityGroupIds: plan.securityGroupIds,
          Tags: restoreTags(plan, executionName),
          DeletionProtection: false,
        }),
      ),
  );
  return { started: !recorder.dryRun };
}
