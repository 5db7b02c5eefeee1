// `autopilot sandbox show [type]`: what the sandbox account holds, read from its saved state, with the ids a
// newcomer needs for the examples (instances, IAM users and their keys, volumes, snapshots, Elastic IPs, alarms).
import type { RegionState, SandboxState, Tag } from '../sandbox/state.ts';

type Row = string[];

interface Listing {
  title: string;
  header: Row;
  rows: (state: SandboxState) => Row[];
}

const nameOf = (tags: Partial<Tag>[] | undefined) => tags?.find((tag) => tag.Key === 'Name')?.Value ?? '-';

/** One row per record of every region (regions in the order the state holds them). */
function perRegion<T>(
  state: SandboxState,
  records: (region: RegionState) => T[],
  row: (record: T, region: string) => Row,
) {
  return Object.entries(state.regions).flatMap(([name, region]) => records(region).map((record) => row(record, name)));
}

export const LISTINGS: Record<string, Listing> = {
  instances: {
    title: 'EC2 instances',
    header: ['instance', 'Name', 'state', 'region', 'type'],
    rows: (state) =>
      perRegion(
        state,
        (region) => region.ec2.instances,
        (instance, region) => [
          instance.InstanceId,
          nameOf(instance.Tags),
          instance.State?.Name ?? '-',
          region,
          instance.InstanceType ?? '-',
        ],
      ),
  },
  users: {
    title: 'IAM users and their access keys',
    header: ['user', 'access keys'],
    rows: (state) =>
      state.global.iam.users.map((user) => [
        user.UserName,
        user.accessKeys.map((key) => `${key.AccessKeyId} ${key.Status}`).join(', ') || 'none',
      ]),
  },
  volumes: {
    title: 'EBS volumes',
    header: ['volume', 'Name', 'state', 'size', 'region', 'attached to'],
    rows: (state) =>
      perRegion(
        state,
        (region) => region.ec2.volumes,
        (volume, region) => [
          volume.VolumeId,
          nameOf(volume.Tags),
          volume.State ?? '-',
          `${volume.Size} GiB`,
          region,
          volume.Attachments?.map((attachment) => attachment.InstanceId).join(', ') || '-',
        ],
      ),
  },
  snapshots: {
    title: 'EBS snapshots',
    header: ['snapshot', 'Name or description', 'state', 'size', 'region'],
    rows: (state) =>
      perRegion(
        state,
        (region) => region.ec2.snapshots,
        (snapshot, region) => [
          snapshot.SnapshotId,
          nameOf(snapshot.Tags) === '-' ? (snapshot.Description ?? '-') : nameOf(snapshot.Tags),
          snapshot.State ?? '-',
          `${snapshot.VolumeSize} GiB`,
          region,
        ],
      ),
  },
  addresses: {
    title: 'Elastic IPs',
    header: ['allocation', 'public IP', 'Name', 'associated with', 'region'],
    rows: (state) =>
      perRegion(
        state,
        (region) => region.ec2.addresses,
        (address, region) => [
          address.AllocationId,
          address.PublicIp ?? '-',
          nameOf(address.Tags),
          address.InstanceId ?? address.NetworkInterfaceId ?? '-',
          region,
        ],
      ),
  },
  alarms: {
    title: 'CloudWatch alarms',
    header: ['alarm', 'state', 'region'],
    rows: (state) =>
      perRegion(
        state,
        (region) => region.cloudwatch.alarms,
        (alarm, region) => [alarm.AlarmName ?? '-', alarm.StateValue ?? '-', region],
      ),
  },
};

function table(header: Row, rows: Row[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (row: Row) => `  ${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The lines of `sandbox show` for the given types (all when none is named). */
export function showSandbox(state: SandboxState, types: string[]): string[] {
  return types.flatMap((type, index) => {
    const listing = LISTINGS[type];
    const rows = listing.rows(state);
    return [
      ...(index ? [''] : []),
      `${listing.title} (${rows.length}):`,
      ...(rows.length ? table(listing.header, rows) : ['  none']),
    ];
  });
}
