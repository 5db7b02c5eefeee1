// The nightly-cleanup vocabulary shared by its functions: modes, resource types, tags, the items that travel
// between the steps (always through S3 work files, never through the state machine's payload), and their outcomes.
import * as z from 'zod';
import type { NightlyCleanupSettings } from '../config.ts';

export const PLAYBOOK = 'nightly-cleanup';

export const RESOURCE_TYPES = ['volume', 'snapshot', 'address'] as const;
export const ResourceType = z.enum(RESOURCE_TYPES);
export type ResourceType = z.infer<typeof ResourceType>;

export const Mode = z.enum(['report', 'mark', 'delete']);
export type Mode = z.infer<typeof Mode>;

export type CleanupSettings = NightlyCleanupSettings;
export type Prices = CleanupSettings['prices'];

/** The mark: the UTC date (YYYY-MM-DD) from which the resource may be deleted, written only after a report announced it. */
export const MARK_TAG = 'autopilot:delete-after';
/** On a final snapshot: the volume it preserves. */
export const FINAL_SNAPSHOT_TAG = 'autopilot:final-snapshot-of';

/** Why a resource that matches a candidate rule is never touched. */
export type SkipReason =
  | 'held'
  | 'exempt'
  | 'protected-tag'
  | 'cloudformation'
  | 'aws-backup'
  | 'data-lifecycle-manager'
  | 'used-by-ami'
  | 'used-by-launch-template'
  | 'younger-than-min-age'
  | 'reverse-dns'
  | 'locked'
  | 'service-managed'
  | 'byoip';

/** Why a marked resource loses its mark: it is protected now, or it is no candidate any more. */
export type UnmarkReason = SkipReason | 'in-use' | 'associated' | 'too-young' | 'not-completed';

export interface Item {
  /** The account the resource lives in (the home account's id for home resources). */
  accountId: string;
  region: string;
  resourceType: ResourceType;
  resourceId: string;
  /** The Name tag, when it has one. */
  name?: string;
  sizeGiB?: number;
  volumeType?: string;
  storageTier?: string;
  publicIp?: string;
  createdAt?: string;
  /** The mark: existing (pending, due) or about to be written (marked). */
  deleteAfter?: string;
  estimatedMonthlySavingsUsd: number;
  reason?: SkipReason | UnmarkReason;
  detail?: string;
}

/** An item as the rules describe a resource, before planning says which account it was found in. */
export type FoundItem = Omit<Item, 'accountId'>;

export type Action = 'mark' | 'unmark' | 'delete';

/**
 * What happened to an item; the report's `items` carry exactly one of these. `deleted` is the only outcome that
 * realises savings (Elastic IPs are released, volumes and snapshots deleted).
 */
export type Outcome =
  | 'would-mark'
  | 'marked'
  | 'pending'
  | 'due'
  | 'deleted'
  | 'already-gone'
  | 'awaiting-final-snapshot'
  | 'would-unmark'
  | 'unmarked'
  | 'skipped'
  | 'failed';

export interface ItemResult extends Item {
  action: Action;
  outcome: Outcome;
  finalSnapshotId?: string;
  errorCode?: string;
  message?: string;
}

export type TypeCounts = Record<ResourceType, number>;

export const zeroCounts = (): TypeCounts => ({ volume: 0, snapshot: 0, address: 0 });

/**
 * One account's region classified, written by cleanup-plan-region to work/<execution>/plans/<account>/<region>.json.
 */
export interface RegionPlan {
  accountId: string;
  /** The account's name in the stage config ("home" for the home account). */
  accountName: string;
  region: string;
  runAt: string;
  mode: Mode;
  resourceTypes: ResourceType[];
  /** Resources of the covered types the run looked at. */
  estate: TypeCounts;
  /** Looked at and no candidate (attached volumes, young snapshots, associated addresses). */
  notCandidates: TypeCounts;
  /** Qualifying and not marked yet, best savings first; at most maxDeletionsPerRun (no run may mark more). */
  candidates: Item[];
  /** All qualifying unmarked ones, including those beyond the list above. */
  candidatesTotal: { count: number; estimatedMonthlySavingsUsd: number };
  /** Marked by an earlier run, still qualifying, not due yet. */
  pending: Item[];
  /** Marked by an earlier run, still qualifying, mark due. */
  due: Item[];
  /** Marked by an earlier run and no longer qualifying (reason says why). */
  unmark: Item[];
  /** Match a candidate rule but protected (reason says why). */
  skipped: Item[];
}

/** What planning one target left for the gate: its plan file and counts (results/<account>/<region>.json). */
export interface TargetPlanned {
  planKey: string;
  estate: number;
  candidates: number;
  pending: number;
  due: number;
  unmark: number;
  skipped: number;
}

/**
 * A unit of work for cleanup-apply-batch (one account, one region, one action): work/<execution>/batches/<name>.json;
 * results are written into it.
 */
export interface Batch {
  name: string;
  /** The account it acts in: a member account through its member role. */
  accountId: string;
  region: string;
  action: Action;
  runAt: string;
  items: Item[];
  /** One per item once handled; 'awaiting-final-snapshot' ones are handled again on the next pass. */
  results?: ItemResult[];
  passes?: number;
}

/**
 * The safety cap of one account: the lower of maxDeletionsPerAccount and maxEstateShare x the resources the run
 * looked at there. An account whose due deletions exceed it is stopped (nothing deleted, marked or unmarked in it).
 */
export interface AccountCap {
  accountId: string;
  accountName: string;
  estate: number;
  limit: number;
  dueDeletions: number;
  pending: number;
  exceeded: boolean;
  /** New marks this account may take (0 when stopped). */
  markBudget: number;
}

/** An account listed in config as exempt: listed in the report, never acted on. */
export interface ExemptAccount {
  id: string;
  name: string;
}

/** What the gate decided, stored for the report: work/<execution>/gate.json. */
export interface GateDecision {
  mode: Mode;
  runAt: string;
  regions: string[];
  resourceTypes: ResourceType[];
  estate: number;
  /** The run's cap over the due deletions of every account (`exceeded`: the whole run stops). */
  cap: {
    maxDeletionsPerRun: number;
    maxDeletionsPerAccount: number;
    maxEstateShare: number;
    limit: number;
    dueDeletions: number;
    exceeded: boolean;
  };
  /** Per account, in the order of the plans. */
  accounts: AccountCap[];
  markBudget: number;
  /** Candidates chosen for a mark, with the deleteAfter they get. */
  toMark: Item[];
  deferred: { count: number; estimatedMonthlySavingsUsd: number };
  exempt: ExemptAccount[];
  /** Key of the batch list (work/<execution>/batch-lists/pass-0000.json) and how many batches it names. */
  batchList: string;
  batchCount: number;
}

export const round2 = (value: number) => Math.round(value * 100) / 100;

/** Best savings first, then the oldest: what a limited mark budget should spend itself on. */
export function byPriority(a: Item, b: Item): number {
  return (
    b.estimatedMonthlySavingsUsd - a.estimatedMonthlySavingsUsd ||
    (a.createdAt ?? '').localeCompare(b.createdAt ?? '') ||
    a.resourceId.localeCompare(b.resourceId)
  );
}
