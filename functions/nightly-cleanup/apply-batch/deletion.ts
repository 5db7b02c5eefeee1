// Deleting one resource whose mark is due: it must still exist, still qualify and still carry a due mark (else it is
// unmarked or left alone); a volume first gets a final snapshot, and is deleted only once that has completed.
import {
  CreateSnapshotCommand,
  DeleteSnapshotCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  type EC2Client,
  ReleaseAddressCommand,
  type Tag,
  type Volume,
} from '@aws-sdk/client-ec2';
import type { Outcome as AuditOutcome, AuditTrail } from '../../shared/audit/audit.ts';
import { judgeAddress, judgeSnapshot, judgeVolume, type RulesContext, type Verdict } from '../model/classify.ts';
import { FINAL_SNAPSHOT_TAG, type Item, type ItemResult, MARK_TAG, PLAYBOOK, type SkipReason } from '../model/model.ts';
import { markOf, type Tags } from '../model/tags.ts';
import { errorMessage, errorName, isAccountUnreachable, isGone, isTransient, StopBatch } from './errors.ts';
import type { Current } from './recheck.ts';

export interface DeleteDeps {
  ec2: EC2Client;
  audit: AuditTrail;
  rules: RulesContext;
  finalSnapshot: boolean;
  executionName: string;
}

/** AWS refusals that mean "leave it", with the reason reported. */
const REFUSALS: Record<string, SkipReason | 'in-use' | 'associated'> = {
  VolumeInUse: 'in-use',
  IncorrectState: 'in-use',
  'InvalidSnapshot.InUse': 'used-by-ami',
  'InvalidIPAddress.InUse': 'associated',
  'InvalidAddress.Locked': 'locked',
  'InvalidAddress.PtrSet': 'reverse-dns',
};

// AMI use is not read again here: EC2 itself refuses to delete a registered AMI's snapshot (InvalidSnapshot.InUse,
// reported as skipped). Launch template references are as of planning, minutes earlier in the same run.
const NO_SNAPSHOT_USAGE = { images: new Map<string, string[]>(), launchTemplates: new Map<string, string[]>() };

async function audited(
  deps: DeleteDeps,
  item: Item,
  action: string,
  call: () => Promise<unknown>,
  detail: Record<string, unknown> = {},
): Promise<{ outcome: AuditOutcome; error?: unknown }> {
  let result: { outcome: AuditOutcome; error?: unknown };
  try {
    await call();
    result = { outcome: 'done' };
  } catch (error) {
    if (isTransient(error) || isAccountUnreachable(error)) throw new StopBatch(error);
    result = { outcome: isGone(error) ? 'already-done' : REFUSALS[errorName(error)] ? 'skipped' : 'failed', error };
  }
  await deps.audit.record({
    action,
    resource: item.resourceId,
    region: item.region,
    account: item.accountId,
    outcome: result.outcome,
    detail: {
      resourceType: item.resourceType,
      ...detail,
      ...(result.error ? { errorCode: errorName(result.error) } : {}),
    },
  });
  return result;
}

function resultOf(
  item: Item,
  step: { outcome: AuditOutcome; error?: unknown },
  extra: Partial<ItemResult> = {},
): ItemResult {
  const base = { ...item, action: 'delete' as const, ...extra };
  if (step.outcome === 'done') return { ...base, outcome: 'deleted' };
  if (step.outcome === 'already-done') return { ...base, outcome: 'already-gone' };
  const code = errorName(step.error);
  if (step.outcome === 'skipped')
    return { ...base, outcome: 'skipped', reason: REFUSALS[code], detail: `AWS refused: ${code}` };
  return { ...base, outcome: 'failed', errorCode: code, message: errorMessage(step.error) };
}

async function unmark(
  deps: DeleteDeps,
  item: Item,
  verdict: Exclude<Verdict, { kind: 'qualifies' }>,
): Promise<ItemResult> {
  const step = await audited(
    deps,
    item,
    'ec2:DeleteTags',
    () => deps.ec2.send(new DeleteTagsCommand({ Resources: [item.resourceId], Tags: [{ Key: MARK_TAG }] })),
    { tag: MARK_TAG, reason: verdict.reason },
  );
  const outcome = step.outcome === 'done' ? 'unmarked' : step.outcome === 'already-done' ? 'already-gone' : 'failed';
  return {
    ...item,
    action: 'unmark',
    outcome,
    reason: verdict.reason,
    ...(verdict.detail ? { detail: verdict.detail } : {}),
    ...(outcome === 'failed' ? { errorCode: errorName(step.error), message: errorMessage(step.error) } : {}),
  };
}

function finalSnapshotTags(volume: Volume, executionName: string): Tag[] {
  const kept = (volume.Tags ?? []).filter(
    (tag) => tag.Key && !tag.Key.startsWith('aws:') && !tag.Key.startsWith('autopilot:') && tag.Key !== 'Name',
  );
  const name = volume.Tags?.find((tag) => tag.Key === 'Name')?.Value;
  return [
    ...kept.slice(0, 40),
    { Key: 'Name', Value: `final snapshot of ${volume.VolumeId}${name ? ` (${name})` : ''}`.slice(0, 256) },
    { Key: FINAL_SNAPSHOT_TAG, Value: volume.VolumeId ?? '' },
    { Key: 'autopilot:origin', Value: `${PLAYBOOK} ${executionName}`.slice(0, 256) },
  ];
}

async function deleteVolume(deps: DeleteDeps, item: Item, volume: Volume, current: Current): Promise<ItemResult> {
  let finalSnapshotId: string | undefined;
  if (deps.finalSnapshot) {
    const taken = current.finalSnapshots.get(item.resourceId);
    let snapshot: { id?: string; state?: string } | undefined = taken && { id: taken.SnapshotId, state: taken.State };
    if (!snapshot) {
      const created: { id?: string; state?: string } = {};
      const step = await audited(deps, item, 'ec2:CreateSnapshot', async () => {
        const answer = await deps.ec2.send(
          new CreateSnapshotCommand({
            VolumeId: item.resourceId,
            Description: `Final snapshot of ${item.resourceId} before ${PLAYBOOK} deleted it (${deps.executionName})`,
            TagSpecifications: [{ ResourceType: 'snapshot', Tags: finalSnapshotTags(volume, deps.executionName) }],
          }),
        );
        Object.assign(created, { id: answer.SnapshotId, state: answer.State });
      });
      if (step.outcome !== 'done')
        return { ...resultOf(item, step), detail: `final snapshot not taken: ${errorName(step.error)}` };
      snapshot = created;
    }
    finalSnapshotId = snapshot.id;
    if (snapshot.state !== 'completed')
      return { ...item, action: 'delete', outcome: 'awaiting-final-snapshot', finalSnapshotId };
  }
  const step = await audited(
    deps,
    item,
    'ec2:DeleteVolume',
    () => deps.ec2.send(new DeleteVolumeCommand({ VolumeId: item.resourceId })),
    finalSnapshotId ? { finalSnapshotId } : {},
  );
  return resultOf(item, step, finalSnapshotId ? { finalSnapshotId } : {});
}

/** What the rules say about the resource as it is now; undefined when it is gone. */
function judgeNow(item: Item, current: Current, ctx: RulesContext): { verdict: Verdict; tags: Tags } | undefined {
  if (item.resourceType === 'volume') {
    const volume = current.volumes.get(item.resourceId);
    return volume && { verdict: judgeVolume(volume, ctx), tags: volume.Tags };
  }
  if (item.resourceType === 'snapshot') {
    const snapshot = current.snapshots.get(item.resourceId);
    return snapshot && { verdict: judgeSnapshot(snapshot, NO_SNAPSHOT_USAGE, ctx), tags: snapshot.Tags };
  }
  const address = current.addresses.get(item.resourceId);
  return address && { verdict: judgeAddress(address, current.dns.get(item.resourceId), ctx), tags: address.Tags };
}

/** Deletes one due item (see the file comment); never throws for the item itself, only StopBatch. */
export async function deleteItem(deps: DeleteDeps, item: Item, current: Current): Promise<ItemResult> {
  const ctx = deps.rules;
  const now = judgeNow(item, current, ctx);
  if (!now) {
    await deps.audit.record({
      action: `delete ${item.resourceType}`,
      resource: item.resourceId,
      region: item.region,
      account: item.accountId,
      outcome: 'already-done',
      detail: { resourceType: item.resourceType },
    });
    return { ...item, action: 'delete', outcome: 'already-gone' };
  }
  const { verdict, tags } = now;
  if (verdict.kind !== 'qualifies') return unmark(deps, item, verdict);
  const mark = markOf(tags, ctx.now);
  if (mark.state !== 'due') {
    const what =
      mark.state === 'none'
        ? 'no mark any more'
        : mark.state === 'invalid'
          ? `mark "${mark.value}"`
          : `mark ${mark.deleteAfter} not due`;
    return { ...item, action: 'delete', outcome: 'skipped', detail: `${what}: not deleted` };
  }
  if (item.resourceType === 'volume') return deleteVolume(deps, item, current.volumes.get(item.resourceId)!, current);
  if (item.resourceType === 'snapshot') {
    const step = await audited(deps, item, 'ec2:DeleteSnapshot', () =>
      deps.ec2.send(new DeleteSnapshotCommand({ SnapshotId: item.resourceId })),
    );
    return resultOf(item, step);
  }
  const address = current.addresses.get(item.resourceId)!;
  const step = await audited(deps, item, 'ec2:ReleaseAddress', () =>
    deps.ec2.send(
      new ReleaseAddressCommand({
        AllocationId: item.resourceId,
        ...(address.NetworkBorderGroup ? { NetworkBorderGroup: address.NetworkBorderGroup } : {}),
      }),
    ),
  );
  return resultOf(item, step);
}
