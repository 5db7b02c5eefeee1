// How point-in-time-restore marks the cluster it creates: the execution (a retry takes the cluster up again, any
// other existing cluster of that name is refused), who made it, from what and as of when.
import type { DatabasePlan } from './plan/plan.ts';

/** The tag that names the execution a restored cluster belongs to. */
export const EXECUTION_TAG = 'autopilot:execution';

/** The tags of the restored cluster (RestoreDBClusterToPointInTime Tags, AddTagsToResource): execution, creator, source, restore time. */
export function restoreTags(plan: DatabasePlan, executionName: string) {
  return [
    { Key: EXECUTION_TAG, Value: executionName },
    { Key: 'autopilot:created-by', Value: 'point-in-time-restore' },
    { Key: 'autopilot:restored-from', Value: plan.sourceClusterId },
    { Key: 'autopilot:restore-time', Value: plan.restoreTime },
  ];
}
