// The gate's arithmetic (safety cap, mark budget) and the report's contract with cost-report.
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { CostPlan } from '../../functions/cost-report/plan/plan.ts';
import { readCleanupSavings } from '../../functions/cost-report/savings/savings.ts';
import { decide } from '../../functions/nightly-cleanup/gate/gate.ts';
import type { RegionPlan } from '../../functions/nightly-cleanup/model/model.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { HOME } from '../support/accounts.ts';
import { readBack } from '../support/sandbox.ts';
import { BUCKET, cleanupConfig, EAST, isoDay, reportOf, runCleanup, setTags, unmarkedAccount } from './helpers.ts';

const item = (id: string, usd: number) => ({
  accountId: HOME,
  region: EAST,
  resourceType: 'volume' as const,
  resourceId: id,
  estimatedMonthlySavingsUsd: usd,
});

function plan(counts: { estate: number; candidates: number; pending: number; due: number }): RegionPlan {
  return {
    accountId: HOME,
    accountName: 'home',
    region: EAST,
    runAt: '2026-11-01T02:30:00.000Z',
    mode: 'mark',
    resourceTypes: ['volume'],
    estate: { volume: counts.estate, snapshot: 0, address: 0 },
    notCandidates: { volume: 0, snapshot: 0, address: 0 },
    candidates: Array.from({ length: counts.candidates }, (_, i) => item(`vol-c${i}`, i + 1)),
    candidatesTotal: { count: counts.candidates, estimatedMonthlySavingsUsd: 0 },
    pending: Array.from({ length: counts.pending }, (_, i) => item(`vol-p${i}`, 1)),
    due: Array.from({ length: counts.due }, (_, i) => item(`vol-d${i}`, 1)),
    unmark: [],
    skipped: [],
  };
}

const run = (mode: 'report' | 'mark' | 'delete') => ({ mode, regions: [EAST], resourceTypes: ['volume' as const] });

describe('the gate', () => {
  const settings = cleanupConfig(
    (s) => (s.safetyCap = { maxDeletionsPerRun: 10, maxDeletionsPerAccount: 10, maxEstateShare: 0.5 }),
  ).playbooks.nightlyCleanup;

  it('takes the lower of the count and the share of the estate as the limit', () => {
    expect(decide(run('delete'), [plan({ estate: 100, candidates: 0, pending: 0, due: 0 })], settings).cap.limit).toBe(
      10,
    );
    expect(decide(run('delete'), [plan({ estate: 12, candidates: 0, pending: 0, due: 0 })], settings).cap.limit).toBe(
      6,
    );
  });

  it('marks the best savings first, only as many as keep all marks within the limit, one grace period ahead', () => {
    const decision = decide(run('mark'), [plan({ estate: 100, candidates: 20, pending: 3, due: 2 })], settings);
    expect(decision.markBudget).toBe(5);
    expect(decision.toMark.map((i) => i.resourceId)).toEqual(['vol-c19', 'vol-c18', 'vol-c17', 'vol-c16', 'vol-c15']);
    expect(new Set(decision.toMark.map((i) => i.deleteAfter))).toEqual(new Set(['2026-11-08']));
    expect(decision.deferred.count).toBe(15);
  });

  it('does not count due marks a delete run removes, and stops only a delete run over the limit', () => {
    expect(
      decide(run('delete'), [plan({ estate: 100, candidates: 20, pending: 3, due: 2 })], settings).markBudget,
    ).toBe(7);
    expect(
      decide(run('delete'), [plan({ estate: 100, candidates: 0, pending: 0, due: 11 })], settings).cap.exceeded,
    ).toBe(true);
    expect(
      decide(run('mark'), [plan({ estate: 100, candidates: 0, pending: 0, due: 11 })], settings).cap.exceeded,
    ).toBe(false);
  });
});

describe('the report cost-report reads', () => {
  it('gives the realised savings of the deletions it reports, per item and in total', async () => {
    const account = await unmarkedAccount();
    await setTags(account, EAST, ['snap-01c10000000000005', 'eipalloc-01f20000000000002'], {
      'autopilot:delete-after': isoDay(-1),
    });
    await runCleanup(account, { mode: 'report' });
    const result = await runCleanup(account, { mode: 'delete', regions: [EAST] });
    const report = await reportOf(account, result);

    const costPlan = { monthName: 'this month', savingsPrefix: 'reports/nightly-cleanup/' } as CostPlan;
    const reading = await readBack(account, () => readCleanupSavings(awsClient(S3Client, EAST), BUCKET, costPlan));

    expect(report.totals.realisedMonthlySavingsUsd).toBe(28.65);
    // The report-mode run (dryRun) does not count; the delete run does, item by item.
    expect(reading).toMatchObject({ reportsRead: 2, reportsCounted: 1, realisedMonthlySavingsUsd: 28.65 });
    expect(reading.topItems.map((i) => [i.resource, i.estimatedMonthlySavingsUsd])).toEqual([
      ['snap-01c10000000000005', 25],
      ['eipalloc-01f20000000000002', 3.65],
    ]);
  });
});
