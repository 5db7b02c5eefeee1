// One batch of a run: marks, unmarks or deletions with at most `concurrency` calls in flight. A failure of one
// resource never fails the batch (it is reported); persistent throttling stops it part-way, keeping the results so
// the state machine's retry (with backoff) resumes where it stopped. Items awaiting their final snapshot are
// handled again on the next pass.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import type { RulesContext } from '../model/classify.ts';
import { mapLimit } from '../model/concurrency.ts';
import type { Batch, ItemResult } from '../model/model.ts';
import { deleteItem } from './deletion.ts';
import { StopBatch } from './errors.ts';
import { describeCurrent } from './recheck.ts';
import { applyTags } from './tagging.ts';

export interface ApplyDeps {
  ec2: EC2Client;
  audit: AuditTrail;
  rules: RulesContext;
  finalSnapshot: boolean;
  concurrency: number;
  executionName: string;
}

export interface Applied {
  results: ItemResult[];
  /** Set when AWS kept throttling: the items without a result are left for the retry. */
  stopped?: StopBatch;
}

const finished = (result: ItemResult) => result.outcome !== 'awaiting-final-snapshot';

export async function applyBatch(batch: Batch, deps: ApplyDeps): Promise<Applied> {
  const kept = (batch.results ?? []).filter(finished);
  const done = new Set(kept.map((result) => result.resourceId));
  const todo = batch.items.filter((item) => !done.has(item.resourceId));
  const results: ItemResult[] = [...kept];
  let stopped: StopBatch | undefined;
  try {
    if (batch.action !== 'delete') {
      await applyTags(deps, batch.action, todo, results);
    } else if (todo.length) {
      const current = await describeCurrent(deps.ec2, todo, deps.finalSnapshot);
      await mapLimit(
        todo,
        deps.concurrency,
        async (item) => {
          try {
            results.push(await deleteItem(deps, item, current));
          } catch (error) {
            if (!(error instanceof StopBatch)) throw error;
            stopped ??= error;
          }
        },
        () => stopped !== undefined,
      );
    }
  } catch (error) {
    if (!(error instanceof StopBatch)) throw error;
    stopped ??= error;
  }
  // In the batch's order, so reports and retries are stable.
  const order = new Map(batch.items.map((item, index) => [item.resourceId, index]));
  results.sort((a, b) => (order.get(a.resourceId) ?? 0) - (order.get(b.resourceId) ?? 0));
  return { results, stopped };
}
