// After a pass over the batches: which deletion batches still have volumes waiting for their final snapshot. The
// state machine waits and runs those batches again until none waits or maxPolls is reached (the volumes then stay
// marked and due, and a later run deletes them once their snapshot has completed).
import type { Batch } from '../model/model.ts';
import { type WorkStore, workPrefix } from '../model/work.ts';
import { getJson } from '../model/work-get.ts';
import { listKeys } from '../model/work-list.ts';

export interface Progress {
  stopped: false;
  batches: string[];
  batchCount: number;
  awaitingCount: number;
  poll: number;
  maxPolls: number;
  waitSeconds: number;
}

export async function progress(
  store: WorkStore,
  executionName: string,
  poll: number,
  finalSnapshot: { maxPolls: number; waitSeconds: number },
): Promise<Progress> {
  const keys = (await listKeys(store, `${workPrefix(executionName)}batches/`)).filter((key) =>
    /-delete-\d+\.json$/.test(key),
  );
  const waiting: string[] = [];
  let awaitingCount = 0;
  for (const key of keys) {
    const batch = await getJson<Batch>(store, key);
    const awaiting = (batch.results ?? []).filter((result) => result.outcome === 'awaiting-final-snapshot').length;
    if (awaiting) waiting.push(key);
    awaitingCount += awaiting;
  }
  return {
    stopped: false,
    batches: waiting,
    batchCount: waiting.length,
    awaitingCount,
    poll: poll + 1,
    maxPolls: finalSnapshot.maxPolls,
    waitSeconds: finalSnapshot.waitSeconds,
  };
}
