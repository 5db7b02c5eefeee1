// After a pass over the batches: which deletion batches still have volumes waiting for their final snapshot. Their
// list goes to S3 (work/<execution>/batch-lists/pass-<n>.json) for the next pass of the apply Map; the state machine
// waits and runs those batches again until none waits or maxPolls is reached (the volumes then stay marked and due,
// and a later run deletes them once their snapshot has completed).
import type { Batch } from '../model/model.ts';
import { type BatchRef, batchListKey, type WorkStore, workPrefix } from '../model/work.ts';
import { getJson } from '../model/work-get.ts';
import { listKeys } from '../model/work-list.ts';
import { putJson } from '../model/work-put.ts';

/** What the state machine gets back: the next pass's batch list and counts (the same shape as the gate's). */
export interface Progress {
  stopped: false;
  batches: { bucket: string; key: string };
  batchCount: number;
  awaitingCount: number;
  poll: number;
  maxPolls: number;
  waitSeconds: number;
}

/** Reads every deletion batch of the run, writes the list of those still awaiting a final snapshot. */
export async function progress(
  store: WorkStore,
  executionName: string,
  poll: number,
  finalSnapshot: { maxPolls: number; waitSeconds: number },
): Promise<Progress> {
  const keys = (await listKeys(store, `${workPrefix(executionName)}batches/`)).filter((key) =>
    /-delete-\d+\.json$/.test(key),
  );
  const waiting: BatchRef[] = [];
  let awaitingCount = 0;
  for (const key of keys) {
    const batch = await getJson<Batch>(store, key);
    const awaiting = (batch.results ?? []).filter((result) => result.outcome === 'awaiting-final-snapshot').length;
    if (awaiting) waiting.push({ key, accountId: batch.accountId, region: batch.region, action: batch.action });
    awaitingCount += awaiting;
  }
  const next = poll + 1;
  const listKey = batchListKey(executionName, next);
  await putJson(store, listKey, waiting);
  return {
    stopped: false,
    batches: { bucket: store.bucket, key: listKey },
    batchCount: waiting.length,
    awaitingCount,
    poll: next,
    maxPolls: finalSnapshot.maxPolls,
    waitSeconds: finalSnapshot.waitSeconds,
  };
}
