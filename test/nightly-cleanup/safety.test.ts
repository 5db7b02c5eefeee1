// nightly-cleanup when things go wrong: the safety cap, resources already gone, deletions AWS refuses or throttles,
// and a run that fails part-way.
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule, SandboxAccount } from '../../sandbox/account.ts';
import {
  cleanupConfig,
  EAST,
  idsWith,
  inventory,
  isoDay,
  itemOf,
  marks,
  mutatingEc2Calls,
  reportOf,
  runCleanup,
  setTags,
  unmarkedAccount,
} from './helpers.ts';

const DUE_SNAPSHOTS = ['snap-01c10000000000003', 'snap-01c10000000000004', 'snap-01c10000000000005'];
const DUE_VOLUMES = ['vol-01b20000000000001', 'vol-01b20000000000002'];

/** A seed account where an earlier run's marks on three snapshots and two volumes are due. */
async function withDueMarks(faults: FaultRule[] = []): Promise<SandboxAccount> {
  const account = await unmarkedAccount({ faults });
  await setTags(account, EAST, [...DUE_SNAPSHOTS, ...DUE_VOLUMES], { 'autopilot:delete-after': isoDay(-1) });
  account.calls.length = 0;
  return account;
}

const snsSubjects = (account: SandboxAccount) =>
  account.callsTo('SNS', 'Publish').map((call) => String((call.input as { Subject?: string }).Subject));

afterEach(() => {
  delete process.env.AUTOPILOT_MAX_ATTEMPTS;
});

describe('the safety cap', () => {
  it('stops a delete run that would delete more than maxDeletionsPerRun, changes nothing and alerts', async () => {
    const account = await withDueMarks();
    const before = await inventory(account, EAST);

    const result = await runCleanup(
      account,
      { mode: 'delete', regions: [EAST] },
      cleanupConfig((s) => (s.safetyCap.maxDeletionsPerRun = 4)),
    );

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('SafetyLimitError');
    expect(mutatingEc2Calls(account)).toEqual([]);
    expect(await inventory(account, EAST)).toEqual(before);
    expect(snsSubjects(account)).toEqual([
      expect.stringMatching(/\[SEV2\] Nightly cleanup stopped by its safety cap: 5 deletions due, limit 4/),
    ]);
    expect(account.callsTo('PagerDuty')).toHaveLength(1);
    const report = await reportOf(account, result);
    expect(report.status).toBe('safety-stop');
    expect(report.safetyCap).toMatchObject({ dueDeletions: 5, limit: 4, exceeded: true });
    expect(idsWith(report, 'due')).toEqual([...DUE_SNAPSHOTS, ...DUE_VOLUMES].sort());
  });

  it('also limits deletions to a share of the estate the run looked at', async () => {
    const account = await withDueMarks();
    const config = cleanupConfig((s) => (s.safetyCap.maxEstateShare = 0.1));

    const result = await runCleanup(account, { mode: 'delete', regions: [EAST] }, config);

    expect(result.status).toBe('FAILED');
    const report = await reportOf(account, result);
    expect(report.safetyCap).toMatchObject({
      estate: report.totals.estate,
      limit: Math.floor(report.totals.estate * 0.1),
    });
    expect(account.callsTo('EC2', 'DeleteSnapshot')).toEqual([]);
  });

  it('never marks more than a later run could delete within the cap', async () => {
    const account = await unmarkedAccount();
    await setTags(account, EAST, ['snap-01c10000000000014'], { 'autopilot:exempt': 'true' });
    const config = cleanupConfig((s) => (s.safetyCap.maxDeletionsPerRun = 2));

    const result = await runCleanup(account, { mode: 'mark', regions: [EAST] }, config);

    const report = await reportOf(account, result);
    expect(Object.keys(await marks(account, EAST))).toHaveLength(2);
    // Best savings first: the 1000 GiB io1 volume and the 2000 GiB st1 one.
    expect(idsWith(report, 'marked')).toEqual(['vol-01b20000000000003', 'vol-01b20000000000004']);
    expect(report.totals.deferred).toBeGreaterThan(0);
  });
});

describe('deletions that do not go as planned', () => {
  it('counts a resource that is already gone as done, without savings credited to the run', async () => {
    const account = await withDueMarks([
      { service: 'EC2', operation: 'DeleteSnapshot', error: 'InvalidSnapshot.NotFound', message: 'gone', times: 1 },
    ]);

    const result = await runCleanup(account, { mode: 'delete', regions: [EAST], resourceTypes: ['snapshot'] });

    expect(result.status).toBe('SUCCEEDED');
    const report = await reportOf(account, result);
    expect(idsWith(report, 'already-gone')).toHaveLength(1);
    expect(idsWith(report, 'deleted')).toHaveLength(2);
    const deleted = report.items.filter((item) => item.outcome === 'deleted');
    expect(report.totals.realisedMonthlySavingsUsd).toBeCloseTo(
      deleted.reduce((sum, item) => sum + item.estimatedMonthlySavingsUsd, 0),
      2,
    );
  });

  it('reports a refused deletion as failed, never as deleted, and goes on with the others', async () => {
    const account = await withDueMarks([
      { service: 'EC2', operation: 'DeleteSnapshot', error: 'UnauthorizedOperation', message: 'denied', times: 1 },
    ]);

    const result = await runCleanup(account, { mode: 'delete', regions: [EAST], resourceTypes: ['snapshot'] });

    expect(result.status).toBe('SUCCEEDED');
    const report = await reportOf(account, result);
    const [failed] = report.items.filter((item) => item.outcome === 'failed');
    expect(failed).toMatchObject({ errorCode: 'UnauthorizedOperation', action: 'delete' });
    expect(await inventory(account, EAST)).toContain(failed.resourceId);
    expect(idsWith(report, 'deleted')).toEqual(DUE_SNAPSHOTS.filter((id) => id !== failed.resourceId));
    expect(snsSubjects(account)).toEqual([expect.stringMatching(/^\[SEV3\] Nightly cleanup \(delete\): .*1 failed/)]);
  });

  it('stops a batch that AWS keeps throttling and resumes it on the state machine retry', async () => {
    // Two SDK attempts per call (instead of 5) keep the client's backoff short; both are throttled.
    process.env.AUTOPILOT_MAX_ATTEMPTS = '2';
    const account = await withDueMarks([{ service: 'EC2', operation: 'DeleteVolume', times: 2 }]);

    const oneAtATime = cleanupConfig((s) => (s.concurrency = 1));

    const result = await runCleanup(
      account,
      { mode: 'delete', regions: [EAST], resourceTypes: ['volume'] },
      oneAtATime,
    );

    expect(result.status).toBe('SUCCEEDED');
    expect(
      result.trace.some(
        (entry) => entry.kind === 'state' && entry.state === 'Apply cleanup batch' && entry.event === 'retried',
      ),
    ).toBe(true);
    const report = await reportOf(account, result);
    expect(idsWith(report, 'deleted')).toEqual(DUE_VOLUMES);
    expect(
      account.callsTo('EC2', 'DeleteVolume').filter((call) => call.errorCode === 'RequestLimitExceeded'),
    ).toHaveLength(2);
    // The retried batch found its final snapshots instead of taking new ones.
    expect(account.callsTo('EC2', 'CreateSnapshot')).toHaveLength(DUE_VOLUMES.length);
  });

  it('reports what it did and alerts when a step fails for good', async () => {
    const account = await withDueMarks([
      { service: 'EC2', operation: 'DescribeAddresses', error: 'UnauthorizedOperation', message: 'denied' },
    ]);

    const result = await runCleanup(account, { mode: 'delete', regions: [EAST] });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('UnauthorizedOperation');
    expect(mutatingEc2Calls(account)).toEqual([]);
    const report = await reportOf(account, result);
    expect(report).toMatchObject({ status: 'failed', error: { Error: 'UnauthorizedOperation' } });
    expect(snsSubjects(account)).toEqual([
      expect.stringMatching(/^\[SEV3\] Nightly cleanup failed: UnauthorizedOperation/),
    ]);
    expect(itemOf(report, 'vol-01b20000000000001')).toBeUndefined();
  });

  it('rejects a region that is not configured before looking at anything, and says so', async () => {
    const account = await unmarkedAccount();

    const result = await runCleanup(account, { mode: 'delete', regions: ['eu-central-1'] });

    expect(result.status).toBe('FAILED');
    expect(result.error).toMatchObject({ Error: 'InvalidInputError', Cause: expect.stringContaining('eu-central-1') });
    expect(account.calls.filter((call) => call.service === 'EC2')).toEqual([]);
    expect(snsSubjects(account)).toEqual([expect.stringMatching(/Nightly cleanup failed: InvalidInputError/)]);
  });
});
