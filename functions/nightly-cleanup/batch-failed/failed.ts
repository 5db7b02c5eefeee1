// The Catch of the apply Map's batch step: when a batch failed for good (its account's member role could not be
// assumed, AWS kept throttling after the state machine's retries, ...), its items without a result become `failed`
// with the error, so the report lists them and the run goes on with the other batches. Nothing in AWS is touched.
import { causeMessage } from '../../shared/errors/errors.ts';
import type { Batch, ItemResult } from '../model/model.ts';

/**
 * The batch with one result per item: the results it had (also those awaiting their final snapshot, which a later
 * pass or run takes up) and `failed` with `error` for the items it never reached.
 */
export function failRemaining(batch: Batch, error: { Error: string; Cause?: string }): Batch {
  const kept = batch.results ?? [];
  const done = new Set(kept.map((result) => result.resourceId));
  const message = causeMessage(error.Cause).slice(0, 500);
  const failed: ItemResult[] = batch.items
    .filter((item) => !done.has(item.resourceId))
    .map((item) => ({ ...item, action: batch.action, outcome: 'failed', errorCode: error.Error, message }));
  const order = new Map(batch.items.map((item, index) => [item.resourceId, index]));
  const results = [...kept, ...failed].sort((a, b) => (order.get(a.resourceId) ?? 0) - (order.get(b.resourceId) ?? 0));
  return { ...batch, results };
}
