import { describe, expect, it } from 'vitest';
import { caseIdOf, keys } from '../../functions/shared/instance/case.ts';
import {
  API_3,
  account,
  audit,
  BASTION,
  contain,
  estate,
  type Loose,
  messages,
  mutatingCalls,
  objects,
  REPORTS_BUCKET,
  sampleEvent,
  snapshotsOfCase,
} from '../support/instance.ts';

const backdoor = () => sampleEvent('ec2-01-backdoor-cc-activity');

function putClaim(on: ReturnType<typeof account>, instanceId: string, claim: Loose): void {
  const key = keys.claim('us-east-1', instanceId);
  const body = Buffer.from(JSON.stringify(claim));
  on.state.global.s3.buckets[REPORTS_BUCKET].objects[key] = {
    Key: key,
    BodyBase64: body.toString('base64'),
    ContentLength: body.length,
    ContentType: 'application/json',
    ETag: '"claim-etag"',
    LastModified: claim.claimedAt,
    StorageClass: 'STANDARD',
  };
}

describe('contain-instance repeats', () => {
  it('records a repeated (updated) finding as already done: no snapshots, no messages, nothing changed', async () => {
    const on = account();
    const first = await contain(on, backdoor());
    const caseId = (first.output as Loose).caseId;
    const sent = messages(on).length;
    const before = estate(on);
    const calls = on.calls.length;

    const repeat = await contain(on, sampleEvent('ec2-02-backdoor-cc-activity-repeat'));

    expect(repeat.status).toBe('SUCCEEDED');
    expect((repeat.output as Loose).outcome).toBe('repeat');
    expect(estate(on)).toEqual(before);
    expect(mutatingCalls(on, calls)).toEqual([]);
    expect(messages(on)).toHaveLength(sent);
    expect(snapshotsOfCase(on, caseId)).toHaveLength(1);
    expect(audit(on).at(-1)).toMatchObject({ action: 'autopilot:ContainInstance', outcome: 'already-done' });
  });

  it('treats a redelivered event while the first run still holds the instance as a duplicate', async () => {
    const on = account();
    const event = backdoor();
    const caseId = caseIdOf(API_3, event.detail.id);
    putClaim(on, API_3, {
      caseId,
      executionId: 'arn:aws:states:us-east-1:123456789012:execution:x:first',
      claimedAt: new Date().toISOString(),
    });
    const before = estate(on);

    const duplicate = await contain(on, event);

    expect((duplicate.output as Loose).outcome).toBe('repeat');
    expect(estate(on)).toEqual(before);
    expect(on.callsTo('EC2', 'CreateSnapshots')).toEqual([]);
    expect(messages(on)).toEqual([]);
  });

  it('takes over a claim left by a run that died long ago, and contains', async () => {
    const on = account();
    const event = backdoor();
    const stale = new Date(Date.now() - 3 * 86_400_000).toISOString();
    putClaim(on, API_3, { caseId: caseIdOf(API_3, event.detail.id), executionId: 'arn:dead', claimedAt: stale });

    const result = await contain(on, event);

    expect((result.output as Loose).outcome).toBe('contained');
    const claim = JSON.parse(
      Buffer.from(objects(on, keys.claim('us-east-1', API_3))[0].BodyBase64, 'base64').toString(),
    );
    expect(claim.executionId).toBe(result.executionArn);
  });

  it('records a newer finding on a contained instance in its case and sends one update, once', async () => {
    const on = account();
    const first = await contain(on, sampleEvent('ec2-03-cryptocurrency-bitcoin-tool'));
    const caseId = (first.output as Loose).caseId;
    const before = estate(on);

    const trojan = sampleEvent('ec2-04-trojan-dns-exfiltration');
    const update = await contain(on, trojan);
    const again = await contain(on, { ...trojan, id: 'redelivered-event-id' });

    expect((update.output as Loose).outcome).toBe('update');
    expect((again.output as Loose).outcome).toBe('update');
    expect(objects(on, `cases/${caseId}/findings/${trojan.detail.id}.json`)).toHaveLength(1);
    const updates = messages(on).filter((m) => m.text.includes('📊 SERVICE DISRUPTION UPDATE'));
    expect(updates).toHaveLength(1);
    expect(updates[0].text).toContain(caseId);
    expect(snapshotsOfCase(on, caseId)).toHaveLength(1);
    expect(JSON.parse(estate(on)).ec2).toEqual(JSON.parse(before).ec2);
  });

  it('does not contain again when the same request is made by hand twice', async () => {
    const on = account();
    const input = { instanceId: BASTION, reason: 'suspicious outbound traffic seen by the SOC' };
    await contain(on, input);
    const calls = on.calls.length;
    const second = await contain(on, input);
    expect((second.output as Loose).outcome).toBe('repeat');
    expect(mutatingCalls(on, calls)).toEqual([]);
  });
});

describe('contain-instance on GuardDuty sample findings', () => {
  it('notifies once and touches nothing (the sample instance does not exist)', async () => {
    const on = account();
    const before = estate(on);
    const sample = sampleEvent('sample-01-ec2-backdoor-cc-activity');
    const first = await contain(on, sample);
    await contain(on, sample);
    expect(first.status).toBe('SUCCEEDED');
    expect((first.output as Loose).outcome).toBe('sample');
    expect(on.calls.filter((call) => call.service === 'EC2')).toEqual([]);
    expect(JSON.parse(estate(on)).ec2).toEqual(JSON.parse(before).ec2);
    expect(messages(on).map((m) => m.subject)).toEqual([expect.stringMatching(/^\[SEV4\] GuardDuty sample finding/)]);
  });
});
