// EC2 core estate reads and tags, through the real EC2Client.
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeAddressesAttributeCommand,
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
  DescribeVolumesCommand,
  EC2Client,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { errorOf, useSandbox } from './helpers.ts';

const ec2 = () => awsClient(EC2Client, 'us-east-1');

describe('EC2 pagination', () => {
  const account = useSandbox();

  it('DescribeVolumes returns every volume exactly once over pages of 5', async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeVolumes({ client: ec2(), pageSize: 5 }, {})) {
      pages++;
      expect(page.Volumes!.length).toBeLessThanOrEqual(5);
      ids.push(...page.Volumes!.map((v) => v.VolumeId!));
    }
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      account()
        .state.regions['us-east-1'].ec2.volumes.map((v) => v.VolumeId)
        .sort(),
    );
  });

  it('DescribeSnapshots pages stay exact while the caller deletes what it listed', async () => {
    const snapshots = account().state.regions['us-east-1'].ec2.snapshots;
    const total = snapshots.length;
    const seen: string[] = [];
    for await (const page of paginateDescribeSnapshots({ client: ec2(), pageSize: 5 }, { OwnerIds: ['self'] })) {
      for (const s of page.Snapshots!) {
        seen.push(s.SnapshotId!);
        snapshots.splice(
          snapshots.findIndex((x) => x.SnapshotId === s.SnapshotId),
          1,
        ); // as a cleanup would
      }
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('DescribeInstances pages over instances and groups them by reservation', async () => {
    const out = await ec2().send(new DescribeInstancesCommand({ MaxResults: 5 }));
    expect(out.NextToken).toBeUndefined();
    const byReservation = Object.fromEntries(out.Reservations!.map((r) => [r.ReservationId, r.Instances!.length]));
    expect(byReservation).toEqual({ 'r-01e10000000000001': 2, 'r-01e10000000000002': 1, 'r-01e100000000000b1': 1 });
  });

  it('rejects MaxResults below 5, MaxResults with ids, and tokens it did not issue', async () => {
    expect((await errorOf(ec2().send(new DescribeVolumesCommand({ MaxResults: 3 })))).name).toBe(
      'InvalidParameterValue',
    );
    const combo = await errorOf(
      ec2().send(new DescribeVolumesCommand({ MaxResults: 5, VolumeIds: ['vol-01b20000000000001'] })),
    );
    expect(combo.name).toBe('InvalidParameterCombination');
    const token = await errorOf(ec2().send(new DescribeSnapshotsCommand({ MaxResults: 5, NextToken: 'bogus' })));
    expect(token.name).toBe('InvalidPaginationToken');
  });
});

describe('EC2 reads', () => {
  const account = useSandbox();

  it('filters volumes by status, tag and attachment, with wildcards', async () => {
    const available = await ec2().send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'status', Values: ['available'] }] }),
    );
    expect(available.Volumes!.every((v) => v.State === 'available' && v.Attachments!.length === 0)).toBe(true);
    expect(available.Volumes).toHaveLength(8);
    const exempt = await ec2().send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'tag:autopilot:exempt', Values: ['true'] }] }),
    );
    expect(exempt.Volumes!.map((v) => v.VolumeId)).toEqual(['vol-01b20000000000005']);
    const attached = await ec2().send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: ['i-01a10000000000001'] }] }),
    );
    expect(attached.Volumes!.map((v) => v.Attachments![0].Device).sort()).toEqual(['/dev/sdf', '/dev/xvda']);
    const wildcard = await ec2().send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Name', Values: ['idp-api-gateway-?-root'] }] }),
    );
    expect(wildcard.Volumes).toHaveLength(3);
    expect(available.Volumes![0].CreateTime).toBeInstanceOf(Date);
  });

  it('answers unknown and malformed ids and unknown filters with EC2 error codes', async () => {
    const missing = await errorOf(ec2().send(new DescribeVolumesCommand({ VolumeIds: ['vol-0123456789abcdef0'] })));
    expect(missing).toMatchObject({ name: 'InvalidVolume.NotFound', $fault: 'client' });
    expect(missing.message).toContain('vol-0123456789abcdef0');
    const malformed = await errorOf(ec2().send(new DescribeSnapshotsCommand({ SnapshotIds: ['snap-xyz'] })));
    expect(malformed.name).toBe('InvalidSnapshotID.Malformed');
    const filter = await errorOf(
      ec2().send(new DescribeVolumesCommand({ Filters: [{ Name: 'state', Values: ['x'] }] })),
    );
    expect(filter.name).toBe('InvalidParameterValue');
  });

  it('a pending snapshot is reported pending once, then completed', async () => {
    const ask = () => ec2().send(new DescribeSnapshotsCommand({ SnapshotIds: ['snap-01c10000000000011'] }));
    const first = (await ask()).Snapshots![0];
    expect(first).toMatchObject({ State: 'pending', Progress: '42%' });
    const second = (await ask()).Snapshots![0];
    expect(second).toMatchObject({ State: 'completed', Progress: '100%' });
    expect(second.CompletionTime).toBeInstanceOf(Date);
    expect(
      account().state.regions['us-east-1'].ec2.snapshots.find((s) => s.SnapshotId === 'snap-01c10000000000011')?.State,
    ).toBe('completed');
  });

  it('DescribeImages hides disabled AMIs unless IncludeDisabled, and shows the snapshots behind them', async () => {
    const visible = await ec2().send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(visible.Images!.map((i) => i.ImageId).sort()).toEqual(['ami-01d10000000000001', 'ami-01d10000000000003']);
    const all = await ec2().send(new DescribeImagesCommand({ Owners: ['self'], IncludeDisabled: true }));
    const disabled = all.Images!.find((i) => i.State === 'disabled')!;
    expect(disabled.BlockDeviceMappings![0].Ebs!.SnapshotId).toBe('snap-01c10000000000007');
    expect(typeof disabled.CreationDate).toBe('string'); // a string in the EC2 API, not a Date
    const bySnapshot = await ec2().send(
      new DescribeImagesCommand({
        Filters: [{ Name: 'block-device-mapping.snapshot-id', Values: ['snap-01c10000000000006'] }],
      }),
    );
    expect(bySnapshot.Images!.map((i) => i.ImageId)).toEqual(['ami-01d10000000000001']);
  });

  it('addresses, PTR records, security groups, ENIs, launch templates and regions', async () => {
    const unassociated = await ec2().send(new DescribeAddressesCommand({}));
    expect(unassociated.Addresses!.filter((a) => !a.AssociationId)).toHaveLength(3);
    const ptr = await ec2().send(new DescribeAddressesAttributeCommand({ Attribute: 'domain-name' }));
    expect(ptr.Addresses).toEqual([
      { AllocationId: 'eipalloc-01f20000000000003', PublicIp: '52.20.10.13', PtrRecord: 'mail.idp.example.com.' },
    ]);
    const groups = await ec2().send(new DescribeSecurityGroupsCommand({ GroupNames: ['idp-web-sg'] }));
    expect(groups.SecurityGroups![0].IpPermissions![0]).toMatchObject({ IpProtocol: 'tcp', FromPort: 443 });
    const enis = await ec2().send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'status', Values: ['available'] }] }),
    );
    expect(enis.NetworkInterfaces!.map((n) => n.TagSet)).toEqual([[{ Key: 'Name', Value: 'scratch-eni' }]]);
    const versions = await ec2().send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'idp-api-gateway-lt', Versions: ['$Default'] }),
    );
    const devices = versions.LaunchTemplateVersions![0].LaunchTemplateData!.BlockDeviceMappings!;
    expect(devices.map((d) => d.Ebs?.SnapshotId)).toContain('snap-01c10000000000010');
    const regions = await ec2().send(new DescribeRegionsCommand({}));
    expect(regions.Regions!.map((r) => r.RegionName)).toEqual(expect.arrayContaining(['us-east-1', 'us-west-2']));
    expect(account().calls.every((c) => c.region === 'us-east-1')).toBe(true);
  });
});

describe('EC2 tags', () => {
  const account = useSandbox();

  it('CreateTags and DeleteTags work across resource types and DescribeTags lists them', async () => {
    const resources = [
      'vol-01b20000000000001',
      'snap-01c10000000000005',
      'eni-01f100000000000f1',
      'eipalloc-01f20000000000002',
    ];
    await ec2().send(
      new CreateTagsCommand({ Resources: resources, Tags: [{ Key: 'autopilot:candidate', Value: 'cleanup' }] }),
    );
    const listed = await ec2().send(
      new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['autopilot:candidate'] }] }),
    );
    expect(listed.Tags!.map((t) => [t.ResourceId, t.ResourceType]).sort()).toEqual([
      ['eipalloc-01f20000000000002', 'elastic-ip'],
      ['eni-01f100000000000f1', 'network-interface'],
      ['snap-01c10000000000005', 'snapshot'],
      ['vol-01b20000000000001', 'volume'],
    ]);
    await ec2().send(
      new DeleteTagsCommand({ Resources: resources, Tags: [{ Key: 'autopilot:candidate', Value: 'other' }] }),
    );
    expect(
      (await ec2().send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['autopilot:candidate'] }] }))).Tags,
    ).toHaveLength(4);
    await ec2().send(new DeleteTagsCommand({ Resources: resources, Tags: [{ Key: 'autopilot:candidate' }] }));
    expect(
      (await ec2().send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['autopilot:candidate'] }] }))).Tags,
    ).toEqual([]);
  });

  it('fails the whole call for one bad id and rejects aws: keys', async () => {
    const before = JSON.stringify(account().state);
    const missing = await errorOf(
      ec2().send(
        new CreateTagsCommand({
          Resources: ['vol-01b20000000000001', 'i-0123456789abcdef0'],
          Tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
    );
    expect(missing.name).toBe('InvalidInstanceID.NotFound');
    expect(
      (await errorOf(ec2().send(new CreateTagsCommand({ Resources: ['nope-1'], Tags: [{ Key: 'a', Value: 'b' }] }))))
        .name,
    ).toBe('InvalidID');
    const reserved = await errorOf(
      ec2().send(new CreateTagsCommand({ Resources: ['vol-01b20000000000001'], Tags: [{ Key: 'aws:x', Value: 'y' }] })),
    );
    expect(reserved.name).toBe('InvalidParameterValue');
    expect(JSON.stringify(account().state) === before).toBe(true);
  });
});
