// One cleanup batch on its own: resources that vanished since planning, marks on a mix of present and gone
// resources, and a batch that resumes after a partial run.
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { applyBatch } from '../../functions/nightly-cleanup/apply-batch/apply.ts';
import type { Batch, Item, RegionPlan } from '../../functions/nightly-cleanup/model/model.ts';
import { buildReport } from '../../functions/nightly-cleanup/model/report.ts';
import { AuditTrail } from '../../functions/shared/audit/audit.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { readBack } from '../support/sandbox.ts';
import { cleanupConfig, EAST, inventory, isoDay, marks, setTags, unmarkedAccount } from './helpers.ts';

const settings = cleanupConfig().playbooks.nightlyCleanup;

const item = (resourceType: Item['resourceType'], resourceId: string): Item => ({
  region: EAST,
  resourceType,
  resourceId,
  estimatedMonthlySavingsUsd: 1,
  deleteAfter: isoDay(7),
});

function apply(account: SandboxAccount, batch: Batch) {
  return readBack(account, () =>
    applyBatch(batch, {
      ec2: awsClient(EC2Client, EAST),
      audit: new AuditTrail({
        account: '123456789012',
        client: awsClient(EventBridgeClient, EAST),
        busName: 'default',
        playbook: 'nightly-cleanup',
        executionId: 'arn:aws:states:us-east-1:123456789012:execution:test:batch',
      }),
      rules: { ...settings, region: EAST, now: new Date(), exemptionTag: 'autopilot:exempt' },
      finalSnapshot: true,
      concurrency: 2,
      executionName: 'batch',
    }),
  );
}

const batch = (action: Batch['action'], items: Item[]): Batch => ({
  name: `${EAST}-${action}-0001`,
  region: EAST,
  action,
  runAt: new Date().toISOString(),
  items,
});

describe('a cleanup batch', () => {
  it('counts a resource deleted since planning as already gone and deletes the rest', async () => {
    const account = await unmarkedAccount();
    await setTags(account, EAST, ['snap-01c10000000000003'], { 'autopilot:delete-after': isoDay(-1) });
    const vanished = item('snapshot', 'snap-0aaaaaaaaaaaaaaaa');

    const { results, stopped } = await apply(
      account,
      batch('delete', [vanished, item('snapshot', 'snap-01c10000000000003')]),
    );

    expect(stopped).toBeUndefined();
    expect(results.map((result) => [result.resourceId, result.outcome])).toEqual([
      ['snap-0aaaaaaaaaaaaaaaa', 'already-gone'],
      ['snap-01c10000000000003', 'deleted'],
    ]);
    expect(await inventory(account, EAST)).not.toContain('snap-01c10000000000003');
  });

  it('marks the resources that exist even when one in the same call is gone', async () => {
    const account = await unmarkedAccount();
    const items = [
      item('volume', 'vol-01b20000000000001'),
      item('volume', 'vol-0aaaaaaaaaaaaaaaa'),
      item('address', 'eipalloc-01f20000000000002'),
    ];

    const { results } = await apply(account, batch('mark', items));

    expect(results.map((result) => result.outcome)).toEqual(['marked', 'already-gone', 'marked']);
    expect(await marks(account, EAST)).toEqual({
      'vol-01b20000000000001': isoDay(7),
      'eipalloc-01f20000000000002': isoDay(7),
    });
    const audited = account
      .events({ source: 'idp.autopilot' })
      .map((event) => event.detail as { resource: string; outcome: string });
    expect(audited.map((record) => [record.resource, record.outcome])).toEqual([
      ['vol-01b20000000000001', 'done'],
      ['vol-0aaaaaaaaaaaaaaaa', 'already-done'],
      ['eipalloc-01f20000000000002', 'done'],
    ]);
  });

  it('never deletes a resource whose mark was removed or moved since planning', async () => {
    const account = await unmarkedAccount();
    await setTags(account, EAST, ['snap-01c10000000000004'], { 'autopilot:delete-after': isoDay(5) });

    const { results } = await apply(
      account,
      batch('delete', [item('snapshot', 'snap-01c10000000000004'), item('snapshot', 'snap-01c10000000000005')]),
    );

    expect(results.map((result) => result.outcome)).toEqual(['skipped', 'skipped']);
    expect(results[0].detail).toContain('not due');
    expect(results[1].detail).toContain('no mark');
    expect(await inventory(account, EAST)).toEqual(
      expect.arrayContaining(['snap-01c10000000000004', 'snap-01c10000000000005']),
    );
  });

  it('resumes a batch: what an earlier pass finished is kept, a volume awaiting its snapshot is taken up again', async () => {
    const account = await unmarkedAccount();
    await setTags(account, EAST, ['vol-01b20000000000001'], { 'autopilot:delete-after': isoDay(-1) });
    const volume = item('volume', 'vol-01b20000000000001');
    const first = await apply(account, batch('delete', [volume]));
    expect(first.results[0]).toMatchObject({ outcome: 'awaiting-final-snapshot' });

    const earlier = {
      ...item('snapshot', 'snap-01c10000000000005'),
      action: 'delete' as const,
      outcome: 'deleted' as const,
    };
    const second = await apply(account, {
      ...batch('delete', [earlier, volume]),
      results: [earlier, ...first.results],
    });
    const third = await apply(account, { ...batch('delete', [earlier, volume]), results: second.results });

    expect(third.results.map((result) => [result.resourceId, result.outcome])).toEqual([
      ['snap-01c10000000000005', 'deleted'],
      ['vol-01b20000000000001', 'deleted'],
    ]);
    expect(account.callsTo('EC2', 'CreateSnapshot')).toHaveLength(1);
    expect(account.callsTo('EC2', 'DeleteSnapshot')).toEqual([]);
  });

  it('unmarks instead of deleting a due resource that gained an exemption after planning, and reports it so', async () => {
    const account = await unmarkedAccount();
    await setTags(account, EAST, ['vol-01b20000000000002'], {
      'autopilot:delete-after': isoDay(-1),
      'autopilot:exempt': 'true',
    });
    const due = item('volume', 'vol-01b20000000000002');
    const deletion = { ...batch('delete', [due]) };

    deletion.results = (await apply(account, deletion)).results;

    expect(deletion.results).toEqual([
      expect.objectContaining({ outcome: 'unmarked', reason: 'exempt', action: 'unmark' }),
    ]);
    expect(await marks(account, EAST)).toEqual({});
    expect(account.callsTo('EC2', 'DeleteVolume')).toEqual([]);
    const plan = {
      region: EAST,
      runAt: deletion.runAt,
      mode: 'delete',
      resourceTypes: ['volume'],
      due: [due],
    } as RegionPlan;
    const report = buildReport({
      status: 'completed',
      execution: { Id: 'x', Name: 'x', StartTime: deletion.runAt },
      settings,
      plans: [
        {
          ...plan,
          estate: { volume: 1, snapshot: 0, address: 0 },
          skipped: [],
          pending: [],
          unmark: [],
          candidates: [],
        },
      ],
      batches: [deletion],
      run: { mode: 'delete', regions: [EAST], resourceTypes: ['volume'] },
    });
    expect(report.items).toEqual([
      expect.objectContaining({ resourceId: 'vol-01b20000000000002', outcome: 'unmarked' }),
    ]);
  });
});
