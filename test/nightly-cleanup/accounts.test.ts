// nightly-cleanup across accounts: home and staging x us-east-1 and us-west-2, one item refused by AWS; the safety
// cap per account and in total.
import { describe, expect, it } from 'vitest';
import { decide } from '../../functions/nightly-cleanup/gate/gate.ts';
import type { RegionPlan } from '../../functions/nightly-cleanup/model/model.ts';
import { HOME, STAGING } from '../support/accounts.ts';
import { cleanupConfig, EAST, isoDay, marks, reportOf, runCleanup, unmarkedAccount, WEST } from './helpers.ts';

const STAGING_VOLUME = 'vol-03b30000000000002';
const STAGING_SNAPSHOT = 'snap-03c30000000000001';

/** Home and staging (its member role deployed), both in us-east-1 and us-west-2. */
const twoAccounts = (change: Parameters<typeof cleanupConfig>[0] = () => {}) => {
  const config = cleanupConfig(change);
  config.accounts.members = [{ id: STAGING, name: 'staging', exempt: false }];
  return config;
};

/** Staging's EC2 tags of a resource, read from its own state (no client of ours could see it from home). */
function stagingTags(account: Awaited<ReturnType<typeof unmarkedAccount>>, id: string) {
  const ec2 = account.state.members![STAGING].regions[EAST].ec2;
  const found = [...ec2.volumes, ...ec2.snapshots].find((r) => ('SnapshotId' in r ? r.SnapshotId : r.VolumeId) === id);
  return Object.fromEntries((found?.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
}

describe('nightly-cleanup over two accounts x two regions', () => {
  it('marks each resource in its own account, fails only the item AWS refuses, and reports per account', async () => {
    const account = await unmarkedAccount({
      faults: [
        {
          service: 'EC2',
          operation: 'DescribeVolumes',
          region: WEST,
          accountId: STAGING,
          error: 'UnauthorizedOperation',
        },
      ],
    });

    const result = await runCleanup(account, { mode: 'mark' }, twoAccounts());

    expect(result.status).toBe('SUCCEEDED');
    expect(stagingTags(account, STAGING_VOLUME)['autopilot:delete-after']).toBe(isoDay(7));
    expect(stagingTags(account, STAGING_SNAPSHOT)['autopilot:delete-after']).toBe(isoDay(7));
    // Nothing of staging's was tagged through the home account, and home's own marks stayed at home.
    const homeMarks = { ...(await marks(account, EAST)), ...(await marks(account, WEST)) };
    expect(Object.keys(homeMarks)).not.toContain(STAGING_VOLUME);
    expect(Object.keys(homeMarks).length).toBeGreaterThan(0);
    const report = await reportOf(account, result);
    const byName = Object.fromEntries(report.accounts.map((summary) => [summary.accountName, summary]));
    expect(byName.home).toMatchObject({ accountId: HOME, status: 'completed', regions: [EAST, WEST] });
    expect(byName.staging).toMatchObject({ accountId: STAGING, status: 'partly-failed', regions: [EAST] });
    expect(byName.staging.failedRegions.map((f) => [f.region, f.error])).toEqual([[WEST, 'UnauthorizedOperation']]);
    expect(byName.staging.outcomes.marked).toBe(2);
    // One AssumeRole for staging in the whole run (planning both regions and applying the batch), none for home.
    const roles = account.callsTo('STS', 'AssumeRole').map((call) => (call.input as { RoleArn: string }).RoleArn);
    expect(roles).toEqual([`arn:aws:iam::${STAGING}:role/idp-autopilot-member`]);
  });
});

const due = (accountId: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    accountId,
    region: EAST,
    resourceType: 'volume' as const,
    resourceId: `vol-${accountId}-${i}`,
    estimatedMonthlySavingsUsd: 1,
  }));

function planOf(accountId: string, dueCount: number): RegionPlan {
  return {
    accountId,
    accountName: accountId === HOME ? 'home' : 'staging',
    region: EAST,
    runAt: '2026-11-01T02:30:00.000Z',
    mode: 'delete',
    resourceTypes: ['volume'],
    estate: { volume: 100, snapshot: 0, address: 0 },
    notCandidates: { volume: 0, snapshot: 0, address: 0 },
    candidates: [],
    candidatesTotal: { count: 0, estimatedMonthlySavingsUsd: 0 },
    pending: [],
    due: due(accountId, dueCount),
    unmark: [],
    skipped: [],
  };
}

describe('the safety cap across accounts', () => {
  const run = { mode: 'delete' as const, regions: [EAST], resourceTypes: ['volume' as const] };
  const cap = (maxDeletionsPerRun: number, maxDeletionsPerAccount: number) =>
    twoAccounts((s) => (s.safetyCap = { maxDeletionsPerRun, maxDeletionsPerAccount, maxEstateShare: 1 })).playbooks
      .nightlyCleanup;

  it('stops the account over its own cap and lets the other delete', () => {
    const decision = decide(run, [planOf(HOME, 3), planOf(STAGING, 8)], cap(100, 5));
    const byId = Object.fromEntries(decision.accounts.map((a) => [a.accountId, a]));
    expect(byId[STAGING]).toMatchObject({ dueDeletions: 8, limit: 5, exceeded: true });
    expect(byId[HOME]).toMatchObject({ dueDeletions: 3, exceeded: false });
    expect(decision.cap.exceeded).toBe(false);
  });

  it('stops the whole run when the accounts together exceed the run cap, each within its own', () => {
    const decision = decide(run, [planOf(HOME, 4), planOf(STAGING, 4)], cap(6, 5));
    expect(decision.accounts.every((a) => !a.exceeded)).toBe(true);
    expect(decision.cap).toMatchObject({ dueDeletions: 8, limit: 6, exceeded: true });
  });
});
