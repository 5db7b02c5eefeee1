// The nightly-cleanup HTML report at 1280 px: an account whose member role could not be assumed lists the error with
// its ARNs in "Failed regions", which pushed the accounts table past the page.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../functions/nightly-cleanup/model/render.ts';
import type { CleanupReport } from '../../functions/nightly-cleanup/model/report.ts';

const CAUSE =
  'cannot act in account 345678901234: assuming arn:aws:iam::345678901234:role/idp-autopilot-member failed (AccessDenied)';

function failedAccountReport(): CleanupReport {
  const totals = { estate: 1, realisedMonthlySavingsUsd: 0, markedMonthlySavingsUsd: 0, pendingMonthlySavingsUsd: 0 };
  return {
    status: 'partly-failed',
    mode: 'report',
    execution: { id: 'arn:run-1', name: 'run-1', startedAt: '2026-12-01T02:30:00.000Z' },
    regions: ['us-east-1'],
    resourceTypes: ['volume'],
    notes: [],
    accounts: [
      {
        accountId: '345678901234',
        accountName: 'sandbox-dev',
        status: 'failed',
        regions: ['us-east-1'],
        failedRegions: [{ region: 'us-east-1', error: 'MemberAccessError', cause: CAUSE }],
        planned: { estate: 0 },
        outcomes: {},
        realisedMonthlySavingsUsd: 0,
      },
    ],
    items: [
      {
        accountId: '345678901234',
        region: 'us-east-1',
        resourceType: 'volume',
        resourceId: 'vol-1',
        outcome: 'failed',
        reason: 'delete failed',
        message: CAUSE,
        estimatedMonthlySavingsUsd: 1,
      },
    ],
    totals: {
      ...totals,
      dueMonthlySavingsUsd: 0,
      deferred: 0,
      deferredMonthlySavingsUsd: 0,
      finalSnapshotsMonthlyCostUsd: 0,
    },
  } as unknown as CleanupReport;
}

describe("nightly-cleanup's HTML report", () => {
  it("lets an account's failed regions and an item's reason wrap anywhere (long ARNs)", () => {
    const html = renderHtml(failedAccountReport());

    expect(html).toContain(`<td class="long">us-east-1: MemberAccessError ${CAUSE}</td>`);
    expect(html).toContain(`<td class="long">delete failed: ${CAUSE}</td>`);
  });
});
