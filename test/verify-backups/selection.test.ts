// The logic behind a run's choices and verdicts, without AWS: which point it restores, where, and when the RTO of a
// test counts as far above the earlier runs.
import { describe, expect, it } from 'vitest';
import type { ItemResult } from '../../functions/verify-backups/cleanup/outcome.ts';
import { VerifyBackups } from '../../functions/verify-backups/config.ts';
import { isolationGap } from '../../functions/verify-backups/plan/select.ts';
import { trendOf } from '../../functions/verify-backups/report/trend.ts';
import { restoreMetadata, testName } from '../../functions/verify-backups/start-restore/metadata.ts';

const settings = VerifyBackups.parse({
  isolation: { 'us-east-1': { dbSubnetGroupName: 'iso', securityGroupIds: ['sg-0a'], subnetId: 'subnet-0b' } },
});
const item = (resourceType: 'EBS' | 'Aurora' | 'RDS' | 'EC2' | 'S3') => ({
  id: 'abcdef0123',
  region: 'us-east-1',
  vault: 'v',
  resourceType,
  recoveryPointArn: 'arn:rp',
  resourceArn: 'arn:res',
  createdAt: '2026-01-01T00:00:00Z',
  ageHours: 1,
  encrypted: true,
});

describe('where a restore test goes', () => {
  it('never restores a database or an instance without an isolated place in its region', () => {
    expect(isolationGap('Aurora', undefined)).toBe('no isolated security groups');
    expect(isolationGap('EC2', { securityGroupIds: ['sg-1'] })).toBe('no isolated subnet');
    expect(isolationGap('RDS', { securityGroupIds: ['sg-1'], subnetId: 'subnet-1' })).toBe(
      'no isolated DB subnet group',
    );
    expect(isolationGap('EBS', undefined)).toBeUndefined();
  });

  it('names the copy with the prefix the roles may delete and puts it in the isolated place, small', () => {
    const aurora = restoreMetadata(
      item('Aurora'),
      { dbClusterIdentifier: 'idp-aurora-primary', engine: 'aurora-postgresql', VPCSecurityGroupIds: '["sg-prod"]' },
      settings,
      '123456789012',
    );
    expect(aurora).toEqual({
      engine: 'aurora-postgresql',
      dbClusterIdentifier: 'autopilot-verify-abcdef0123',
      dbSubnetGroupName: 'iso',
      vpcSecurityGroupIds: '["sg-0a"]',
      deletionProtection: 'false',
    });
    const ec2 = restoreMetadata(
      item('EC2'),
      { InstanceType: 'm5.4xlarge', IamInstanceProfileName: 'prod-role', SubnetId: 'subnet-prod' },
      settings,
      '123456789012',
    );
    expect(ec2).toMatchObject({ InstanceType: 't3.micro', SubnetId: 'subnet-0b', SecurityGroupIds: '["sg-0a"]' });
    expect(ec2).not.toHaveProperty('IamInstanceProfileName');
    expect(testName(item('S3'), '123456789012')).toBe('autopilot-verify-123456789012-abcdef0123');
  });
});

describe('the RTO trend', () => {
  const result = (rtoSeconds: number | null): ItemResult =>
    ({
      resourceType: 'Aurora',
      region: 'us-east-1',
      outcome: rtoSeconds === null ? 'failed' : 'passed',
      rtoSeconds,
    }) as ItemResult;
  const earlier = (values: number[]) => [
    {
      executionName: 'a',
      startedAt: 'x',
      pendingJobs: [],
      tests: values.map((rtoSeconds) => ({
        resourceType: 'Aurora',
        region: 'us-east-1',
        outcome: 'passed',
        rtoSeconds,
      })),
    },
  ];

  it('flags an RTO more than the factor above the median of the earlier runs of the same type and region', () => {
    const [far] = trendOf([result(2000)], earlier([600, 700, 800]), 2);
    expect(far).toMatchObject({ earlierMedianSeconds: 700, earlierRuns: 3, farAbove: true });
    expect(trendOf([result(1300)], earlier([600, 700, 800]), 2)[0].farAbove).toBe(false);
  });

  it('has no trend without earlier passed tests', () => {
    expect(trendOf([result(2000)], [], 2)[0]).toMatchObject({ earlierMedianSeconds: null, farAbove: false });
  });
});
