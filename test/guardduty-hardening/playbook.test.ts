import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { homeOnlyConfig } from '../support/accounts.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

const REGIONS = ['us-east-1', 'us-west-2'];

async function frequencies(account: SandboxAccount): Promise<Record<string, string>> {
  return readBack(account, async () => {
    const seen: Record<string, string> = {};
    for (const region of REGIONS) {
      const client = awsClient(GuardDutyClient, region);
      for (const id of (await client.send(new ListDetectorsCommand({}))).DetectorIds ?? []) {
        seen[`${region}/${id}`] = (await client.send(new GetDetectorCommand({ DetectorId: id })))
          .FindingPublishingFrequency!;
      }
    }
    return seen;
  });
}

/** The JSON reports the playbook wrote, oldest first. */
function reportsOf(account: SandboxAccount): any[] {
  const bucket = account.state.global.s3.buckets['idp-autopilot-dev-reports-123456789012'];
  return Object.entries(bucket.objects)
    .filter(([key]) => key.startsWith('reports/guardduty-hardening/') && key.endsWith('.json'))
    .map(([, object]) => JSON.parse(Buffer.from((object as any).BodyBase64, 'base64').toString('utf8')));
}

// The home account's regions: test/guardduty-hardening/accounts.test.ts runs it across accounts.
const run = (account: SandboxAccount, input: object = {}) =>
  runPlaybook({ playbook: 'guardduty-hardening', input, account, skipWaits: true, config: homeOnlyConfig() });

describe('guardduty-hardening on the sandbox', () => {
  it('sets every detector in every configured region to FIFTEEN_MINUTES and records each change', async () => {
    const account = freshAccount();
    const before = await frequencies(account);
    expect(Object.values(before)).toContain('SIX_HOURS');

    const result = await run(account);

    expect(result.status).toBe('SUCCEEDED');
    const after = await frequencies(account);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(new Set(Object.values(after))).toEqual(new Set(['FIFTEEN_MINUTES']));
    const changed = Object.keys(before).filter((key) => before[key] !== 'FIFTEEN_MINUTES');
    const audited = account
      .events({ source: 'idp.autopilot' })
      .map((event) => event.detail as { action: string; resource: string });
    expect(
      audited
        .filter((record) => record.action === 'guardduty:UpdateDetector')
        .map((record) => record.resource)
        .sort(),
    ).toEqual(changed.map((key) => key.split('/')[1]).sort());
  });

  it('reports a detector whose settings an administrator account owns as managed, and hardens the other regions', async () => {
    const account = freshAccount();
    const east = account.state.regions['us-east-1'].guardduty.detectors[0];
    east.administrator = { AccountId: '999988887777', RelationshipStatus: 'Enabled', InvitationId: 'inv-1' };
    const west = account.state.regions['us-west-2'].guardduty.detectors[0];
    west.FindingPublishingFrequency = 'ONE_HOUR';

    const result = await run(account);

    expect(result.status).toBe('SUCCEEDED');
    const after = await frequencies(account);
    expect(after[`us-east-1/${east.DetectorId}`]).toBe('SIX_HOURS');
    expect(after[`us-west-2/${west.DetectorId}`]).toBe('FIFTEEN_MINUTES');
    const [report] = reportsOf(account);
    expect(report.detectors).toContainEqual(
      expect.objectContaining({ region: 'us-east-1', managedBy: '999988887777', changed: false }),
    );
    const subjects = account.callsTo('SNS', 'Publish').map((call) => (call.input as { Subject: string }).Subject);
    expect(subjects.join('\n')).not.toMatch(/not protecting|failed/i);
  });

  it('hardens the regions it can when one region fails, and says which failed', async () => {
    const account = freshAccount({
      faults: [
        {
          service: 'GuardDuty',
          operation: 'ListDetectors',
          region: 'us-east-1',
          error: 'AccessDeniedException',
          times: 1,
        },
      ],
    });
    const west = account.state.regions['us-west-2'].guardduty.detectors[0];
    west.FindingPublishingFrequency = 'ONE_HOUR';

    const result = await run(account);

    expect(result.status).toBe('SUCCEEDED');
    expect((await frequencies(account))[`us-west-2/${west.DetectorId}`]).toBe('FIFTEEN_MINUTES');
    const [report] = reportsOf(account);
    expect(report.failedRegions).toEqual([
      expect.objectContaining({ region: 'us-east-1', error: 'AccessDeniedException' }),
    ]);
    const [alert] = account.callsTo('SNS', 'Publish').map((call) => call.input as { Subject: string });
    expect(alert.Subject).toContain('us-east-1');
  });

  it('writes the report to the reports bucket and notifies the topic', async () => {
    const account = freshAccount();
    await run(account);
    const keys = await readBack(account, async () => {
      const listed = await awsClient(S3Client, 'us-east-1').send(
        new ListObjectsV2Command({
          Bucket: 'idp-autopilot-dev-reports-123456789012',
          Prefix: 'reports/guardduty-hardening/',
        }),
      );
      return (listed.Contents ?? []).map((object) => object.Key);
    });
    expect(keys).toHaveLength(1);
    expect(account.callsTo('SNS', 'Publish')).toHaveLength(1);
  });

  it('changes nothing in a dry run and lists what it would do', async () => {
    const account = freshAccount();
    const before = await frequencies(account);
    const result = await runPlaybook({
      playbook: 'guardduty-hardening',
      input: {},
      dryRun: true,
      account,
      skipWaits: true,
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(await frequencies(account)).toEqual(before);
    expect(account.callsTo('GuardDuty', 'UpdateDetector')).toEqual([]);
    const outcomes = account
      .events({ source: 'idp.autopilot' })
      .map((event) => (event.detail as { outcome: string }).outcome);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['dry-run']));
  });

  it('is idempotent: a second run changes nothing and sends no message', async () => {
    const account = freshAccount();
    await run(account);
    const published = account.callsTo('SNS', 'Publish').length;
    const updates = account.callsTo('GuardDuty', 'UpdateDetector').length;
    const recorded = account.events({ source: 'idp.autopilot' }).length;
    const settled = await frequencies(account);
    expect(updates).toBeGreaterThan(0);
    const result = await run(account);
    expect(result.status).toBe('SUCCEEDED');
    expect(account.callsTo('GuardDuty', 'UpdateDetector')).toHaveLength(updates);
    expect(account.events({ source: 'idp.autopilot' })).toHaveLength(recorded);
    expect(await frequencies(account)).toEqual(settled);
    expect(account.callsTo('SNS', 'Publish')).toHaveLength(published);
  });

  it('refuses a region that is not configured, naming the allowed ones, notifies, and changes nothing', async () => {
    const account = freshAccount();
    const before = await frequencies(account);
    const result = await run(account, { regions: ['eu-west-1'] });
    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('InvalidInputError');
    expect(result.error?.Cause).toContain('us-east-1, us-west-2');
    expect(await frequencies(account)).toEqual(before);
    const [alert] = account.callsTo('SNS', 'Publish');
    expect((alert.input as { Subject: string }).Subject).toContain(
      'Playbook guardduty-hardening failed: InvalidInputError',
    );
  });

  it('retries a throttled GuardDuty call and still completes', async () => {
    const account = freshAccount({ faults: [{ service: 'GuardDuty', operation: 'UpdateDetector', times: 2 }] });
    const result = await run(account);
    expect(result.status).toBe('SUCCEEDED');
    expect(new Set(Object.values(await frequencies(account)))).toEqual(new Set(['FIFTEEN_MINUTES']));
    // The first UpdateDetector command took three attempts: the SDK retried, not the state machine.
    expect(account.callsTo('GuardDuty', 'UpdateDetector').map((call) => call.errorCode)).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      undefined,
    ]);
    expect(result.calls.filter((call) => call.operation === 'UpdateDetector')).toEqual([
      expect.not.objectContaining({ errorName: expect.anything() }),
    ]);
  });
});
