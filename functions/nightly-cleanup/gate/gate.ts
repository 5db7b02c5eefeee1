// Between planning and acting: the safety cap, the mark budget, the batches, and the announcement.
// - Cap: the lower of maxDeletionsPerRun and maxEstateShare x resources looked at. A delete run with more due
//   deletions stops before changing anything (the report step alerts).
// - Budget: new marks are limited so that marked resources (pending, plus due ones that are not deleted in this
//   run) never exceed the cap, so a later run is not stopped by marks this run wrote. Candidates beyond it are
//   deferred to later runs, best savings first.
// - Announcement: the report listing the marks is stored before any mark is written, so nothing carries a mark
//   (and nothing can ever be deleted) that no report announced.

import type { AuditTrail } from '../../shared/audit/audit.ts';
import type { ExecutionRef } from '../../shared/handler/handler.ts';
import { chunk } from '../model/concurrency.ts';
import {
  type Action,
  type Batch,
  byPriority,
  type CleanupSettings,
  type GateDecision,
  type Item,
  type Mode,
  type RegionPlan,
  type ResourceType,
  round2,
} from '../model/model.ts';
import { buildReport, type CleanupReport } from '../model/report.ts';
import { addDays, utcDate } from '../model/tags.ts';
import { batchKey, gateKey, type WorkStore } from '../model/work.ts';
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

export interface GateResult {
  stopped: boolean;
  batches: string[];
  batchCount: number;
  awaitingCount: number;
  poll: number;
  maxPolls: number;
  waitSeconds: number;
  marks: number;
  deletions: number;
  unmarks: number;
}

export function capLimit(settings: CleanupSettings, estate: number): number {
  const { maxDeletionsPerRun, maxEstateShare } = settings.safetyCap;
  return Math.min(maxDeletionsPerRun, Math.floor(maxEstateShare * estate));
}

export function decide(run: GateRun, plans: RegionPlan[], settings: CleanupSettings): Omit<GateDecision, 'batches'> {
  const runAt = plans.map((plan) => plan.runAt).sort()[0] ?? new Date().toISOString();
  const estate = plans.reduce((sum, plan) => sum + plan.estate.volume + plan.estate.snapshot + plan.estate.address, 0);
  const limit = capLimit(settings, estate);
  const due = plans.reduce((sum, plan) => sum + plan.due.length, 0);
  const pending = plans.reduce((sum, plan) => sum + plan.pending.length, 0);
  const exceeded = run.mode === 'delete' && due > limit;
  const stillMarked = pending + (run.mode === 'delete' ? 0 : due);
  const markBudget = exceeded ? 0 : Math.max(0, limit - stillMarked);
  const deleteAfter = addDays(utcDate(new Date(runAt)), settings.gracePeriodDays);
  const toMark = plans
    .flatMap((plan) => plan.candidates)
    .sort(byPriority)
    .slice(0, markBudget)
    .map((item) => ({ ...item, deleteAfter }));
  const candidates = plans.reduce((sum, plan) => sum + plan.candidatesTotal.count, 0);
  const candidateSavings = plans.reduce((sum, plan) => sum + plan.candidatesTotal.estimatedMonthlySavingsUsd, 0);
  const markedSavings = toMark.reduce((sum, item) => sum + item.estimatedMonthlySavingsUsd, 0);
  return {
    mode: run.mode,
    runAt,
    regions: run.regions,
    resourceTypes: run.resourceTypes,
    estate,
    cap: {
      maxDeletionsPerRun: settings.safetyCap.maxDeletionsPerRun,
      maxEstateShare: settings.safetyCap.maxEstateShare,
      limit,
      dueDeletions: due,
      exceeded,
    },
    markBudget,
    toMark,
    deferred: {
      count: Math.max(0, candidates - toMark.length),
      estimatedMonthlySavingsUsd: round2(Math.max(0, candidateSavings - markedSavings)),
    },
  };
}

/** Splits the work into batch files per region and action (unmarks first, then marks, then deletions). */
function makeBatches(decision: Omit<GateDecision, 'batches'>, plans: RegionPlan[], settings: CleanupSettings): Batch[] {
  if (decision.mode === 'report' || decision.cap.exceeded) return [];
  const batches: Batch[] = [];
  const add = (region: string, action: Action, items: Item[], size: number) => {
    chunk(items, size).forEach((part, index) => {
      const name = `${region}-${action}-${String(index + 1).padStart(4, '0')}`;
      batches.push({ name, region, action, runAt: decision.runAt, items: part });
    });
  };
  for (const plan of plans) {
    add(plan.region, 'unmark', plan.unmark, settings.batchSize.tag);
    add(
      plan.region,
      'mark',
      decision.toMark.filter((item) => item.region === plan.region),
      settings.batchSize.tag,
    );
    if (decision.mode === 'delete') add(plan.region, 'delete', plan.due, settings.batchSize.delete);
  }
  return batches;
}

/** mode report: what a mark or delete run would do goes to the audit trail as dry runs. */
async function recordDryRuns(
  audit: AuditTrail,
  decision: Omit<GateDecision, 'batches'>,
  plans: RegionPlan[],
): Promise<void> {
  const dryRun = (action: string, item: Item, detail: Record<string, unknown>) => ({
    action,
    resource: item.resourceId,
    region: item.region,
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

export async function gate(refs: { planKey: string }[], run: GateRun, deps: GateDeps): Promise<GateResult> {
  const plans = await Promise.all(refs.map((ref) => getJson<RegionPlan>(deps.store, ref.planKey)));
  const decision = decide(run, plans, deps.settings);
  const batches = makeBatches(decision, plans, deps.settings);
  const keys = batches.map((batch) => batchKey(deps.execution.Name, batch.name));
  await Promise.all(batches.map((batch, index) => putJson(deps.store, keys[index], batch)));
  const stored: GateDecision = { ...decision, batches: keys };
  await putJson(deps.store, gateKey(deps.execution.Name), stored);
  if (run.mode === 'report') await recordDryRuns(deps.audit, decision, plans);
  if (run.mode !== 'report' && decision.toMark.length && !decision.cap.exceeded) {
    await deps.announce(
      buildReport({
        status: 'in-progress',
        execution: deps.execution,
        settings: deps.settings,
        plans,
        gate: stored,
        batches,
        run,
      }),
    );
  }
  const count = (action: Action) =>
    batches.filter((batch) => batch.action === action).reduce((sum, batch) => sum + batch.items.length, 0);
  return {
    stopped: decision.cap.exceeded,
    batches: keys,
    batchCount: keys.length,
    awaitingCount: 0,
    poll: 0,
    maxPolls: deps.settings.finalSnapshot.maxPolls,
    waitSeconds: deps.settings.finalSnapshot.waitSeconds,
    marks: count('mark'),
    deletions: count('delete'),
    unmarks: count('unmark'),
  };
}
