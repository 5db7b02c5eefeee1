import { DescribeAddressesCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { HOLD_TAG } from '../../functions/shared/holds/holds.ts';
import { account, BASTION, contain, release } from '../support/instance.ts';
import { readBack } from '../support/sandbox.ts';
import { cleanupConfig, EAST, reportOf, runCleanup, setTags } from './helpers.ts';

const DAY = 86_400_000;
const ec2 = () => awsClient(EC2Client, EAST);

describe('what contain-instance holds for a case, nightly-cleanup never touches', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps the forensic snapshots and the disassociated Elastic IP through mark and delete runs, and says why', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2026-06-01T06:00:00Z');
    vi.setSystemTime(start);
    const on = account();
    const contained = await contain(on, { instanceId: BASTION, reason: 'SOC ticket SEC-42' }, { approval: 'approve' });
    expect(contained.status).toBe('SUCCEEDED');
    const held = await readBack(on, async () => ({
      snapshots: ((await ec2().send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))).Snapshots ?? []).filter(
        (snapshot) => snapshot.Tags?.some((tag) => tag.Key === HOLD_TAG),
      ),
      addresses: ((await ec2().send(new DescribeAddressesCommand({}))).Addresses ?? []).filter((address) =>
        address.Tags?.some((tag) => tag.Key === HOLD_TAG),
      ),
    }));
    expect(held.snapshots.length).toBeGreaterThan(0);
    expect(held.addresses).toHaveLength(1);
    expect(held.addresses[0].AssociationId).toBeUndefined();
    const heldIds = [...held.snapshots.map((s) => s.SnapshotId!), held.addresses[0].AllocationId!];

    // 120 days later the snapshots are older than snapshotAgeDays and the address is unassociated: candidates,
    // but for the hold. A mark placed by hand (or before the hold existed) is due: a delete run must still refuse.
    vi.setSystemTime(new Date(start.getTime() + 120 * DAY));
    const config = cleanupConfig((settings) => {
      settings.mode = 'delete';
    });
    await setTags(on, EAST, heldIds, { 'autopilot:delete-after': '2026-07-01' });
    const run = await runCleanup(on, { mode: 'delete' }, config);
    expect(run.status).toBe('SUCCEEDED');

    const report = await reportOf(on, run);
    for (const id of heldIds) {
      const item = report.items.find((candidate) => candidate.resourceId === id);
      expect(item, id).toMatchObject({ reason: 'held' });
      expect(String(item?.detail)).toContain('contain-instance/case-');
    }
    const destroyed = [...on.callsTo('EC2', 'DeleteSnapshot'), ...on.callsTo('EC2', 'ReleaseAddress')].map((call) =>
      JSON.stringify(call.input),
    );
    expect(destroyed.filter((input) => heldIds.some((id) => input.includes(id)))).toEqual([]);

    // The release gives the address back and lets go of its hold; the evidence stays held.
    const released = await release(on, { instanceId: BASTION, reason: 'false positive' }, { approval: 'approve' });
    expect(released.status).toBe('SUCCEEDED');
    const after = await readBack(on, async () => ({
      address: (await ec2().send(new DescribeAddressesCommand({ AllocationIds: [heldIds.at(-1)!] }))).Addresses?.[0],
      snapshots:
        (await ec2().send(new DescribeSnapshotsCommand({ SnapshotIds: heldIds.slice(0, -1) }))).Snapshots ?? [],
    }));
    expect(after.address?.AssociationId).toBeDefined();
    expect(after.address?.Tags?.some((tag) => tag.Key === HOLD_TAG)).toBe(false);
    expect(after.snapshots.every((snapshot) => snapshot.Tags?.some((tag) => tag.Key === HOLD_TAG))).toBe(true);
  });
});
