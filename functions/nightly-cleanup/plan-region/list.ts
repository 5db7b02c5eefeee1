// Listing a region's estate, page by page (EC2's largest page sizes), so an account with 100,000 snapshots never
// holds more than one page of raw SDK records at a time: each page is handed to `onPage` and dropped.
import {
  type Address,
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  type EC2Client,
  type Snapshot,
  type Volume,
} from '@aws-sdk/client-ec2';
import type { SnapshotUsage } from '../model/classify.ts';
import { mapLimit } from '../model/concurrency.ts';

export async function eachVolumePage(ec2: EC2Client, onPage: (volumes: Volume[]) => void): Promise<void> {
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(new DescribeVolumesCommand({ MaxResults: 500, NextToken }));
    onPage(page.Volumes ?? []);
    NextToken = page.NextToken;
  } while (NextToken);
}

export async function eachSnapshotPage(ec2: EC2Client, onPage: (snapshots: Snapshot[]) => void): Promise<void> {
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000, NextToken }));
    onPage(page.Snapshots ?? []);
    NextToken = page.NextToken;
  } while (NextToken);
}

function add(map: Map<string, string[]>, key: string | undefined, user: string): void {
  if (!key) return;
  const users = map.get(key);
  if (users) users.push(user);
  else map.set(key, [user]);
}

/** Every snapshot an own AMI (disabled and deprecated ones included) or a launch template version refers to. */
export async function snapshotUsage(ec2: EC2Client, concurrency: number): Promise<SnapshotUsage> {
  const usage: SnapshotUsage = { images: new Map(), launchTemplates: new Map() };
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        IncludeDisabled: true,
        IncludeDeprecated: true,
        MaxResults: 1000,
        NextToken,
      }),
    );
    for (const image of page.Images ?? []) {
      const label = image.State === 'available' ? (image.ImageId ?? '') : `${image.ImageId} (${image.State})`;
      for (const mapping of image.BlockDeviceMappings ?? []) add(usage.images, mapping.Ebs?.SnapshotId, label);
    }
    NextToken = page.NextToken;
  } while (NextToken);

  const templateIds: string[] = [];
  let TemplateToken: string | undefined;
  do {
    const page = await ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 200, NextToken: TemplateToken }));
    for (const template of page.LaunchTemplates ?? [])
      if (template.LaunchTemplateId) templateIds.push(template.LaunchTemplateId);
    TemplateToken = page.NextToken;
  } while (TemplateToken);

  await mapLimit(templateIds, concurrency, async (LaunchTemplateId) => {
    let VersionToken: string | undefined;
    do {
      const page = await ec2.send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId, MaxResults: 200, NextToken: VersionToken }),
      );
      for (const version of page.LaunchTemplateVersions ?? []) {
        const label = `${LaunchTemplateId}:v${version.VersionNumber}`;
        for (const mapping of version.LaunchTemplateData?.BlockDeviceMappings ?? []) {
          add(usage.launchTemplates, mapping.Ebs?.SnapshotId, label);
        }
      }
      VersionToken = page.NextToken;
    } while (VersionToken);
  });
  return usage;
}

/** DescribeAddresses is not paginated: one call returns every address of the region. */
export async function listAddresses(ec2: EC2Client): Promise<Address[]> {
  return (await ec2.send(new DescribeAddressesCommand({}))).Addresses ?? [];
}
