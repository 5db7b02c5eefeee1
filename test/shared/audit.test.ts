import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail, AuditTrailError } from '../../functions/shared/audit/audit.ts';

const events = mockClient(EventBridgeClient);

function trail() {
  return new AuditTrail({
    account: '123456789012',
    client: new EventBridgeClient({ region: 'us-east-1' }),
    busName: 'default',
    playbook: 'nightly-cleanup',
    executionId: 'arn:aws:states:us-east-1:123456789012:execution:x:y',
    now: () => new Date('2026-11-26T10:00:00Z'),
  });
}

beforeEach(() => {
  events.reset();
  events.on(PutEventsCommand).callsFake((input) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map((_: unknown, index: number) => ({ EventId: `e-${index}` })),
  }));
});

describe('audit trail', () => {
  it('emits each action as an idp.autopilot "Autopilot Action" event and keeps the record', async () => {
    const audit = trail();
    await audit.record({ action: 'ec2:DeleteVolume', resource: 'vol-1', region: 'us-east-1', outcome: 'done' });
    const entry = events.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0];
    expect(entry).toMatchObject({ Source: 'idp.autopilot', DetailType: 'Autopilot Action', EventBusName: 'default' });
    expect(JSON.parse(entry.Detail!)).toMatchObject({ action: 'ec2:DeleteVolume', playbook: 'nightly-cleanup' });
    expect(audit.records).toHaveLength(1);
  });

  it('batches many actions ten to a PutEvents call', async () => {
    const audit = trail();
    const actions = Array.from({ length: 23 }, (_, index) => ({
      action: 'ec2:CreateTags',
      resource: `snap-${index}`,
      region: 'us-east-1',
      outcome: 'done' as const,
    }));
    await audit.recordMany(actions);
    expect(events.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries!.length)).toEqual([
      10, 10, 3,
    ]);
    expect(audit.records).toHaveLength(23);
  });

  it('fails the step when EventBridge rejects an entry, so the step is retried', async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    await expect(
      trail().record({ action: 'x', resource: 'y', region: 'us-east-1', outcome: 'done' }),
    ).rejects.toBeInstanceOf(AuditTrailError);
  });

  it('attributes each action to the account it happened in: an ARN names its own, our bucket is home, else the acting account', async () => {
    const audit = trail().actIn('210987654321');

    const records = await audit.recordMany([
      { action: 'ec2:ModifyNetworkInterfaceAttribute', resource: 'eni-1', region: 'us-east-1', outcome: 'done' },
      { action: 's3:PutObject', resource: 's3://reports/cases/c.json', region: 'us-east-1', outcome: 'done' },
      {
        action: 'iam:UpdateAccessKey',
        resource: 'arn:aws:iam::345678901234:user/bob',
        region: 'us-east-1',
        outcome: 'done',
      },
      {
        action: 'secretsmanager:CreateSecret',
        resource: 'name',
        account: '123456789012',
        region: 'us-east-1',
        outcome: 'done',
      },
    ]);

    expect(records.map((record) => record.account)).toEqual([
      '210987654321',
      '123456789012',
      '345678901234',
      '123456789012',
    ]);
    const sent = events.commandCalls(PutEventsCommand)[0].args[0].input.Entries!;
    expect(JSON.parse(sent[0].Detail!).account).toBe('210987654321');
  });
});
