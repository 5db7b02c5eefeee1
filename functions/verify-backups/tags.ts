// How verify-backups marks what it creates, so its own cleanup, the sweep of later runs and the humans reading the
// console know a restored resource is a test copy: the run, when it started, who made it. Restored databases,
// instances and buckets are also named with one prefix, and the functions' roles may delete only such names.

/** Value: the execution name of the run that restored it. */
export const TEST_TAG = 'autopilot:restore-test';
/** Value: when that run started (ISO); the sweep deletes leftovers older than sweepAfterHours. */
export const STARTED_TAG = 'autopilot:restore-test-started';
export const CREATED_BY_TAG = 'autopilot:created-by';
export const PLAYBOOK = 'verify-backups';

/** Prefix of every restored database, instance and bucket name. */
export const NAME_PREFIX = 'autopilot-verify-';

export function runTags(executionName: string, startedAt: string): { Key: string; Value: string }[] {
  return [
    { Key: TEST_TAG, Value: executionName },
    { Key: STARTED_TAG, Value: startedAt },
    { Key: CREATED_BY_TAG, Value: PLAYBOOK },
  ];
}

type Tags = { Key?: string; Value?: string }[] | undefined;

/** Carries the marks of a verify-backups run (any run). */
export const isTestCopy = (tags: Tags) =>
  Boolean(tags?.some((t) => t.Key === CREATED_BY_TAG && t.Value === PLAYBOOK) && tags?.some((t) => t.Key === TEST_TAG));

/** When the run that made it started, from its tags. */
export const startedOf = (tags: Tags) => tags?.find((t) => t.Key === STARTED_TAG)?.Value;
