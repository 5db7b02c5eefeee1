// nightly-cleanup end to end on the sandbox: report, mark, then (a grace period later) delete.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount } from '../support/sandbox.ts';
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
  snapshotsTagged,
  unmarkedAccount,
  WEST,
} from './helpers.ts';

const T0 = new Date('2026-11-01T02:30:00Z');

/** The seed's qualifying resources (see arrange()): unattached volumes, old own snapshots, free addresses. */
const QUALIFYING = {
  [EAST]: [
    'eipalloc-01f20000000000002',
    'snap-01c10000000000003',
    'snap-01c10000000000004',
    'snap-01c10000000000005',
    'vol-01b20000000000001',
    'vol-01b20000000000002',
    'vol-01b20000000000003',
    'vol-01b20000000000004',
    'vol-01b20000000000006',
    'vol-01b20000000000008',
  ],
  [WEST]: ['eipalloc-02f20000000000001', 'snap-02c10000000000003', 'vol-02b20000000000001'],
};

/** A fresh seed without earlier marks, with one running and one expired date exemption. */
async function arrange(): Promise<SandboxAccount> {
  const account = await unmarkedAccount();
  await setTags(account, EAST, ['snap-01c10000000000014'], { 'autopilot:exempt': isoDay(30) });
  await setTags(account, EAST, ['vol-01b20000000000006'], { 'autopilot:exempt': isoDay(-10) });
  account.calls.length = 0;
  return account;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('nightly-cleanup report mode', () => {
  it('changes nothing and lists what a mark run would mark', async () => {
    const account = await arrange();
    const before = { east: await inventory(account, EAST), west: await inventory(account, WEST) };

    const result = await runCleanup(account, { mode: 'report' });

    expect(result.status).toBe('SUCCEEDED');
    expect(mutatingEc2Calls(account)).toEqual([]);
    expect({ east: await inventory(account, EAST), west: await inventory(account, WEST) }).toEqual(before);
    expect(await marks(account, EAST)).toEqual({});
    const report = await reportOf(account, result);
    expect(report.dryRun).toBe(true);
    expect(idsWith(report, 'would-mark')).toEqual([...QUALIFYING[EAST], ...QUALIFYING[WEST]].sort());
  });

  it('is what a dry run of any mode does', async () => {
    const account = await arrange();
    const result = await runCleanup(account, { mode: 'delete', dryRun: true });
    expect((await reportOf(account, result)).mode).toBe('report');
    expect(mutatingEc2Calls(account)).toEqual([]);
  });

  it('is what the nightly schedule does on a stage that has not opted in', async () => {
    const account = await arrange();
    const result = await runCleanup(account, { trigger: 'schedule' });
    expect((await reportOf(account, result)).mode).toBe('report');
    expect(mutatingEc2Calls(account)).toEqual([]);
  });
});

describe('nightly-cleanup mark mode', () => {
  it('marks exactly the qualifying resources one grace period ahead, after the report announced them', async () => {
    const account = await arrange();

    const result = await runCleanup(account, { mode: 'mark' });

    expect(result.status).toBe('SUCCEEDED');
    const due = isoDay(7);
    expect(await marks(account, EAST)).toEqual(Object.fromEntries(QUALIFYING[EAST].map((id) => [id, due])));
    expect(await marks(account, WEST)).toEqual(Object.fromEntries(QUALIFYING[WEST].map((id) => [id, due])));
    const report = await reportOf(account, result);
    expect(idsWith(report, 'marked')).toEqual([...QUALIFYING[EAST], ...QUALIFYING[WEST]].sort());
    expect(report.totals.deleted).toBe(0);
    const announced = account.calls.findIndex(
      (call) => call.operation === 'PutObject' && String((call.input as { Key: string }).Key).startsWith('reports/'),
    );
    const firstMark = account.calls.findIndex((call) => call.operation === 'CreateTags');
    expect(announced).toBeGreaterThanOrEqual(0);
    expect(announced).toBeLessThan(firstMark);
  });

  it('skips every protected resource with its reason and never tags it', async () => {
    const account = await arrange();
    const result = await runCleanup(
      account,
      { mode: 'mark' },
      cleanupConfig((s) => (s.minAgeDays = 14)),
    );

    const report = await reportOf(account, result);
    const reasons = Object.fromEntries(
      report.items.filter((item) => item.outcome === 'skipped').map((item) => [item.resourceId, item.reason]),
    );
    expect(reasons).toMatchObject({
      'vol-01b20000000000005': 'exempt',
      'snap-01c10000000000014': 'exempt',
      'vol-01b20000000000007': 'cloudformation',
      'vol-01b20000000000002': 'younger-than-min-age',
      'snap-01c10000000000006': 'used-by-ami',
      'snap-01c10000000000007': 'used-by-ami',
      'snap-01c10000000000013': 'used-by-ami',
      'snap-02c10000000000001': 'used-by-ami',
      'snap-01c10000000000008': 'aws-backup',
      'snap-01c10000000000010': 'used-by-launch-template',
      'eipalloc-01f20000000000003': 'reverse-dns',
      'eipalloc-01f20000000000004': 'exempt',
    });
    expect(itemOf(report, 'snap-01c10000000000007')?.detail).toContain('disabled');
    const tagged = Object.keys({ ...(await marks(account, EAST)), ...(await marks(account, WEST)) });
    expect(tagged.filter((id) => id in reasons)).toEqual([]);
  });
});

describe('nightly-cleanup delete mode', () => {
  it('deletes only resources whose mark is due and that still qualify, unmarking the others', async () => {
    const account = await arrange();
    await runCleanup(account, { mode: 'mark' });
    // Since the mark: one volume gained an exemption, one was attached again, one mark was moved later by hand.
    await setTags(account, EAST, ['vol-01b20000000000003'], { 'autopilot:exempt': 'true' });
    const reattached = account.region(EAST).ec2.volumes.find((v) => v.VolumeId === 'vol-01b20000000000004')!;
    Object.assign(reattached, {
      State: 'in-use',
      Attachments: [
        { VolumeId: reattached.VolumeId, InstanceId: 'i-01a10000000000001', Device: '/dev/sdg', State: 'attached' },
      ],
    });
    await setTags(account, EAST, ['vol-01b20000000000008'], { 'autopilot:delete-after': isoDay(30) });
    vi.setSystemTime(new Date(T0.getTime() + 8 * 86_400_000));

    const result = await runCleanup(account, { mode: 'delete' });

    expect(result.status).toBe('SUCCEEDED');
    const gone = [
      'eipalloc-01f20000000000002',
      'snap-01c10000000000003',
      'snap-01c10000000000004',
      'snap-01c10000000000005',
      'vol-01b20000000000001',
      'vol-01b20000000000002',
      'vol-01b20000000000006',
    ];
    const east = await inventory(account, EAST);
    expect(east.filter((id) => gone.includes(id))).toEqual([]);
    expect(east).toEqual(
      expect.arrayContaining(['vol-01b20000000000003', 'vol-01b20000000000004', 'vol-01b20000000000008']),
    );
    expect((await inventory(account, WEST)).filter((id) => QUALIFYING[WEST].includes(id))).toEqual([]);
    const left = await marks(account, EAST);
    expect(left).toEqual({ 'vol-01b20000000000008': isoDay(22) });

    const report = await reportOf(account, result);
    expect(idsWith(report, 'deleted')).toEqual([...gone, ...QUALIFYING[WEST]].sort());
    expect(itemOf(report, 'vol-01b20000000000003')).toMatchObject({ outcome: 'unmarked', reason: 'exempt' });
    expect(itemOf(report, 'vol-01b20000000000004')).toMatchObject({ outcome: 'unmarked', reason: 'in-use' });
    expect(itemOf(report, 'vol-01b20000000000008')).toMatchObject({ outcome: 'pending' });
    const deleted = report.items.filter((item) => item.outcome === 'deleted');
    const sum = deleted.reduce((total, item) => total + item.estimatedMonthlySavingsUsd, 0);
    expect(report.totals.realisedMonthlySavingsUsd).toBeCloseTo(sum, 2);
    expect(itemOf(report, 'vol-01b20000000000001')?.estimatedMonthlySavingsUsd).toBe(50);
    expect(itemOf(report, 'eipalloc-01f20000000000002')?.estimatedMonthlySavingsUsd).toBe(3.65);
  });

  it('takes a completed final snapshot tagged with its origin before a volume is deleted', async () => {
    const account = await arrange();
    await runCleanup(account, { mode: 'mark' });
    vi.setSystemTime(new Date(T0.getTime() + 8 * 86_400_000));

    const result = await runCleanup(account, { mode: 'delete', regions: [EAST], resourceTypes: ['volume'] });

    const [final] = await snapshotsTagged(account, EAST, 'autopilot:final-snapshot-of', 'vol-01b20000000000001');
    expect(final).toMatchObject({ VolumeId: 'vol-01b20000000000001', VolumeSize: 500, State: 'completed' });
    expect(final.Tags).toEqual(expect.arrayContaining([{ Key: 'owner', Value: 'data-team' }]));
    const report = await reportOf(account, result);
    expect(itemOf(report, 'vol-01b20000000000001')).toMatchObject({
      outcome: 'deleted',
      finalSnapshotId: final.SnapshotId,
    });
    const createdAt = account.calls.findIndex((call) => call.operation === 'CreateSnapshot');
    const deletedAt = account.calls.findIndex((call) => call.operation === 'DeleteVolume');
    expect(createdAt).toBeLessThan(deletedAt);
    expect(result.trace.some((entry) => entry.kind === 'state' && entry.state === 'Wait for final snapshots')).toBe(
      true,
    );
  });

  it('deletes without a final snapshot when config turns it off', async () => {
    const account = await arrange();
    await runCleanup(account, { mode: 'mark' });
    vi.setSystemTime(new Date(T0.getTime() + 8 * 86_400_000));
    const config = cleanupConfig((s) => (s.finalSnapshot.enabled = false));

    await runCleanup(account, { mode: 'delete', regions: [EAST], resourceTypes: ['volume'] }, config);

    expect(account.callsTo('EC2', 'CreateSnapshot')).toEqual([]);
    expect(await inventory(account, EAST)).not.toContain('vol-01b20000000000001');
  });
});

describe('nightly-cleanup on the seed as an earlier run left it', () => {
  it('deletes what the earlier report announced and is due, unmarks what no longer qualifies, keeps what is not due', async () => {
    const account = freshAccount();

    const result = await runCleanup(account, { mode: 'delete' });

    expect(result.status).toBe('SUCCEEDED');
    const east = await inventory(account, EAST);
    const west = await inventory(account, WEST);
    for (const gone of ['vol-01b20000000000001', 'snap-01c10000000000005', 'eipalloc-01f20000000000002']) {
      expect(east).not.toContain(gone);
    }
    expect(west).not.toContain('snap-02c10000000000003');
    expect(east).toEqual(
      expect.arrayContaining(['vol-01b20000000000005', 'vol-01b10000000000005', 'vol-01b20000000000004']),
    );
    const marked = await marks(account, EAST);
    expect(marked).not.toHaveProperty('vol-01b20000000000005');
    expect(marked).not.toHaveProperty('vol-01b10000000000005');
    expect(marked).toHaveProperty('vol-01b20000000000004');
  });
});
