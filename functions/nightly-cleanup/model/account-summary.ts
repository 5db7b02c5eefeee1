// The report per account: which of its regions were planned or failed (and why), what the run planned there, what
// happened to its items (marked, deleted, skipped, failed...), its own safety cap, and the exempt accounts listed
// apart. Built from the run's work files by buildReport (report.ts).
import type { TargetResult } from '../../shared/fanout/targets.ts';
import type { AccountCap, ExemptAccount, Outcome, RegionPlan, TargetPlanned } from './model.ts';
import { round2 } from './model.ts';

/** One report item as far as the summary needs it. */
interface Counted {
  accountId: string;
  outcome: Outcome;
  estimatedMonthlySavingsUsd: number;
}

/** A target (account x region) whose planning failed: the error the Map's Catch recorded. */
export interface FailedTarget {
  accountId: string;
  accountName: string;
  region: string;
  error: string;
  cause: string;
}

/**
 * - completed: every region planned, no item failed;
 * - partly-failed: a region could not be planned or an item failed (the rest was done);
 * - failed: no region of it could be planned;
 * - safety-stop: its due deletions exceeded its cap (or the run's cap stopped everything): nothing changed there;
 * - exempt: listed in config as exempt, never looked at.
 */
export type AccountStatus = 'completed' | 'partly-failed' | 'failed' | 'safety-stop' | 'exempt';

export interface AccountSummary {
  accountId: string;
  accountName: string;
  status: AccountStatus;
  /** Regions planned there. */
  regions: string[];
  failedRegions: { region: string; error: string; cause: string }[];
  /** What planning found: resources looked at, qualifying first sightings (all, also beyond the mark budget), marks. */
  planned: { estate: number; candidates: number; pending: number; due: number; unmark: number; skipped: number };
  /** Report items of the account by outcome (only outcomes that occur). */
  outcomes: Partial<Record<Outcome, number>>;
  realisedMonthlySavingsUsd: number;
  safetyCap?: AccountCap;
}

export interface AccountsInput {
  plans: RegionPlan[];
  targets: TargetResult<TargetPlanned>[];
  caps: AccountCap[];
  exempt: ExemptAccount[];
  items: Counted[];
  /** The whole run stopped by the safety cap. */
  runStopped: boolean;
}

/** Targets whose planning failed, in account and region order. */
export function failedTargetsOf(targets: TargetResult<TargetPlanned>[]): FailedTarget[] {
  return targets.flatMap((target) =>
    target.ok
      ? []
      : [
          {
            accountId: target.accountId,
            accountName: target.accountName,
            region: target.region,
            error: target.error.Error,
            cause: (target.error.Cause ?? '').slice(0, 500),
          },
        ],
  );
}

function emptySummary(accountId: string, accountName: string): AccountSummary {
  return {
    accountId,
    accountName,
    status: 'completed',
    regions: [],
    failedRegions: [],
    planned: { estate: 0, candidates: 0, pending: 0, due: 0, unmark: 0, skipped: 0 },
    outcomes: {},
    realisedMonthlySavingsUsd: 0,
  };
}

/** One summary per account the run targeted (in the order of its targets and plans), then the exempt ones. */
export function summarizeAccounts(input: AccountsInput): AccountSummary[] {
  const summaries = new Map<string, AccountSummary>();
  const summary = (accountId: string, accountName: string) => {
    const found = summaries.get(accountId) ?? emptySummary(accountId, accountName);
    summaries.set(accountId, found);
    return found;
  };
  for (const target of input.targets) summary(target.accountId, target.accountName);
  for (const plan of input.plans) {
    const account = summary(plan.accountId, plan.accountName);
    account.regions.push(plan.region);
    const planned = account.planned;
    planned.estate += plan.estate.volume + plan.estate.snapshot + plan.estate.address;
    planned.candidates += plan.candidatesTotal.count;
    planned.pending += plan.pending.length;
    planned.due += plan.due.length;
    planned.unmark += plan.unmark.length;
    planned.skipped += plan.skipped.length;
  }
  for (const failed of failedTargetsOf(input.targets)) {
    summary(failed.accountId, failed.accountName).failedRegions.push({
      region: failed.region,
      error: failed.error,
      cause: failed.cause,
    });
  }
  for (const item of input.items) {
    const account = summaries.get(item.accountId);
    if (!account) continue;
    account.outcomes[item.outcome] = (account.outcomes[item.outcome] ?? 0) + 1;
    if (item.outcome === 'deleted') account.realisedMonthlySavingsUsd += item.estimatedMonthlySavingsUsd;
  }
  const caps = new Map(input.caps.map((cap) => [cap.accountId, cap]));
  for (const account of summaries.values()) {
    account.realisedMonthlySavingsUsd = round2(account.realisedMonthlySavingsUsd);
    const cap = caps.get(account.accountId);
    if (cap) account.safetyCap = cap;
    if (!account.regions.length) account.status = 'failed';
    else if (input.runStopped || cap?.exceeded) account.status = 'safety-stop';
    else if (account.failedRegions.length || account.outcomes.failed) account.status = 'partly-failed';
  }
  const exempt = input.exempt
    .filter((account) => !summaries.has(account.id))
    .map((account): AccountSummary => ({ ...emptySummary(account.id, account.name), status: 'exempt' }));
  return [...summaries.values(), ...exempt];
}
