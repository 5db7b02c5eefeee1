// Writing and removing marks. CreateTags/DeleteTags take many resources per call, but EC2 fails the whole call
// when one of them no longer exists: then each resource of that call is tagged alone, so one gone resource
// counts as done and the others still get their mark.
import { CreateTagsCommand, DeleteTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { chunk } from '../model/concurrency.ts';
import { type Item, type ItemResult, MARK_TAG } from '../model/model.ts';
import { errorMessage, errorName, isAccountUnreachable, isGone, isTransient, StopBatch } from './errors.ts';

const IDS_PER_CALL = 200;

export interface TagDeps {
  ec2: EC2Client;
  audit: AuditTrail;
}

type TagAction = 'mark' | 'unmark';

function send(ec2: EC2Client, action: TagAction, ids: string[], deleteAfter: string | undefined) {
  return action === 'mark'
    ? ec2.send(new CreateTagsCommand({ Resources: ids, Tags: [{ Key: MARK_TAG, Value: deleteAfter }] }))
    : ec2.send(new DeleteTagsCommand({ Resources: ids, Tags: [{ Key: MARK_TAG }] }));
}

async function tagOneByOne(
  deps: TagDeps,
  action: TagAction,
  items: Item[],
  deleteAfter: string | undefined,
  results: ItemResult[],
): Promise<void> {
  for (const item of items) {
    try {
      await send(deps.ec2, action, [item.resourceId], deleteAfter);
      results.push({ ...item, action, outcome: action === 'mark' ? 'marked' : 'unmarked' });
    } catch (error) {
      if (isTransient(error) || isAccountUnreachable(error)) throw new StopBatch(error);
      results.push(
        isGone(error)
          ? { ...item, action, outcome: 'already-gone' }
          : { ...item, action, outcome: 'failed', errorCode: errorName(error), message: errorMessage(error) },
      );
    }
  }
}

/**
 * Marks (with each item's deleteAfter) or unmarks the items, appending one result per item to `results` (also when
 * it throws StopBatch part-way) and one audit record per resource.
 */
export async function applyTags(deps: TagDeps, action: TagAction, items: Item[], results: ItemResult[]): Promise<void> {
  const first = results.length;
  const groups = Map.groupBy(items, (item) => item.deleteAfter ?? '');
  try {
    for (const [deleteAfter, group] of groups) {
      for (const part of chunk(group, IDS_PER_CALL)) {
        try {
          await send(
            deps.ec2,
            action,
            part.map((item) => item.resourceId),
            deleteAfter || undefined,
          );
          results.push(
            ...part.map(
              (item): ItemResult => ({ ...item, action, outcome: action === 'mark' ? 'marked' : 'unmarked' }),
            ),
          );
        } catch (error) {
          if (isTransient(error) || isAccountUnreachable(error)) throw new StopBatch(error);
          await tagOneByOne(deps, action, part, deleteAfter || undefined, results);
        }
      }
    }
  } finally {
    await deps.audit.recordMany(
      results.slice(first).map((result) => ({
        action: action === 'mark' ? 'ec2:CreateTags' : 'ec2:DeleteTags',
        resource: result.resourceId,
        region: result.region,
        account: result.accountId,
        outcome: result.outcome === 'already-gone' ? 'already-done' : result.outcome === 'failed' ? 'failed' : 'done',
        detail: {
          resourceType: result.resourceType,
          tag: MARK_TAG,
          ...(action === 'mark' ? { value: result.deleteAfter } : { reason: result.reason }),
          ...(result.errorCode ? { errorCode: result.errorCode } : {}),
        },
      })),
    );
  }
}
