// Right before deleting, the batch reads its resources again (filters, not ids: a resource that has gone since
// planning is simply absent instead of failing the call), and the final snapshots already taken for its volumes.
import {
  type Address,
  DescribeAddressesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  type EC2Client,
  type Snapshot,
  type Volume,
} from '@aws-sdk/client-ec2';
import type { ReverseDns } from '../model/classify.ts';
import { FINAL_SNAPSHOT_TAG, type Item } from '../model/model.ts';
import { reverseDns } from '../model/reverse-dns.ts';
import { tagValue } from '../model/tags.ts';

export interface Current {
  volumes: Map<string, Volume>;
  snapshots: Map<string, Snapshot>;
  addresses: Map<string, Address>;
  dns: Map<string, ReverseDns>;
  /** Volume id -> its newest final snapshot that has not failed. */
  finalSnapshots: Map<string, Snapshot>;
}

const idsOf = (items: Item[], type: Item['resourceType']) =>
  items.filter((item) => item.resourceType === type).map((item) => item.resourceId);

async function describeVolumes(ec2: EC2Client, ids: string[]): Promise<Volume[]> {
  const volumes: Volume[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'volume-id', Values: ids }], NextToken }),
    );
    volumes.push(...(page.Volumes ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return volumes;
}

export async function describeSnapshots(
  ec2: EC2Client,
  filter: { Name: string; Values: string[] },
): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [filter], NextToken }));
    snapshots.push(...(page.Snapshots ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return snapshots;
}

export async function describeCurrent(ec2: EC2Client, items: Item[], finalSnapshots: boolean): Promise<Current> {
  const current: Current = {
    volumes: new Map(),
    snapshots: new Map(),
    addresses: new Map(),
    dns: new Map(),
    finalSnapshots: new Map(),
  };
  const volumeIds = idsOf(items, 'volume');
  const snapshotIds = idsOf(items, 'snapshot');
  const allocationIds = idsOf(items, 'address');
  if (volumeIds.length) {
    for (const volume of await describeVolumes(ec2, volumeIds)) current.volumes.set(volume.VolumeId ?? '', volume);
    if (finalSnapshots) {
      const taken = await describeSnapshots(ec2, { Name: `tag:${FINAL_SNAPSHOT_TAG}`, Values: volumeIds });
      for (const snapshot of taken.filter((s) => s.State !== 'error')) {
        const volumeId = tagValue(snapshot.Tags, FINAL_SNAPSHOT_TAG) ?? '';
        const known = current.finalSnapshots.get(volumeId);
        if (!known || (snapshot.StartTime?.getTime() ?? 0) > (known.StartTime?.getTime() ?? 0)) {
          current.finalSnapshots.set(volumeId, snapshot);
        }
      }
    }
  }
  if (snapshotIds.length) {
    const found = await describeSnapshots(ec2, { Name: 'snapshot-id', Values: snapshotIds });
    for (const snapshot of found) current.snapshots.set(snapshot.SnapshotId ?? '', snapshot);
  }
  if (allocationIds.length) {
    const page = await ec2.send(
      new DescribeAddressesCommand({ Filters: [{ Name: 'allocation-id', Values: allocationIds }] }),
    );
    for (const address of page.Addresses ?? []) current.addresses.set(address.AllocationId ?? '', address);
    current.dns = await reverseDns(ec2, [...current.addresses.keys()]);
  }
  return current;
}
