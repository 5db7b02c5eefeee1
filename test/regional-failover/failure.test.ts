import { describe, expect, it } from 'vitest';
import { freshAccount } from '../support/sandbox.ts';
import { apiRecord, messages, run, WEST_ALB, writerOf } from './support.ts';

describe('a failover that stops half-way', () => {
  it('pages with what was done, what is left and how to resume, lets go of the lock, and resumes on the next run', async () => {
    const account = freshAccount({
      faults: [{ service: 'Route53', operation: 'ChangeResourceRecordSets', error: 'AccessDenied', times: 1 }],
    });
    const first = await run(account, { mode: 'planned' });

    expect(first.status).toBe('FAILED');
    const alert = messages(account).at(-1)!;
    expect(alert.subject).toContain(
      '[SEV1] Regional failover (us-east-1 -> us-west-2) STOPPED at "point DNS at the secondary region"',
    );
    expect(alert.text).toContain(
      '- Done before it stopped: pre-checks; scale the secondary capacity; wait until the capacity is healthy; promote the secondary database; wait until the secondary database writes',
    );
    expect(alert.text).toContain(
      '- Left to do: point DNS at the secondary region; wait until the DNS change is INSYNC; health check through the new record',
    );
    expect(alert.text).toContain(
      '- How to resume: Fix the cause and start regional-failover again with the same input',
    );
    expect(
      account.state.global.s3.buckets['idp-autopilot-dev-reports-123456789012'].objects['locks/failover_dev.json'],
    ).toBeUndefined();
    expect(writerOf(account)).toBe('idp-aurora-secondary');

    // Resuming: the secondary writes and runs at size already; the pre-checks accept that, only DNS is left.
    const second = await run(account, { mode: 'planned' });
    expect(second.status).toBe('SUCCEEDED');
    expect(account.callsTo('RDS', 'SwitchoverGlobalCluster')).toHaveLength(1);
    expect(account.callsTo('AutoScaling', 'UpdateAutoScalingGroup')).toHaveLength(1);
    expect(apiRecord(account)).toMatchObject({ ResourceRecords: [{ Value: WEST_ALB }] });
  });
});
