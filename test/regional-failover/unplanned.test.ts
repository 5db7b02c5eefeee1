import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../sandbox/account.ts';
import { freshAccount } from '../support/sandbox.ts';
import { apiRecord, changes, lagOf, messages, run, SECONDARY_ARN, WEST_ALB, writerOf } from './support.ts';

/** us-east-1 answers nothing (Route 53 is global and still answers). */
const primaryDown: FaultRule[] = [
  'RDS',
  'EC2',
  'S3',
  'SNS',
  'SSM',
  'CloudWatch',
  'EventBridge',
  'ElasticLoadBalancingV2',
  'AutoScaling',
].map((service) => ({ service, region: 'us-east-1', error: 'ServiceUnavailable' }));

describe('an unplanned regional failover', () => {
  it('asks for approval stating the estimated data loss, and a rejection changes nothing', async () => {
    const account = freshAccount();
    lagOf(account, 3400);
    const result = await run(account, { mode: 'unplanned' }, { approval: 'reject' });

    expect(result.status).toBe('SUCCEEDED');
    const [request] = messages(account);
    expect(request.subject).toContain(
      '[SEV1] Approval needed: UNPLANNED failover from us-east-1 to us-west-2, estimated data loss 3400 ms',
    );
    expect(request.text).toContain('- Estimated data loss: about 3400 ms of writes');
    expect(request.text).toContain('aws stepfunctions send-task-success --task-token');
    expect(changes(account)).toEqual([]);
    expect(messages(account).at(-1)?.subject).toContain(
      'Unplanned failover (us-east-1 -> us-west-2) not approved: nothing changed',
    );
  });

  it('once approved, fails the global cluster over with data loss allowed and reports the estimated RPO', async () => {
    const account = freshAccount();
    lagOf(account, 3400);
    const result = await run(account, { mode: 'unplanned' }, { approval: 'approve' });

    expect(result.status).toBe('SUCCEEDED');
    expect(account.callsTo('RDS', 'FailoverGlobalCluster')[0].input).toMatchObject({
      TargetDbClusterIdentifier: SECONDARY_ARN,
      AllowDataLoss: true,
    });
    expect(writerOf(account)).toBe('idp-aurora-secondary');
    const done = messages(account).at(-1)!;
    expect(done.text).toContain('✅ SERVICE RESTORED [SEV1]');
    expect(done.text).toContain('- Estimated RPO: about 3400 ms of writes');
    expect(account.callsTo('PagerDuty').map((c) => (c.input as { event_action: string }).event_action)).toEqual([
      'trigger',
      'trigger',
      'resolve',
    ]);
  });

  it('runs from the copy of the stack in the secondary region while the primary region answers nothing', async () => {
    const account = freshAccount({ faults: primaryDown });
    const result = await run(account, { mode: 'unplanned' }, { approval: 'approve', region: 'us-west-2' });

    expect(result.status).toBe('SUCCEEDED');
    expect(apiRecord(account)).toMatchObject({ Type: 'CNAME', ResourceRecords: [{ Value: WEST_ALB }] });
    expect(writerOf(account)).toBe('idp-aurora-secondary');
    const reports = Object.keys(account.state.global.s3.buckets['idp-autopilot-dev-us-west-2-123456789012'].objects);
    expect(reports.some((key) => key.startsWith('reports/regional-failover/'))).toBe(true);
    expect(messages(account, 'us-west-2').at(-1)?.text).toContain('✅ SERVICE RESTORED [SEV1]');
    expect(account.state.regions['us-west-2'].eventbridge.events.length).toBeGreaterThan(0);
    // Nothing answered in us-east-1 but Route 53, which is global (its API endpoint is in us-east-1).
    expect(account.calls.filter((c) => c.region === 'us-east-1' && !c.errorCode && c.service !== 'Route53')).toEqual(
      [],
    );
  });
});
