import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount } from '../support/sandbox.ts';

// Dry runs here send their notices to SNS (notifications.dryRuns; never to Slack), so their messages are readable.
const dryRunsToSns = structuredClone(loadStageConfig({ stage: 'dev' }));
dryRunsToSns.notifications.dryRuns = true;
const run = (account: SandboxAccount, input: object, dryRun = false) =>
  runPlaybook({
    playbook: 'point-in-time-restore',
    input,
    account,
    skipWaits: true,
    dryRun,
    ...(dryRun ? { config: dryRunsToSns } : {}),
  });
const cluster = (account: SandboxAccount, id: string) =>
  account.state.regions['us-east-1'].rds.clusters.find((c) => c.DBClusterIdentifier === id);
const bucket = (account: SandboxAccount) => account.state.global.s3.buckets['idp-data'];
const body = (account: SandboxAccount, key: string) =>
  bucket(account).objects[key] && Buffer.from(bucket(account).objects[key].BodyBase64, 'base64').toString();
const messages = (account: SandboxAccount) =>
  account.callsTo('SNS', 'Publish').map((c) => (c.input as { Message: string }).Message);

describe('point-in-time-restore on the sandbox', () => {
  it('restores the cluster into a new one with its instance, reports the endpoint and leaves the source as it was', async () => {
    const account = freshAccount();
    const source = structuredClone(cluster(account, 'idp-aurora-primary'));
    const result = await run(account, {
      sourceClusterId: 'idp-aurora-primary',
      restoreTime: '3 hours ago',
      targetClusterId: 'idp-aurora-pitr-1',
    });

    expect(result.status).toBe('SUCCEEDED');
    const restored = cluster(account, 'idp-aurora-pitr-1')!;
    expect(restored).toMatchObject({
      Status: 'available',
      DBSubnetGroup: 'idp-aurora-subnets',
      VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-01c10000000000003', Status: 'active' }],
    });
    expect(restored.TagList).toEqual(
      expect.arrayContaining([{ Key: 'autopilot:restored-from', Value: 'idp-aurora-primary' }]),
    );
    const instance = account.state.regions['us-east-1'].rds.instances!.find(
      (i) => i.DBInstanceIdentifier === 'idp-aurora-pitr-1-1',
    )!;
    expect(instance).toMatchObject({
      DBInstanceStatus: 'available',
      DBInstanceClass: 'db.r6g.xlarge',
      DBClusterIdentifier: 'idp-aurora-pitr-1',
    });
    expect(cluster(account, 'idp-aurora-primary')).toEqual(source);
    const [message] = messages(account);
    expect(message).toContain('- Endpoint: idp-aurora-pitr-1.cluster-csandbox0001.us-east-1.rds.amazonaws.com');
    expect(message).toContain('- Source: idp-aurora-primary (us-east-1), left untouched');
    const restore = account.callsTo('RDS', 'RestoreDBClusterToPointInTime')[0].input as { RestoreToTime: Date };
    expect(Date.now() - new Date(restore.RestoreToTime).getTime()).toBeGreaterThan(3 * 3_600_000 - 60_000);
  });

  it('puts objects back to their versions at the time: overwritten and deleted ones restored, a newer one only reported', async () => {
    const account = freshAccount();
    const result = await run(account, { bucket: 'idp-data', prefix: 'critical/', restoreTime: '2 hours ago' });

    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(body(account, 'critical/tenants.json'))).toEqual({ tenants: 412, plan: 'enterprise' });
    expect(body(account, 'critical/routing.yaml')).toBe('regions: [us-east-1, us-west-2]\n');
    expect(body(account, 'critical/import-batch-7731.json')).toBeDefined();
    expect(bucket(account).versions!['critical/tenants.json']).toHaveLength(3);
    expect(account.callsTo('S3', 'CopyObject')).toHaveLength(2);
    expect(messages(account)[0]).toContain('- Created since, kept: critical/import-batch-7731.json');
  });

  it('deletes objects created since only when asked, with a delete marker that keeps their versions', async () => {
    const account = freshAccount();
    await run(account, {
      bucket: 'idp-data',
      prefix: 'critical/',
      restoreTime: '2 hours ago',
      deleteNewerObjects: true,
    });

    expect(body(account, 'critical/import-batch-7731.json')).toBeUndefined();
    expect(bucket(account).versions!['critical/import-batch-7731.json'].map((v) => Boolean(v.IsDeleteMarker))).toEqual([
      false,
      true,
    ]);
  });

  it('lists what would change in a dry run and changes nothing', async () => {
    const account = freshAccount();
    const before = structuredClone(bucket(account));
    const latest = await run(account, { restoreTime: 'latest', bucket: 'idp-data' }, true);
    expect(latest.error?.Cause).toContain('input.restoreTime: "latest" restores a database only');
    const dry = await run(
      account,
      { sourceClusterId: 'idp-aurora-primary', restoreTime: '2 hours ago', bucket: 'idp-data', prefix: 'critical/' },
      true,
    );
    expect(dry.status).toBe('SUCCEEDED');
    expect(bucket(account)).toEqual(before);
    expect(account.state.regions['us-east-1'].rds.clusters).toHaveLength(1);
    expect(messages(account).at(-1)).toContain('- Would restore: critical/routing.yaml, critical/tenants.json');
  });

  it('refuses a time outside the restorable window, naming the window, and creates nothing', async () => {
    const account = freshAccount();
    const result = await run(account, { sourceClusterId: 'idp-aurora-primary', restoreTime: '9 days ago' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toMatch(
      /input.restoreTime: .* is outside the restorable window of idp-aurora-primary \(.* to .*\)/,
    );
    expect(account.callsTo('RDS', 'RestoreDBClusterToPointInTime')).toHaveLength(0);
    // Refused input, nobody's outage: the "input rejected" notice (SNS only).
    expect(messages(account)[0]).toContain('AUTOPILOT INPUT REJECTED');
    expect(messages(account)[0]).toContain('is outside the restorable window');
  });

  it('never overwrites: a target that exists, the source itself, or a bucket it may not restore is refused', async () => {
    const account = freshAccount();
    const existing = await run(account, {
      sourceClusterId: 'idp-aurora-primary',
      targetClusterId: 'idp-aurora-primary',
      restoreTime: 'latest',
    });
    expect(existing.error?.Cause).toContain('input.targetClusterId: must differ from sourceClusterId');
    account.state.regions['us-east-1'].rds.clusters.push({
      ...structuredClone(cluster(account, 'idp-aurora-primary')!),
      DBClusterIdentifier: 'taken',
      GlobalClusterIdentifier: undefined,
    });
    const taken = await run(account, {
      sourceClusterId: 'idp-aurora-primary',
      targetClusterId: 'taken',
      restoreTime: 'latest',
    });
    expect(taken.error?.Cause).toContain('input.targetClusterId: taken exists already');
    const other = await run(account, { bucket: 'idp-backup-primary', restoreTime: '1 hours ago' });
    expect(other.error?.Cause).toContain(
      'input.bucket: idp-backup-primary is not one point-in-time-restore may restore',
    );
    expect(account.callsTo('RDS', 'RestoreDBClusterToPointInTime')).toHaveLength(0);
    expect(account.callsTo('S3', 'CopyObject')).toHaveLength(0);
  });

  it('reads back what a failure left: the new cluster exists and says so in the alert', async () => {
    const account = freshAccount({
      faults: [{ service: 'RDS', operation: 'CreateDBInstance', error: 'InsufficientDBInstanceCapacity' }],
    });
    const result = await run(account, {
      sourceClusterId: 'idp-aurora-primary',
      restoreTime: 'latest',
      targetClusterId: 'half-done',
    });

    expect(result.status).toBe('FAILED');
    const alert = messages(account)[0];
    expect(alert).toContain('🚨 SERVICE DISRUPTION ALERT [SEV2]');
    expect(alert).toContain('- New cluster now: available');
  });
});
