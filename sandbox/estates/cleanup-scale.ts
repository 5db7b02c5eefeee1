// A large, realistic EC2 estate generated into a sandbox region for nightly-cleanup's scale test and benchmark
// (the YAML seed stays small and readable): by default 100,000 snapshots, 10,000 volumes and 1,000 Elastic IPs with
// spread ages and sizes, most of them in use or young, and a share of every protected case (exempt, CloudFormation,
// Kubernetes, AMIs disabled and deprecated, launch templates, AWS Backup, Data Lifecycle Manager, reverse DNS) and
// of earlier marks (due and pending). Deterministic for a given seed.
import type { SandboxAccount } from '../account.ts';
import { seededRandom } from '../ids.ts';
import type { Ec2State, Tag } from '../state.ts';

export interface ScaleEstate {
  snapshots: number;
  volumes: number;
  addresses: number;
  seed?: number;
}

export const CLEANUP_SCALE: ScaleEstate = { snapshots: 100_000, volumes: 10_000, addresses: 1_000 };

const DAY_MS = 86_400_000;
const VOLUME_TYPES = ['gp3', 'gp3', 'gp3', 'gp2', 'gp2', 'io1', 'st1', 'sc1'];

/** Adds the estate to `region` of `accountId` (default the home account; a member account must exist). */
export function addCleanupScaleEstate(
  account: SandboxAccount,
  region: string,
  estate: ScaleEstate = CLEANUP_SCALE,
  accountId: string = account.accountId,
): void {
  const random = seededRandom(estate.seed ?? 7);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const now = account.now().getTime();
  const ago = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const day = (days: number) => ago(days).slice(0, 10);
  const ec2: Ec2State = account.regionOf(accountId, region).ec2;
  const mark = (tags: Tag[], roll: number) => {
    // 2% carry a mark from an earlier run: half due, half pending.
    if (roll < 0.01) tags.push({ Key: 'autopilot:delete-after', Value: day(3) });
    else if (roll < 0.02) tags.push({ Key: 'autopilot:delete-after', Value: day(-4) });
  };

  for (let index = 0; index < estate.volumes; index++) {
    const VolumeId = account.newId('vol');
    const attached = random() < 0.85;
    const tags: Tag[] = [{ Key: 'Name', Value: `scale-volume-${index}` }];
    const roll = random();
    if (roll < 0.02) tags.push({ Key: 'autopilot:exempt', Value: 'true' });
    else if (roll < 0.05) tags.push({ Key: 'aws:cloudformation:stack-name', Value: `stack-${index % 40}` });
    else if (roll < 0.1) tags.push({ Key: 'kubernetes.io/created-for/pvc/name', Value: `data-${index}` });
    mark(tags, random());
    ec2.volumes.push({
      VolumeId,
      Size: pick([8, 20, 30, 50, 100, 200, 500, 1000, 2000]),
      VolumeType: pick(VOLUME_TYPES) as Ec2State['volumes'][number]['VolumeType'],
      CreateTime: ago(Math.floor(random() * 700)),
      AvailabilityZone: `${region}a`,
      Encrypted: random() < 0.5,
      State: attached ? 'in-use' : 'available',
      Attachments: attached
        ? [{ VolumeId, InstanceId: account.newId('i'), Device: '/dev/xvdf', State: 'attached', AttachTime: ago(1) }]
        : [],
      Tags: tags,
    });
  }

  const snapshotIds: string[] = [];
  for (let index = 0; index < estate.snapshots; index++) {
    const SnapshotId = account.newId('snap');
    snapshotIds.push(SnapshotId);
    const tags: Tag[] = [];
    let Description = `scale snapshot ${index}`;
    const roll = random();
    if (roll < 0.01) tags.push({ Key: 'autopilot:exempt', Value: random() < 0.5 ? 'true' : day(-30) });
    else if (roll < 0.04) {
      tags.push({
        Key: 'aws:backup:source-resource',
        Value: `arn:aws:ec2:${region}:${accountId}:volume/vol-x`,
      });
      Description = 'This snapshot is created by the AWS Backup service.';
    } else if (roll < 0.06) tags.push({ Key: 'aws:dlm:lifecycle-policy-id', Value: 'policy-0123456789abcdef0' });
    mark(tags, random());
    ec2.snapshots.push({
      SnapshotId,
      VolumeId: 'vol-ffffffff',
      VolumeSize: pick([8, 30, 50, 100, 200, 500, 1000]),
      StartTime: ago(Math.floor(random() * 1095)),
      State: 'completed',
      Progress: '100%',
      OwnerId: accountId,
      Description,
      Encrypted: false,
      StorageTier: random() < 0.05 ? 'archive' : 'standard',
      Tags: tags,
    });
  }

  // 5% of the snapshots back AMIs (two per image; some disabled, some deprecated), 0.2% launch template versions.
  for (let index = 0; index + 1 < snapshotIds.length * 0.05; index += 2) {
    const state = index % 20 === 0 ? 'disabled' : 'available';
    ec2.images.push({
      ImageId: account.newId('ami'),
      Name: `scale-image-${index}`,
      State: state,
      OwnerId: accountId,
      CreationDate: ago(200),
      ...(index % 10 === 2 ? { DeprecationTime: ago(10) } : {}),
      RootDeviceType: 'ebs',
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshotIds[index * 7], VolumeSize: 30 } },
        { DeviceName: '/dev/sdf', Ebs: { SnapshotId: snapshotIds[index * 7 + 3], VolumeSize: 100 } },
      ],
    });
  }
  const templates = Math.max(1, Math.floor(snapshotIds.length / 1000));
  for (let index = 0; index < templates; index++) {
    const LaunchTemplateId = account.newId('lt');
    ec2.launchTemplates.push({
      LaunchTemplateId,
      LaunchTemplateName: `scale-template-${index}`,
      CreateTime: ago(300),
      DefaultVersionNumber: 1,
      LatestVersionNumber: 2,
      versions: [1, 2].map((VersionNumber) => ({
        LaunchTemplateId,
        LaunchTemplateName: `scale-template-${index}`,
        VersionNumber,
        CreateTime: ago(300 - VersionNumber),
        DefaultVersion: VersionNumber === 1,
        LaunchTemplateData: {
          BlockDeviceMappings: [
            {
              DeviceName: '/dev/sdf',
              Ebs: { SnapshotId: snapshotIds[(index * 997 + VersionNumber) % snapshotIds.length] },
            },
          ],
        },
      })),
    });
  }

  for (let index = 0; index < estate.addresses; index++) {
    const AllocationId = account.newId('eipalloc');
    const associated = random() < 0.9;
    const tags: Tag[] = [{ Key: 'Name', Value: `scale-ip-${index}` }];
    if (random() < 0.02) tags.push({ Key: 'autopilot:exempt', Value: 'true' });
    mark(tags, random());
    ec2.addresses.push({
      AllocationId,
      PublicIp: `198.51.${Math.floor(index / 250)}.${index % 250}`,
      Domain: 'vpc',
      PublicIpv4Pool: 'amazon',
      NetworkBorderGroup: region,
      ...(associated ? { AssociationId: account.newId('eipassoc'), InstanceId: account.newId('i') } : {}),
      ...(random() < 0.02 ? { PtrRecord: `mail${index}.example.com.` } : {}),
      Tags: tags,
    });
  }

  // Stored in id order (AWS promises no order; the sandbox pages by id, and sorted input keeps its per-page sort
  // linear, so the benchmark measures the playbook rather than the sandbox).
  const byId = (key: string) => (a: object, b: object) =>
    String((a as Record<string, unknown>)[key]).localeCompare(String((b as Record<string, unknown>)[key]));
  ec2.volumes.sort(byId('VolumeId'));
  ec2.snapshots.sort(byId('SnapshotId'));
  ec2.addresses.sort(byId('AllocationId'));
}
