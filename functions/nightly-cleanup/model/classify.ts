// The rules: which volumes, snapshots and Elastic IPs are cleanup candidates, which of those are protected (and
// why), and what a resource's mark means. Pure functions of what EC2 describes, shared by planning and by the
// re-check right before a deletion.
import type { Address, Snapshot, Volume } from '@aws-sdk/client-ec2';
import type { FoundItem, Prices, SkipReason, UnmarkReason } from './model.ts';
import { addressMonthlyUsd, snapshotMonthlyUsd, volumeMonthlyUsd } from './pricing.ts';
import { managedSnapshotProtection, nameOf, type Protection, type TagPolicy, tagProtection } from './tags.ts';

const DAY_MS = 86_400_000;

export interface RulesContext extends TagPolicy {
  region: string;
  now: Date;
  snapshotAgeDays: number;
  minAgeDays: number;
  prices: Prices;
}

/** What the rules say about one resource, before its mark is looked at. */
export type Verdict =
  | { kind: 'qualifies' }
  | { kind: 'skipped'; reason: SkipReason; detail?: string }
  | { kind: 'not-candidate'; reason: UnmarkReason; detail?: string };

const skipped = (protection: Protection): Verdict => ({ kind: 'skipped', ...protection });

function ageDays(created: Date | undefined, now: Date): number | undefined {
  return created ? (now.getTime() - created.getTime()) / DAY_MS : undefined;
}

function tooYoung(created: Date | undefined, ctx: RulesContext): Verdict | undefined {
  const age = ageDays(created, ctx.now);
  if (age === undefined || age >= ctx.minAgeDays) return undefined;
  return {
    kind: 'skipped',
    reason: 'younger-than-min-age',
    detail: `${Math.floor(age)} of ${ctx.minAgeDays} days old`,
  };
}

export function volumeItem(volume: Volume, ctx: RulesContext): FoundItem {
  return {
    region: ctx.region,
    resourceType: 'volume',
    resourceId: volume.VolumeId ?? '',
    name: nameOf(volume.Tags),
    sizeGiB: volume.Size ?? 0,
    volumeType: volume.VolumeType,
    createdAt: volume.CreateTime?.toISOString(),
    estimatedMonthlySavingsUsd: volumeMonthlyUsd(ctx.prices, volume.Size ?? 0, volume.VolumeType),
  };
}

/** Unattached (status available), not protected, older than minAgeDays. */
export function judgeVolume(volume: Volume, ctx: RulesContext): Verdict {
  if (volume.State !== 'available') {
    const instances = (volume.Attachments ?? []).map((attachment) => attachment.InstanceId).filter(Boolean);
    return {
      kind: 'not-candidate',
      reason: 'in-use',
      detail: instances.length ? `attached to ${instances.join(', ')}` : `status ${volume.State}`,
    };
  }
  const protection = tagProtection(volume.Tags, ctx, ctx.now);
  if (protection) return skipped(protection);
  return tooYoung(volume.CreateTime, ctx) ?? { kind: 'qualifies' };
}

export function snapshotItem(snapshot: Snapshot, ctx: RulesContext): FoundItem {
  return {
    region: ctx.region,
    resourceType: 'snapshot',
    resourceId: snapshot.SnapshotId ?? '',
    name: nameOf(snapshot.Tags),
    sizeGiB: snapshot.VolumeSize ?? 0,
    storageTier: snapshot.StorageTier,
    createdAt: snapshot.StartTime?.toISOString(),
    estimatedMonthlySavingsUsd: snapshotMonthlyUsd(ctx.prices, snapshot.VolumeSize ?? 0, snapshot.StorageTier),
  };
}

/** Snapshot id -> who still needs it ("ami-... (disabled)", "lt-...:v3"). */
export interface SnapshotUsage {
  images: Map<string, string[]>;
  launchTemplates: Map<string, string[]>;
}

/**
 * Own, completed, older than snapshotAgeDays, and neither protected nor used by an AMI (disabled and deprecated
 * ones included) or a launch template version. Younger snapshots are simply no candidates; minAgeDays adds a skip
 * only where it is stricter than snapshotAgeDays.
 */
export function judgeSnapshot(snapshot: Snapshot, usage: SnapshotUsage, ctx: RulesContext): Verdict {
  if (snapshot.State !== 'completed') {
    return { kind: 'not-candidate', reason: 'not-completed', detail: `state ${snapshot.State}` };
  }
  const age = ageDays(snapshot.StartTime, ctx.now);
  if (age === undefined || age < ctx.snapshotAgeDays) {
    return { kind: 'not-candidate', reason: 'too-young', detail: `younger than ${ctx.snapshotAgeDays} days` };
  }
  const protection =
    tagProtection(snapshot.Tags, ctx, ctx.now) ?? managedSnapshotProtection(snapshot.Tags, snapshot.Description);
  if (protection) return skipped(protection);
  const id = snapshot.SnapshotId ?? '';
  const images = usage.images.get(id);
  if (images) return { kind: 'skipped', reason: 'used-by-ami', detail: images.join(', ') };
  const templates = usage.launchTemplates.get(id);
  if (templates) return { kind: 'skipped', reason: 'used-by-launch-template', detail: templates.join(', ') };
  return tooYoung(snapshot.StartTime, ctx) ?? { kind: 'qualifies' };
}

export function addressItem(address: Address, ctx: RulesContext): FoundItem {
  return {
    region: ctx.region,
    resourceType: 'address',
    resourceId: address.AllocationId ?? '',
    name: nameOf(address.Tags),
    publicIp: address.PublicIp,
    estimatedMonthlySavingsUsd: addressMonthlyUsd(ctx.prices),
  };
}

/** DescribeAddressesAttribute domain-name: the reverse-DNS record of an address, or its pending update. */
export interface ReverseDns {
  ptrRecord?: string;
  pendingUpdate?: string;
}

/**
 * Not associated with anything, not protected, no reverse-DNS record (AWS refuses to release those:
 * InvalidAddress.PtrSet / InvalidAddress.Locked), not managed by a service (load balancer, NAT), not from a BYOIP or
 * customer-owned pool (no public IPv4 charge to save).
 */
export function judgeAddress(address: Address, dns: ReverseDns | undefined, ctx: RulesContext): Verdict {
  if (address.AssociationId || address.NetworkInterfaceId || address.InstanceId) {
    const target = address.InstanceId ?? address.NetworkInterfaceId ?? address.AssociationId;
    return { kind: 'not-candidate', reason: 'associated', detail: `associated with ${target}` };
  }
  const protection = tagProtection(address.Tags, ctx, ctx.now);
  if (protection) return skipped(protection);
  if (address.ServiceManaged) {
    return { kind: 'skipped', reason: 'service-managed', detail: `managed by ${address.ServiceManaged}` };
  }
  if (dns?.ptrRecord) return { kind: 'skipped', reason: 'reverse-dns', detail: `PTR ${dns.ptrRecord}` };
  if (dns?.pendingUpdate)
    return { kind: 'skipped', reason: 'locked', detail: `reverse-DNS update ${dns.pendingUpdate}` };
  if (address.CustomerOwnedIp)
    return { kind: 'skipped', reason: 'byoip', detail: `customer-owned ${address.CustomerOwnedIp}` };
  if (address.PublicIpv4Pool && address.PublicIpv4Pool !== 'amazon') {
    return { kind: 'skipped', reason: 'byoip', detail: `pool ${address.PublicIpv4Pool}` };
  }
  return { kind: 'qualifies' };
}
