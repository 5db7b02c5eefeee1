// EC2 deletes and the snapshot taken before one answer as EC2 does: DeleteVolume (services/ec2/volumes.ts),
// CreateSnapshot and DeleteSnapshot (snapshots.ts), ReleaseAddress (addresses.ts).
import {
  CreateSnapshotCommand,
  DeleteSnapshotCommand,
  DeleteVolumeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  ReleaseAddressCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { EAST, inventory } from '../nightly-cleanup/helpers.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

type AnyCommand = object;
const send = (account: SandboxAccount, command: AnyCommand): Promise<Record<string, unknown>> =>
  readBack(account, () => {
    const client = awsClient(EC2Client, EAST);
    return (client.send as (command: AnyCommand) => Promise<Record<string, unknown>>).call(client, command);
  });

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: Error) => error.name,
  );

describe('sandbox EC2 deletes: volumes, snapshots, Elastic IPs', () => {
  it('refuses to delete an attached volume, an AMI snapshot (also of a disabled AMI) and an associated address', async () => {
    const account = freshAccount();
    expect(await errorOf(send(account, new DeleteVolumeCommand({ VolumeId: 'vol-01b10000000000001' })))).toBe(
      'VolumeInUse',
    );
    expect(await errorOf(send(account, new DeleteSnapshotCommand({ SnapshotId: 'snap-01c10000000000007' })))).toBe(
      'InvalidSnapshot.InUse',
    );
    expect(
      await errorOf(send(account, new ReleaseAddressCommand({ AllocationId: 'eipalloc-01f20000000000001' }))),
    ).toBe('InvalidIPAddress.InUse');
    expect(
      await errorOf(send(account, new ReleaseAddressCommand({ AllocationId: 'eipalloc-01f20000000000003' }))),
    ).toBe('InvalidAddress.PtrSet');
  });

  it('answers NotFound for what does not exist and DryRunOperation without changing anything', async () => {
    const account = freshAccount();
    expect(await errorOf(send(account, new DeleteVolumeCommand({ VolumeId: 'vol-0aaaaaaaaaaaaaaaa' })))).toBe(
      'InvalidVolume.NotFound',
    );
    expect(await errorOf(send(account, new DeleteSnapshotCommand({ SnapshotId: 'snap-0aaaaaaaaaaaaaaaa' })))).toBe(
      'InvalidSnapshot.NotFound',
    );
    expect(
      await errorOf(send(account, new ReleaseAddressCommand({ AllocationId: 'eipalloc-0aaaaaaaaaaaaaaaa' }))),
    ).toBe('InvalidAllocationID.NotFound');
    const before = await inventory(account, EAST);
    expect(
      await errorOf(send(account, new DeleteVolumeCommand({ VolumeId: 'vol-01b20000000000001', DryRun: true }))),
    ).toBe('DryRunOperation');
    expect(await inventory(account, EAST)).toEqual(before);
  });

  it('deletes and releases what is free, and creates a pending snapshot that a later describe completes', async () => {
    const account = freshAccount();
    const created = await send(
      account,
      new CreateSnapshotCommand({
        VolumeId: 'vol-01b20000000000001',
        TagSpecifications: [
          { ResourceType: 'snapshot', Tags: [{ Key: 'autopilot:final-snapshot-of', Value: 'vol-01b20000000000001' }] },
        ],
      }),
    );
    expect(created).toMatchObject({ State: 'pending', VolumeSize: 500, VolumeId: 'vol-01b20000000000001' });
    await send(account, new DeleteVolumeCommand({ VolumeId: 'vol-01b20000000000001' }));
    await send(account, new DeleteSnapshotCommand({ SnapshotId: 'snap-01c10000000000005' }));
    await send(
      account,
      new ReleaseAddressCommand({ AllocationId: 'eipalloc-01f20000000000002', NetworkBorderGroup: EAST }),
    );

    const snapshotId = (created as { SnapshotId: string }).SnapshotId;
    const states = [];
    for (let i = 0; i < 2; i++) {
      const page = (await send(account, new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }))) as {
        Snapshots: { State: string }[];
      };
      states.push(page.Snapshots[0].State);
    }
    expect(states).toEqual(['pending', 'completed']);
    expect(await inventory(account, EAST)).not.toEqual(
      expect.arrayContaining(['vol-01b20000000000001', 'snap-01c10000000000005', 'eipalloc-01f20000000000002']),
    );
  });
});
