// The run's report (reports/nightly-cleanup/<date>/<execution>.json): one flat `items` list, each item with its
// account and outcome, a summary per account (account-summary.ts), the targets that failed, and totals. The gate writes it first (status in-progress) to announce the marks it is about to write;
// the last step overwrites it with what happened. cost-report reads `totals.realisedMonthlySavingsUsd` and the
// items with outcome `deleted` (reports with dryRun true, i.e. mode report, are not counted).
import type { TargetResult } from '../../shared/fanout/targets.ts';
import type { ExecutionRef } from '../../shared/handler/handler.ts';
import { type AccountSummary, type FailedTarget, failedTargetsOf, summarizeAccounts } from './account-summary.ts';
import {
  type Action,
  type Batch,
  type CleanupSettings,
  type ExemptAccount,
  type GateDecision,
  type Item,
  type ItemResult,
  type Mode,
  type Outcome,
  PLAYBOOK,
  type RegionPlan,
  type ResourceType,
  round2,
  type TargetPlanned,
} from './model.ts';
import { PRICING_NOTES, snapshotMonthlyUsd } from './pricing.ts';

export type RunStatus = 'in-progress' | 'completed' | 'safety-stop' | 'failed';

export interface ReportItem extends Omit<ItemResult, 'action'> {
  action?: Action;
}

export interface CleanupReport {
  playbook: typeof PLAYBOOK;
  schemaVersion: 1;
  status: RunStatus;
  mode?: Mode;
  /** True when nothing could change (mode report). */
  dryRun: boolean;
  execution: { id: string; name: string; startedAt: string };
  runAt?: string;
  regions: string[];
  resourceTypes: ResourceType[];
  settings: Pick<CleanupSettings, 'snapshotAgeDays' | 'minAgeDays' | 'gracePeriodDays' | 'finalSnapshot' | 'safetyCap'>;
  /** The run's cap over every account; each account's own is in `accounts[].safetyCap`. */
  safetyCap?: GateDecision['cap'] & { estate: number; markBudget: number };
  /** Per account: regions planned and failed, what was planned, outcomes, its cap; exempt accounts last. */
  accounts: AccountSummary[];
  exemptAccounts: ExemptAccount[];
  /** Account x region targets whose planning failed (nothing was done there). */
  failedTargets: FailedTarget[];
  prices: CleanupSettings['prices'];
  notes: string[];
  error?: { Error: string; Cause: string };
  items: ReportItem[];
  totals: Totals;
}

export type Totals = Record<Outcome, number> & {
  estate: number;
  /** Accounts the run acted in (exempt ones not counted), and targets whose planning failed. */
  accounts: number;
  failedTargets: number;
  deferred: number;
  skippedByReason: Record<string, number>;
  realisedMonthlySavingsUsd: number;
  markedMonthlySavingsUsd: number;
  pendingMonthlySavingsUsd: number;
  dueMonthlySavingsUsd: number;
  deferredMonthlySavingsUsd: number;
  finalSnapshotsMonthlyCostUsd: number;
};

export interface ReportInput {
  status: RunStatus;
  execution: ExecutionRef;
  settings: CleanupSettings;
  plans: RegionPlan[];
  gate?: GateDecision;
  batches: Batch[];
  run?: { mode: Mode; regions: string[]; resourceTypes: ResourceType[] };
  error?: { Error: string; Cause: string };
  /** Every target's result (planned or failed: results/<account>/<region>.json). */
  targets?: TargetResult<TargetPlanned>[];
}

const resultKey = (item: Item, action: Action) => `${item.accountId}/${item.region}/${item.resourceId}/${action}`;

function withOutcome(item: Item, outcome: Outcome, action?: Action, detail?: string): ReportItem {
  return { ...item, ...(action ? { action } : {}), outcome, ...(detail ? { detail } : {}) };
}

/** Every planned item with what happened to it (or what would have, or that it was not reached). */
function reportItems(input: ReportInput, mode: Mode | undefined): ReportItem[] {
  // Keyed by the batch's action: a due item that no longer qualified when its batch ran comes back unmarked.
  const results = new Map<string, ItemResult>();
  for (const batch of input.batches)
    for (const result of batch.results ?? []) results.set(resultKey(result, batch.action), result);
  const runStopped = input.status === 'safety-stop';
  const accountsStopped = new Set((input.gate?.accounts ?? []).filter((a) => a.exceeded).map((a) => a.accountId));
  const unreached = input.status === 'failed' ? 'not reached: the run failed' : undefined;
  const acted = (item: Item, action: Action, otherwise: Outcome, detail?: string): ReportItem =>
    results.get(resultKey(item, action)) ?? withOutcome(item, otherwise, action, detail);
  const items: ReportItem[] = [];
  for (const plan of input.plans) {
    const stopped = runStopped || accountsStopped.has(plan.accountId);
    const why = runStopped ? 'safety cap exceeded' : "the account's safety cap exceeded";
    for (const item of plan.skipped) items.push(withOutcome(item, 'skipped'));
    for (const item of plan.pending) items.push(withOutcome(item, 'pending'));
    for (const item of plan.due) {
      if (mode === 'delete' && !stopped) items.push(acted(item, 'delete', 'due', unreached));
      else items.push(withOutcome(item, 'due', undefined, stopped ? `not deleted: ${why}` : undefined));
    }
    for (const item of plan.unmark) {
      if (mode === 'report' || stopped || !input.gate) items.push(withOutcome(item, 'would-unmark', 'unmark'));
      else items.push(acted(item, 'unmark', 'would-unmark', unreached));
    }
  }
  for (const item of input.gate?.toMark ?? []) {
    if (mode === 'report' || input.status === 'in-progress') items.push(withOutcome(item, 'would-mark', 'mark'));
    else items.push(acted(item, 'mark', 'would-mark', unreached));
  }
  // Candidates the gate did not pick are deferred: counted in totals, not listed (there may be 100,000 of them).
  return items;
}

const OUTCOMES: Outcome[] = [
  'would-mark',
  'marked',
  'pending',
  'due',
  'deleted',
  'already-gone',
  'awaiting-final-snapshot',
  'would-unmark',
  'unmarked',
  'skipped',
  'failed',
];

function sumOf(items: ReportItem[], outcomes: Outcome[]): number {
  return round2(
    items
      .filter((item) => outcomes.includes(item.outcome))
      .reduce((sum, item) => sum + item.estimatedMonthlySavingsUsd, 0),
  );
}

function totalsOf(items: ReportItem[], input: ReportInput): Totals {
  const counts = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  const skippedByReason: Record<string, number> = {};
  for (const item of items) {
    counts[item.outcome] += 1;
    if (item.outcome === 'skipped' && item.reason)
      skippedByReason[item.reason] = (skippedByReason[item.reason] ?? 0) + 1;
  }
  const finalSnapshots = items.filter((item) => item.finalSnapshotId && item.outcome === 'deleted');
  const estate = input.plans.reduce(
    (sum, plan) => sum + plan.estate.volume + plan.estate.snapshot + plan.estate.address,
    0,
  );
  return {
    ...counts,
    estate,
    accounts: new Set([...input.plans.map((plan) => plan.accountId), ...(input.targets ?? []).map((t) => t.accountId)])
      .size,
    failedTargets: (input.targets ?? []).filter((target) => !target.ok).length,
    deferred: input.gate?.deferred.count ?? 0,
    skippedByReason,
    realisedMonthlySavingsUsd: sumOf(items, ['deleted']),
    markedMonthlySavingsUsd: sumOf(items, ['marked', 'would-mark']),
    pendingMonthlySavingsUsd: sumOf(items, ['pending']),
    dueMonthlySavingsUsd: sumOf(items, ['due', 'awaiting-final-snapshot']),
    deferredMonthlySavingsUsd: input.gate?.deferred.estimatedMonthlySavingsUsd ?? 0,
    finalSnapshotsMonthlyCostUsd: round2(
      finalSnapshots.reduce(
        (sum, item) => sum + snapshotMonthlyUsd(input.settings.prices, item.sizeGiB ?? 0, 'standard'),
        0,
      ),
    ),
  };
}

/** The report of a run (or, status in-progress, the gate's announcement) from its work files. */
export function buildReport(input: ReportInput): CleanupReport {
  const first = input.plans[0];
  const mode = input.gate?.mode ?? input.run?.mode ?? first?.mode;
  const items = reportItems(input, mode);
  const { settings } = input;
  const exempt = input.gate?.exempt ?? [];
  return {
    playbook: PLAYBOOK,
    schemaVersion: 1,
    status: input.status,
    mode,
    dryRun: mode === 'report',
    execution: { id: input.execution.Id, name: input.execution.Name, startedAt: input.execution.StartTime },
    runAt: input.gate?.runAt ?? first?.runAt,
    regions: input.gate?.regions ?? input.run?.regions ?? input.plans.map((plan) => plan.region),
    resourceTypes: input.gate?.resourceTypes ?? input.run?.resourceTypes ?? first?.resourceTypes ?? [],
    settings: {
      snapshotAgeDays: settings.snapshotAgeDays,
      minAgeDays: settings.minAgeDays,
      gracePeriodDays: settings.gracePeriodDays,
      finalSnapshot: settings.finalSnapshot,
      safetyCap: settings.safetyCap,
    },
    ...(input.gate
      ? { safetyCap: { ...input.gate.cap, estate: input.gate.estate, markBudget: input.gate.markBudget } }
      : {}),
    accounts: summarizeAccounts({
      plans: input.plans,
      targets: input.targets ?? [],
      caps: input.gate?.accounts ?? [],
      exempt,
      items,
      runStopped: input.status === 'safety-stop',
    }),
    exemptAccounts: exempt,
    failedTargets: failedTargetsOf(input.targets ?? []),
    prices: settings.prices,
    notes: PRICING_NOTES,
    ...(input.error ? { error: input.error } : {}),
    items,
    totals: totalsOf(items, input),
  };
}
