// Between planning and acting: the safety cap (per account and in total), the mark budget, the batches, and the
// announcement.
// - Cap: in each account the lower of maxDeletionsPerAccount and maxEstateShare x the resources the run looked at
//   there; over the run the lower of maxDeletionsPerRun and maxEstateShare x everything it looked at. In a delete run
//   an account with more due deletions than its limit is stopped (nothing deleted, marked or unmarked there; the
//   report alerts) and the others go on; when the due deletions of all accounts exceed the run's limit, or every
//   account is stopped, the whole run stops before changing anything.
// - Budget: new marks are limited so that marked resources (pending, plus due ones that are not deleted in this run)
//   never exceed either limit, so a later run is not stopped by marks this run wrote. Candidates beyond it are
//   deferred to later runs, best savings first.
// - Announcement: the report listing the marks is stored before any mark is written, so nothing carries a mark
//   (and nothing can ever be deleted) that no report announced.
// Targets whose planning failed (AccessDenied, throttling: recorded by the Map's Catch) are counted, not acted on.

import type { AuditTrail } from '../../shared/audit/audit.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import { readResults } from '../../shared/fanout/results.ts';
import { resultsPrefix, type TargetResult } from '../../shared/fanout/targets.ts';
import type { ExecutionRef } from '../../shared/handler/handler.ts';
import { chunk, mapLimit } from '../model/concurrency.ts';
import {
  type AccountCap,
  type Action,
  type Batch,
  byPriority,
  type CleanupSettings,
  type ExemptAccount,
  type GateDecision,
  type Item,
  type Mode,
  PLAYBOOK,
  type RegionPlan,
  type ResourceType,
  round2,
  type TargetPlanned,
} from '../model/model.ts';
import { buildReport, type CleanupReport } from '../model/report.ts';
import { addDays, utcDate } from '../model/tags.ts';
import { type BatchRef, batchKey, batchListKey, gateKey, type WorkStore } from '../model/work.ts';
import { getJson } from '../model/work-get.ts';
import { putJson } from '../model/work-put.ts';

export interface GateRun {
  mode: Mode;
  regions: string[];
  resourceTypes: ResourceType[];
}

export interface GateDeps {
  store: WorkStore;
  settings: CleanupSettings;
  execution: ExecutionRef;
  audit: AuditTrail;
  /** Stores the announcement (JSON and HTML report, no notification). */
  announce: (report: CleanupReport) => Promise<void>;
}

/** What the state machine gets back: keys and counts only, whatever the number of accounts. */
export interface GateResult {
  /** The whole run stops (safety cap): nothing is changed anywhere. */
  stopped: boolean;
  /** The batch list the apply Map reads (ItemReader). */
  batches: { bucket: string; key: string };
  batchCount: number;
  awaitingCount: number;
  poll: number;
  maxPolls: number;
  waitSeconds: number;
  marks: number;
  deletions: number;
  unmarks: number;
  plannedTargets: number;
  failedTargets: number;
  /** Accounts stopped by their own cap while the others go on. */
  stoppedAccounts: number;
  /** When no target could be planned: the run's error (see failureOf); null otherwise. */
  failure: { Error: string; Cause: string } | null;
}

type Decision = Omit<GateDecision, 'batchList' | 'batchCount' | 'exempt'>;

/** The lower of a count and a share of the estate (resources looked at). */
export function capLimit(count: number, share: number, estate: number): number {
  return Math.min(count, Math.floor(share * estate));
}

const estateOf = (plan: RegionPlan) => plan.estate.volume + plan.estate.snapshot + plan.estate.address;

function accountCaps(run: GateRun, plans: RegionPlan[], settings: CleanupSettings): AccountCap[] {
  const { maxDeletionsPerAccount, maxEstateShare } = settings.safetyCap;
  const caps = new Map<string, AccountCap>();
  for (const plan of plans) {
    const cap = caps.get(plan.accountId) ?? {
      accountId: plan.accountId,
      accountName: plan.accountName,
      estate: 0,
      limit: 0,
      dueDeletions: 0,
      pending: 0,
      exceeded: false,
      markBudget: 0,
    };
    cap.estate += estateOf(plan);
    cap.dueDeletions += plan.due.length;
    cap.pending += plan.pending.length;
    caps.set(plan.accountId, cap);
  }
  for (const cap of caps.values()) {
    cap.limit = capLimit(maxDeletionsPerAccount, maxEstateShare, cap.estate);
    cap.exceeded = run.mode === 'delete' && cap.dueDeletions > cap.limit;
  }
  return [...caps.values()];
}

/** Whether the whole run stops: the run's cap exceeded, or every account stopped by its own. */
export const runStopped = (decision: Pick<GateDecision, 'cap' | 'accounts'>) =>
  decision.cap.exceeded || (decision.accounts.length > 0 && decision.accounts.every((account) => account.exceeded));

/** The safety caps and the marks (see the file comment); pure. */
export function decide(run: GateRun, plans: RegionPlan[], settings: CleanupSettings): Decision {
  const runAt = plans.map((plan) => plan.runAt).sort()[0] ?? new Date().toISOString();
  const deleting = run.mode === 'delete';
  const accounts = accountCaps(run, plans, settings);
  const estate = accounts.reduce((sum, account) => sum + account.estate, 0);
  const limit = capLimit(settings.safetyCap.maxDeletionsPerRun, settings.safetyCap.maxEstateShare, estate);
  const dueDeletions = accounts.reduce((sum, account) => sum + account.dueDeletions, 0);
  const cap = {
    maxDeletionsPerRun: settings.safetyCap.maxDeletionsPerRun,
    maxDeletionsPerAccount: settings.safetyCap.maxDeletionsPerAccount,
    maxEstateShare: settings.safetyCap.maxEstateShare,
    limit,
    dueDeletions,
    exceeded: deleting && dueDeletions > limit,
  };
  const stopped = runStopped({ cap, accounts });
  // Marks that stay after this run: pending ones, and due ones this run does not delete.
  const stillMarked = (account: AccountCap) =>
    account.pending + (deleting && !account.exceeded ? 0 : account.dueDeletions);
  for (const account of accounts) {
    account.markBudget = stopped || account.exceeded ? 0 : Math.max(0, account.limit - stillMarked(account));
  }
  let total = stopped ? 0 : Math.max(0, limit - accounts.reduce((sum, account) => sum + stillMarked(account), 0));
  const markBudget = total;
  const left = new Map(accounts.map((account) => [account.accountId, account.markBudget]));
  const deleteAfter = addDays(utcDate(new Date(runAt)), settings.gracePeriodDays);
  const toMark: Item[] = [];
  for (const item of plans.flatMap((plan) => plan.candidates).sort(byPriority)) {
    if (total === 0) break;
    const budget = left.get(item.accountId) ?? 0;
    if (budget === 0) continue;
    toMark.push({ ...item, deleteAfter });
    left.set(item.accountId, budget - 1);
    total -= 1;
  }
  const candidates = plans.reduce((sum, plan) => sum + plan.candidatesTotal.count, 0);
  const candidateSavings = plans.reduce((sum, plan) => sum + plan.candidatesTotal.estimatedMonthlySavingsUsd, 0);
  const markedSavings = toMark.reduce((sum, item) => sum + item.estimatedMonthlySavingsUsd, 0);
  return {
    mode: run.mode,
    runAt,
    regions: run.regions,
    resourceTypes: run.resourceTypes,
    estate,
    cap,
    accounts,
    markBudget,
    toMark,
    deferred: {
      count: Math.max(0, candidates - toMark.length),
      estimatedMonthlySavingsUsd: round2(Math.max(0, candidateSavings - markedSavings)),
    },
  };
}

const where = (accountId: string, region: string) => `${accountId}/${region}`;

/**
 * Splits the work into batch files per account, region and action (unmarks first, then marks, then deletions);
 * none for a stopped run or a stopped account.
 */
function makeBatches(decision: Decision, plans: RegionPlan[], settings: CleanupSettings): Batch[] {
  if (decision.mode === 'report' || runStopped(decision)) return [];
  const stoppedAccounts = new Set(decision.accounts.filter((a) => a.exceeded).map((a) => a.accountId));
  const marks = Map.groupBy(decision.toMark, (item) => where(item.accountId, item.region));
  const batches: Batch[] = [];
  const add = (plan: RegionPlan, action: Action, items: Item[], size: number) => {
    chunk(items, size).forEach((part, index) => {
      const name = `${plan.accountId}-${plan.region}-${action}-${String(index + 1).padStart(4, '0')}`;
      batches.push({
        name,
        accountId: plan.accountId,
        region: plan.region,
        action,
        runAt: decision.runAt,
        items: part,
      });
    });
  };
  for (const plan of plans) {
    if (stoppedAccounts.has(plan.accountId)) continue;
    add(plan, 'unmark', plan.unmark, settings.batchSize.tag);
    add(plan, 'mark', marks.get(where(plan.accountId, plan.region)) ?? [], settings.batchSize.tag);
    if (decision.mode === 'delete') add(plan, 'delete', plan.due, settings.batchSize.delete);
  }
  return batches;
}

/** mode report: what a mark or delete run would do goes to the audit trail as dry runs. */
async function recordDryRuns(audit: AuditTrail, decision: Decision, plans: RegionPlan[]): Promise<void> {
  const dryRun = (action: string, item: Item, detail: Record<string, unknown>) => ({
    action,
    resource: item.resourceId,
    region: item.region,
    account: item.accountId,
    outcome: 'dry-run' as const,
    detail: { resourceType: item.resourceType, ...detail },
  });
  await audit.recordMany([
    ...decision.toMark.map((item) => dryRun('ec2:CreateTags', item, { mark: item.deleteAfter })),
    ...plans.flatMap((plan) => plan.unmark.map((item) => dryRun('ec2:DeleteTags', item, { reason: item.reason }))),
    ...plans.flatMap((plan) =>
      plan.due.map((item) => dryRun(`delete ${item.resourceType}`, item, { mark: item.deleteAfter })),
    ),
  ]);
}

/**
 * The error of a run in which no target could be planned: the targets' own error when they all failed alike (a run
 * over one account and region fails as that region did), else AllTargetsFailed; the cause names the first few.
 */
export function failureOf(failed: TargetResult<unknown>[]): { Error: string; Cause: string } {
  const errors = [...new Set(failed.map((target) => (target.ok ? '' : target.error.Error)))];
  const named = failed.slice(0, 5).map((target) => {
    const error = target.ok ? undefined : target.error;
    return `${target.accountName}/${target.region}: ${error?.Error}: ${causeMessage(error?.Cause).slice(0, 200)}`;
  });
  const more = failed.length > named.length ? `; and ${failed.length - named.length} more` : '';
  return {
    Error: errors.length === 1 ? errors[0] : 'AllTargetsFailed',
    Cause: `No account x region could be planned: ${named.join('; ')}${more}`,
  };
}

/** Plans read at a time (a run may have 1,000 accounts x 17 regions). */
const READ_CONCURRENCY = 16;

/**
 * Reads the targets' results and plans, decides, writes the batches, their list and gate.json, records the dry runs
 * (mode report) or announces the marks (mode mark and delete), and returns keys and counts for the state machine.
 * Throws what S3 and the audit trail throw.
 */
export async function gate(run: GateRun, exempt: ExemptAccount[], deps: GateDeps): Promise<GateResult> {
  const { store, execution } = deps;
  const results = await readResults<TargetPlanned>(store.s3, store.bucket, resultsPrefix(PLAYBOOK, execution.Name));
  const planned = results.flatMap((result) => (result.ok ? [result.result] : []));
  const plans = (
    await mapLimit(planned, READ_CONCURRENCY, (result) => getJson<RegionPlan>(store, result.planKey))
  ).filter((plan): plan is RegionPlan => plan !== undefined);
  const decision = decide(run, plans, deps.settings);
  const batches = makeBatches(decision, plans, deps.settings);
  const refs: BatchRef[] = batches.map((batch) => ({
    key: batchKey(execution.Name, batch.name),
    accountId: batch.accountId,
    region: batch.region,
    action: batch.action,
  }));
  await mapLimit(batches, READ_CONCURRENCY, (batch, index) => putJson(store, refs[index].key, batch));
  const listKey = batchListKey(execution.Name, 0);
  await putJson(store, listKey, refs);
  const stored: GateDecision = { ...decision, exempt, batchList: listKey, batchCount: refs.length };
  await putJson(store, gateKey(execution.Name), stored);
  const stopped = runStopped(decision);
  if (run.mode === 'report') await recordDryRuns(deps.audit, decision, plans);
  if (run.mode !== 'report' && decision.toMark.length && !stopped) {
    await deps.announce(
      buildReport({
        status: 'in-progress',
        execution,
        settings: deps.settings,
        plans,
        gate: stored,
        batches,
        run,
        targets: results,
      }),
    );
  }
  const count = (action: Action) =>
    batches.filter((batch) => batch.action === action).reduce((sum, batch) => sum + batch.items.length, 0);
  return {
    stopped,
    batches: { bucket: store.bucket, key: listKey },
    batchCount: refs.length,
    awaitingCount: 0,
    poll: 0,
    maxPolls: deps.settings.finalSnapshot.maxPolls,
    waitSeconds: deps.settings.finalSnapshot.waitSeconds,
    marks: count('mark'),
    deletions: count('delete'),
    unmarks: count('unmark'),
    plannedTargets: plans.length,
    failedTargets: results.length - planned.length,
    stoppedAccounts: stopped ? 0 : decision.accounts.filter((account) => account.exceeded).length,
    failure: plans.length === 0 && results.length > 0 ? failureOf(results) : null,
  };
}
