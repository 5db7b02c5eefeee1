import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { freshAccount } from '../support/sandbox.ts';
import { configWith, lastReport, restoreJobs, run, snsMessages, testCopies } from './support.ts';

describe('verify-backups on the sandbox', () => {
  it('restores the newest point of each type into the isolated place, validates it, tells AWS Backup and deletes every copy', async () => {
    const account = freshAccount();
    const result = await run(account, { regions: ['us-east-1'] });

    expect(result.status).toBe('SUCCEEDED');
    const jobs = restoreJobs(account);
    expect(jobs.map((j) => j.ResourceType).sort()).toEqual(['Aurora', 'EBS', 'EC2', 'S3']);
    expect(jobs.every((j) => j.Status === 'COMPLETED' && j.ValidationStatus === 'SUCCESSFUL')).toBe(true);
    const aurora = jobs.find((j) => j.ResourceType === 'Aurora')!;
    expect(aurora.RecoveryPointArn).toContain('job-idp-aurora-primary-1d');
    expect(aurora.metadata).toMatchObject({
      dbSubnetGroupName: 'idp-restore-test-subnets',
      vpcSecurityGroupIds: '["sg-01c1000000000000e"]',
    });
    expect(jobs.find((j) => j.ResourceType === 'EC2')!.metadata).toMatchObject({
      InstanceType: 't3.micro',
      SubnetId: 'subnet-015b1000000000011',
    });
    expect(testCopies(account)).toEqual([]);
    const [message] = snsMessages(account);
    expect(message.Message).toContain('📄 AUTOPILOT REPORT [SEV4]');
    expect(message.Message).toContain('Restore tests: 4 passed, 0 failed of 4');
    expect(message.Message).toContain('"SELECT count(*) FROM documents" answered 1834211');
    expect(message.Message).toContain('s3://idp-backup-primary/latest/: newest of 2 object(s) is 6 h old');
    expect(account.callsTo('PagerDuty')).toHaveLength(0);
    const report = await lastReport(account);
    expect(
      report.tests.map((t: { rtoSeconds: number | null }) => t.rtoSeconds).every((s: number | null) => s !== null),
    ).toBe(true);
  });

  it('fails a copy whose instance never comes up, alerts (SEV2, paged) and still deletes it', async () => {
    const account = freshAccount();
    const result = await run(account, { regions: ['us-west-2'], resourceTypes: ['Aurora'] });

    expect(result.status).toBe('SUCCEEDED');
    const [job] = restoreJobs(account, 'us-west-2');
    expect(job).toMatchObject({ Status: 'COMPLETED', ValidationStatus: 'FAILED' });
    expect(job.ValidationStatusMessage).toContain('inaccessible-encryption-credentials');
    expect(testCopies(account)).toEqual([]);
    const [alert] = snsMessages(account);
    expect(alert.Subject).toContain('[SEV2] Backup verification: 1 problem(s): Aurora restore test (us-west-2) FAILED');
    expect(account.callsTo('PagerDuty')).toHaveLength(1);
  });

  it('reports a restore job AWS Backup failed, without a validation result, and alerts', async () => {
    const account = freshAccount();
    const points = account.state.regions['us-east-1'].backup.vaults[0].recoveryPoints;
    points.find((p) => p.ResourceType === 'EBS' && p.CreationDate > points[0].CreationDate)!.restoreFails =
      'Snapshot snap-01c1000000000b001 is not in a restorable state';
    await run(account, { regions: ['us-east-1'], resourceTypes: ['EBS'] });

    const [job] = restoreJobs(account);
    expect(job.Status).toBe('FAILED');
    expect(job.ValidationStatus).toBeUndefined();
    expect(snsMessages(account)[0].Message).toContain(
      'EBS restore test (us-east-1) FAILED: Snapshot snap-01c1000000000b001',
    );
  });

  it('deletes the copy in the Catch path when validating it breaks', async () => {
    const account = freshAccount({
      faults: [{ service: 'RDS', operation: 'EnableHttpEndpoint', error: 'InvalidResourceStateFault' }],
    });
    await run(account, { regions: ['us-east-1'], resourceTypes: ['Aurora'] });

    expect(testCopies(account)).toEqual([]);
    expect(account.callsTo('RDS', 'DeleteDBInstance')).toHaveLength(1);
    expect(account.callsTo('RDS', 'DeleteDBCluster')).toHaveLength(1);
    expect(snsMessages(account)[0].Message).toContain(
      'Aurora restore test (us-east-1) FAILED: InvalidResourceStateFault',
    );
  });

  it('times out a restore that does not finish; the next run sweeps what that job created later', async () => {
    const account = freshAccount();
    const slow = configWith((block) => {
      block.pollSeconds = 60;
      block.restoreTimeoutMinutes = 1;
    });
    await run(account, { regions: ['us-east-1'], resourceTypes: ['S3'] }, slow);

    expect(snsMessages(account)[0].Message).toContain('S3 restore test (us-east-1) TIMED OUT');
    // The cleanup looked once more and the job was still running; it created its bucket after the run ended.
    expect(restoreJobs(account)[0].Status).toBe('COMPLETED');
    expect(testCopies(account)).toHaveLength(1);
    // Younger than sweepAfterHours, untagged: only the job the history names leads the next run's sweep to it.
    await run(account, { regions: ['us-east-1'], resourceTypes: ['EBS'] });
    expect(testCopies(account)).toEqual([]);
    expect(account.callsTo('S3', 'DeleteBucket')).toHaveLength(1);
  });

  it('keeps a leftover under a hold and says why', async () => {
    const account = freshAccount();
    account.state.global.s3.buckets['autopilot-verify-123456789012-0000000000'] = {
      Name: 'autopilot-verify-123456789012-0000000000',
      Region: 'us-east-1',
      CreationDate: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      objects: {},
      TagSet: [{ Key: 'autopilot:hold', Value: 'contain-instance/case-0123456789abcdef' }],
    };
    await run(account, { regions: ['us-east-1'], resourceTypes: ['EBS'] });

    expect(account.state.global.s3.buckets['autopilot-verify-123456789012-0000000000']).toBeDefined();
    const report = await import('./support.ts').then((m) => m.lastReport(account));
    expect(report.swept).toEqual([
      expect.objectContaining({ outcome: 'held', detail: 'held by contain-instance/case-0123456789abcdef' }),
    ]);
  });

  it('finds a point older than the RPO and an unencrypted one before restoring anything', async () => {
    const account = freshAccount();
    const vault = account.state.regions['us-east-1'].backup.vaults[0];
    for (const point of vault.recoveryPoints.filter((p) => p.ResourceType === 'Aurora')) {
      point.CreationDate = new Date(Date.now() - 3 * 86_400_000).toISOString();
      point.IsEncrypted = false;
    }
    await run(account, { regions: ['us-east-1'], resourceTypes: ['Aurora'] });

    const message = snsMessages(account)[0].Message;
    expect(message).toMatch(/newest completed Aurora recovery point is 72 h old \(RPO 26 h\)/);
    expect(message).toContain('recovery point is not encrypted');
  });

  it('changes nothing in a dry run and lists what it would restore', async () => {
    const account = freshAccount();
    // The stage sends dry runs' notices to SNS (never to Slack or PagerDuty), so the message is readable there.
    const dryRunsToSns = structuredClone(loadStageConfig({ stage: 'dev' }));
    dryRunsToSns.notifications.dryRuns = true;
    const result = await run(account, { regions: ['us-east-1'], dryRun: true }, dryRunsToSns);

    expect(result.status).toBe('SUCCEEDED');
    expect(restoreJobs(account)).toEqual([]);
    expect(account.callsTo('Backup', 'StartRestoreJob')).toHaveLength(0);
    expect(snsMessages(account)[0].Subject).toContain('Backup verification (dry run): 4 restore test(s) planned');
  });

  it('refuses unknown keys and resource types before anything runs', async () => {
    const account = freshAccount();
    const result = await run(account, { resourceTypes: ['DynamoDB'], vault: 'x' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('input.resourceTypes.0');
    expect(result.error?.Cause).toContain('"vault"');
    expect(account.callsTo('Backup')).toHaveLength(0);
  });
});
