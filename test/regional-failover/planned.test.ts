import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { acquireLock } from '../../functions/shared/claims/locks.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';
import { apiRecord, changes, lagOf, messages, run, SECONDARY_ARN, WEST_ALB, writerOf } from './support.ts';

describe('a planned regional failover', () => {
  it('scales the secondary, switches the database over, points DNS at the secondary and checks health through it', async () => {
    const account = freshAccount();
    const result = await run(account, { mode: 'planned' });

    expect(result.status).toBe('SUCCEEDED');
    const group = account.state.regions['us-west-2'].autoScaling.groups[0];
    expect(group).toMatchObject({ DesiredCapacity: 3, MinSize: 3 });
    expect(group.Instances?.map((i) => i.LifecycleState)).toEqual(['InService', 'InService', 'InService']);
    expect(writerOf(account)).toBe('idp-aurora-secondary');
    expect(account.callsTo('RDS', 'SwitchoverGlobalCluster')[0].input).toMatchObject({
      TargetDbClusterIdentifier: SECONDARY_ARN,
    });
    expect(account.callsTo('RDS', 'FailoverGlobalCluster')).toHaveLength(0);
    expect(apiRecord(account)).toMatchObject({ Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: WEST_ALB }] });
    expect(account.state.regions['us-west-2'].serviceDiscovery?.services[0].DnsConfig?.DnsRecords).toEqual([
      { Type: 'A', TTL: 60 },
    ]);
    expect(account.callsTo('HTTP', 'GET')[0].input).toMatchObject({
      url: 'https://api.idp.example.com/health',
      via: WEST_ALB,
    });
    const done = messages(account).at(-1)!;
    expect(done.text).toContain('✅ SERVICE RESTORED [SEV3]');
    expect(done.text).toContain('- Estimated RPO: none (a switchover waits for the secondary to catch up)');
    expect(done.text).toMatch(
      /- Measured RTO: \d+ s \(start of the execution to the health check answering through the new record\)/,
    );
    expect(messages(account)[0].subject).toContain(
      '[SEV3] Planned regional failover from us-east-1 to us-west-2 started',
    );
    expect(
      account.state.global.s3.buckets['idp-autopilot-dev-reports-123456789012'].objects['locks/failover_dev.json'],
    ).toBeUndefined();
  });

  it('refuses when the lag is above the limit, changing nothing', async () => {
    const account = freshAccount();
    lagOf(account, 2500);
    const result = await run(account, { mode: 'planned' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('NotReadyError');
    expect(changes(account)).toEqual([]);
    expect(messages(account).at(-1)?.text).toContain('- Changes made: none');
  });

  it('refuses a second failover while one runs, naming the running execution', async () => {
    const account = freshAccount();
    await readBack(account, () =>
      acquireLock(awsClient(S3Client, 'us-east-1'), 'idp-autopilot-dev-reports-123456789012', {
        target: 'failover:dev',
        playbook: 'regional-failover',
        executionId: 'arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-regional-failover:first-one',
        executionName: 'first-one',
        ttlSeconds: 3600,
        now: new Date(),
      }),
    );
    const second = await run(account, { mode: 'planned' });

    expect(second.status).toBe('FAILED');
    expect(second.error?.Error).toBe('FailoverLockedError');
    expect(second.error?.Cause).toContain('failover:dev is being changed by regional-failover execution first-one');
    expect(changes(account)).toEqual([]);
    expect(
      account.state.global.s3.buckets['idp-autopilot-dev-reports-123456789012'].objects['locks/failover_dev.json'],
    ).toBeDefined();
  });

  it('refuses while a switchover of the global cluster is already running (started from anywhere)', async () => {
    const account = freshAccount();
    const secondary = account.state.regions['us-west-2'].rds.clusters[0];
    secondary.globalFailover = { from: 'x', to: SECONDARY_ARN, allowDataLoss: false, statuses: ['moving'] };
    const result = await run(account, { mode: 'planned' });

    expect(result.error?.Cause).toContain('a switchover or failover of idp-aurora-global is');
    expect(account.callsTo('AutoScaling', 'UpdateAutoScalingGroup')).toHaveLength(0);
  });
});
