// Plans one account's region: lists the covered resource types (with the EC2 client of that account), judges every
// resource by the rules and sorts it by its mark into candidates (first sighting), pending, due, to unmark, skipped.
// Nothing is changed here.
import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  addressItem,
  judgeAddress,
  judgeSnapshot,
  judgeVolume,
  type RulesContext,
  snapshotItem,
  type Verdict,
  volumeItem,
} from '../model/classify.ts';
import {
  byPriority,
  type FoundItem,
  type Mode,
  type RegionPlan,
  type ResourceType,
  round2,
  zeroCounts,
} from '../model/model.ts';
import { reverseDns } from '../model/reverse-dns.ts';
import { markOf, type Tags } from '../model/tags.ts';
import { eachSnapshotPage, eachVolumePage, listAddresses, snapshotUsage } from './list.ts';

/** What planning one target needs: the rules, the account it is in, the mode and types of the run. */
export interface PlanSettings extends RulesContext {
  accountId: string;
  /** As the stage's config names it ("home" for the home account). */
  accountName: string;
  mode: Mode;
  resourceTypes: ResourceType[];
  /** No run marks more than this, so longer candidate lists are only counted. */
  candidateLimit: number;
  concurrency: number;
}

/** Sorts judged resources into a RegionPlan (see the file comment); `finish` sorts and trims the lists. */
export class PlanBuilder {
  readonly plan: RegionPlan;
  private readonly now: Date;
  private readonly accountId: string;
  private candidateSavings = 0;

  constructor(settings: PlanSettings) {
    this.now = settings.now;
    this.accountId = settings.accountId;
    this.plan = {
      accountId: settings.accountId,
      accountName: settings.accountName,
      region: settings.region,
      runAt: settings.now.toISOString(),
      mode: settings.mode,
      resourceTypes: settings.resourceTypes,
      estate: zeroCounts(),
      notCandidates: zeroCounts(),
      candidates: [],
      candidatesTotal: { count: 0, estimatedMonthlySavingsUsd: 0 },
      pending: [],
      due: [],
      unmark: [],
      skipped: [],
    };
  }

  add(found: FoundItem, verdict: Verdict, tags: Tags): void {
    const plan = this.plan;
    const item = { accountId: this.accountId, ...found };
    plan.estate[item.resourceType] += 1;
    const mark = markOf(tags, this.now);
    if (verdict.kind !== 'qualifies') {
      const judged = { ...item, reason: verdict.reason, ...(verdict.detail ? { detail: verdict.detail } : {}) };
      // A mark on something that no longer qualifies (re-attached, exempted since, ...) is removed, never acted on.
      if (mark.state !== 'none')
        plan.unmark.push({ ...judged, ...('deleteAfter' in mark ? { deleteAfter: mark.deleteAfter } : {}) });
      else if (verdict.kind === 'skipped') plan.skipped.push(judged);
      else plan.notCandidates[item.resourceType] += 1;
      return;
    }
    if (mark.state === 'pending') plan.pending.push({ ...item, deleteAfter: mark.deleteAfter });
    else if (mark.state === 'due') plan.due.push({ ...item, deleteAfter: mark.deleteAfter });
    else {
      // No mark, or a value that is no date: a first sighting, announced and marked afresh.
      plan.candidates.push(mark.state === 'invalid' ? { ...item, detail: `unreadable mark "${mark.value}"` } : item);
      this.candidateSavings += item.estimatedMonthlySavingsUsd;
    }
  }

  finish(candidateLimit: number): RegionPlan {
    const plan = this.plan;
    plan.candidatesTotal = { count: plan.candidates.length, estimatedMonthlySavingsUsd: round2(this.candidateSavings) };
    plan.candidates.sort(byPriority);
    plan.candidates.length = Math.min(plan.candidates.length, candidateLimit);
    plan.due.sort(byPriority);
    return plan;
  }
}

/**
 * Plans one target with `ec2` (a client of the target's account and region): DescribeVolumes, DescribeSnapshots
 * (own), DescribeImages / DescribeLaunchTemplates / DescribeLaunchTemplateVersions (what keeps a snapshot),
 * DescribeAddresses and DescribeAddressesAttribute, paginated. Throws what EC2 throws after the SDK's retries.
 */
export async function planRegion(ec2: EC2Client, settings: PlanSettings): Promise<RegionPlan> {
  const builder = new PlanBuilder(settings);
  const types = new Set(settings.resourceTypes);
  if (types.has('volume')) {
    await eachVolumePage(ec2, (volumes) => {
      for (const volume of volumes)
        builder.add(volumeItem(volume, settings), judgeVolume(volume, settings), volume.Tags);
    });
  }
  if (types.has('snapshot')) {
    const usage = await snapshotUsage(ec2, settings.concurrency);
    await eachSnapshotPage(ec2, (snapshots) => {
      for (const snapshot of snapshots) {
        builder.add(snapshotItem(snapshot, settings), judgeSnapshot(snapshot, usage, settings), snapshot.Tags);
      }
    });
  }
  if (types.has('address')) {
    const addresses = await listAddresses(ec2);
    const dns = addresses.length ? await reverseDns(ec2) : new Map();
    for (const address of addresses) {
      builder.add(
        addressItem(address, settings),
        judgeAddress(address, dns.get(address.AllocationId ?? ''), settings),
        address.Tags,
      );
    }
  }
  return builder.finish(settings.candidateLimit);
}
