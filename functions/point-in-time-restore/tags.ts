// How point-in-time-restore marks the cluster it creates: the execution (a retry takes the cluster up again, any
// other existing cluster of that name is refused), who made it, from what and as of when.
/** The tag that names the execution a restored cluster belongs to. */
export const EXECUTION_TAG = 'autopilot:execution';

/** The tags of the restored cluster (RestoreDBClusterToPointInTime Tags, AddTagsToResource): execution, creator, source, restore time. */
// Takes only the two plan fields it tags with (a structural type, so the plan module can import EXECUTION_TAG
// without an import circle).
export function restoreTags(plan: { sourceClusterId: string; restoreTime: string }, executionName: string) {
  return [
    { Key: EXECUTION_TAG, Value: executionName },
    { Key: 'autopilot:created-by', Value: 'point-in-time-restore' },
    { Key: 'autopilot:restored-from', Value: plan.sourceClusterId },
    { Key: 'autopilot:restore-time', Value: plan.restoreTime },
  ];
}
