// EBS snapshots: DescribeSnapshots (OwnerIds, ids, filters, MaxResults 5..1000 + NextToken). A snapshot progresses
// like on AWS: it is 'pending' when created and a DescribeSnapshots that returns it as pending also completes it, so
// the next describe shows 'completed' (a playbook polling for completion sees one pending round, then completed).
import type { DescribeSnapshotsRequest } from '@aws-sdk/client-ec2';
import type { Ec2State } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { ec2PageSize, invalidEc2Token, requireByIds } from './resources.ts';

type SnapshotRec = Ec2State['snapshots'][number];

const SNAPSHOT_FILTERS: FilterFields<SnapshotRec> = {
  description: (s) => s.Description,
  encrypted: (s) => s.Encrypted,
  'owner-alias': (s) => s.OwnerAlias,
  'owner-id': (s) => s.OwnerId,
  progress: (s) => s.Progress,
  'snapshot-id': (s) => s.SnapshotId,
  'start-time': (s) => s.StartTime,
  status: (s) => s.State,
  'storage-tier': (s) => s.StorageTier,
  'volume-id': (s) => s.VolumeId,
  'volume-size': (s) => s.VolumeSize,
};

/** OwnerIds: 'self' or our account id select our snapshots; 'amazon' / other accounts own none in the sandbox. */
function ownedBy(ctx: HandlerContext, snapshot: SnapshotRec, ownerIds: string[] | undefined): boolean {
  if (!ownerIds?.length) return true;
  return ownerIds.some((owner) => (owner === 'self' ? ctx.accountId : owner) === snapshot.OwnerId);
}

function describeSnapshots(ctx: HandlerContext, input: DescribeSnapshotsRequest) {
  const pageSize = ec2PageSize(input, 'SnapshotIds', { min: 5, max: 1000 });
  const selected = input.SnapshotIds?.length
    ? requireByIds<SnapshotRec>(ctx, 'snapshots', input.SnapshotIds)
    : ctx.regional.ec2.snapshots;
  const owned = selected.filter((s) => ownedBy(ctx, s, input.OwnerIds));
  const matching = applyFilters(owned, input.Filters, SNAPSHOT_FILTERS);
  const page = paginate(matching, (s) => s.SnapshotId, {
    token: input.NextToken,
    pageSize,
    invalidToken: invalidEc2Token,
  });
  // Answer first (a copy of the pending record), then complete: the caller observes one pending round.
  const answer = page.items.map((s) => ({ ...s }));
  for (const snapshot of page.items) completeIfPending(ctx, snapshot);
  return { Snapshots: answer, NextToken: page.nextToken };
}

function completeIfPending(ctx: HandlerContext, snapshot: SnapshotRec): void {
  if (snapshot.State !== 'pending') return;
  snapshot.State = 'completed';
  snapshot.Progress = '100%';
  snapshot.CompletionTime = ctx.now().toISOString();
}

export const snapshotHandlers: Handlers = {
  DescribeSnapshots: describeSnapshots,
};
