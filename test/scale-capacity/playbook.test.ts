import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { acquireLock } from '../../functions/shared/claims/locks.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

type Loose = Record<string, any>;
const scale = (account: SandboxAccount, input: object, dryRun = false) =>
  runPlaybook({ playbook: 'scale-capacity', input, account, skipWaits: true, dryRun });
const east = (account: SandboxAccount) => account.region('us-east-1');
const inputOf = (account: SandboxAccount, operation: string) =>
  account.calls.filter((c) => c.operation === operation).map((c) => c.input as Loose);
const lockCount = (account: SandboxAccount) =>
  Object.keys(account.state.global.s3.buckets['idp-autopilot-dev-reports-123456789012'].objects).filter((k) =>
    k.startsWith('locks/'),
  ).length;

describe('scale-capacity on the sandbox', () => {
  it('scales the EKS node group as the runbook does (min 5, max 50, desired 10) and waits until it is ACTIVE', async () => {
    const account = freshAccount();
    const result = await scale(account, {
      target: 'eks-nodegroup',
      clusterName: 'idp-cluster',
      nodegroupName: 'idp-workers',
      minSize: 5,
      maxSize: 50,
      desiredSize: 10,
    });

    expect(result.status).toBe('SUCCEEDED');
    const [update] = inputOf(account, 'UpdateNodegroupConfig');
    expect(update.scalingConfig).toEqual({ minSize: 5, maxSize: 50, desiredSize: 10 });
    expect(update.clientRequestToken).toMatch(/^scale-capacity-/);
    // In progress on the first checks, then Successful: the state machine polled.
    expect(inputOf(account, 'DescribeUpdate').length).toBeGreaterThanOrEqual(2);
    const output = result.output as Loose;
    expect(output.before).toMatchObject({ minSize: 3, maxSize: 20, desired: 4 });
    expect(output.after).toMatchObject({ minSize: 5, maxSize: 50, desired: 10, status: 'ACTIVE' });
    expect(lockCount(account)).toBe(0);
  });

  it('adds an Aurora reader with CreateDBInstance in the cluster and waits until it is available', async () => {
    const account = freshAccount();
    const result = await scale(account, { target: 'aurora-replica', clusterId: 'idp-aurora-primary' });

    expect(result.status).toBe('SUCCEEDED');
    const [created] = inputOf(account, 'CreateDBInstance');
    expect(created).toMatchObject({
      DBClusterIdentifier: 'idp-aurora-primary',
      Engine: 'aurora-postgresql',
      DBInstanceClass: 'db.r6g.large',
    });
    const cluster = east(account).rds.clusters.find((c) => c.DBClusterIdentifier === 'idp-aurora-primary')!;
    expect(cluster.members.map((m) => m.DBInstanceIdentifier)).toContain(created.DBInstanceIdentifier);
    expect(
      east(account).rds.instances?.find((i) => i.DBInstanceIdentifier === created.DBInstanceIdentifier)
        ?.DBInstanceStatus,
    ).toBe('available');
  });

  it('adds an ElastiCache shard with ModifyReplicationGroupShardConfiguration, and replicas with IncreaseReplicaCount', async () => {
    const account = freshAccount();
    expect((await scale(account, { target: 'elasticache', replicationGroupId: 'idp-redis', shards: 2 })).status).toBe(
      'SUCCEEDED',
    );
    expect(inputOf(account, 'ModifyReplicationGroupShardConfiguration')).toEqual([
      { ReplicationGroupId: 'idp-redis', NodeGroupCount: 2, ApplyImmediately: true },
    ]);
    expect(
      (await scale(account, { target: 'elasticache', replicationGroupId: 'idp-redis', replicasPerShard: 2 })).status,
    ).toBe('SUCCEEDED');
    expect(inputOf(account, 'IncreaseReplicaCount')).toEqual([
      { ReplicationGroupId: 'idp-redis', NewReplicaCount: 2, ApplyImmediately: true },
    ]);
    const group = east(account).elasticache.replicationGroups[0];
    expect(group.NodeGroups.map((shard) => shard.NodeGroupMembers.length)).toEqual([3, 3]);
    expect(group.Status).toBe('available');
  });

  it('scales an Auto Scaling group out and waits until the new instances are in service and healthy', async () => {
    const account = freshAccount();
    const result = await scale(account, {
      target: 'asg',
      autoScalingGroupName: 'idp-api-gateway-asg',
      desiredCapacity: 5,
    });

    expect(result.status).toBe('SUCCEEDED');
    const group = east(account).autoScaling.groups.find((g) => g.AutoScalingGroupName === 'idp-api-gateway-asg')!;
    expect(group.Instances?.map((i) => i.LifecycleState)).toEqual(Array(5).fill('InService'));
    const blue = east(account).elbv2.targetGroups.find((t) => t.TargetGroupName === 'idp-api-blue')!;
    expect(blue.targets.filter((t) => t.State === 'healthy')).toHaveLength(5);
    expect((result.output as Loose).after).toMatchObject({ desired: 5, inServiceHealthy: 5 });
  });

  it("sets an ECS service's desired count and waits until it runs it", async () => {
    const account = freshAccount();
    const result = await scale(account, {
      target: 'ecs-service',
      cluster: 'idp-services',
      service: 'idp-docs-blue',
      desiredCount: 4,
    });
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as Loose).after).toMatchObject({ desired: 4, running: 4, pending: 0 });
  });
});

describe('scale-capacity refuses outside its bounds, before any call to the capacity', () => {
  const capacityCalls = (account: SandboxAccount) =>
    account.calls.filter((c) => ['AutoScaling', 'ECS', 'EKS', 'RDS', 'ElastiCache'].includes(c.service));

  it('refuses a scale-in below the floor and a scale-out above the ceiling, naming the bound', async () => {
    const account = freshAccount();
    const below = await scale(account, {
      target: 'ecs-service',
      cluster: 'idp-services',
      service: 'idp-auth-blue',
      desiredCount: 0,
    });
    expect(below.error?.Cause).toBe(
      'ecs-service idp-services/idp-auth-blue: a desired capacity of 0 is below the floor of 1',
    );
    const above = await scale(account, {
      target: 'eks-nodegroup',
      clusterName: 'idp-cluster',
      nodegroupName: 'idp-workers',
      maxSize: 80,
    });
    expect(above.error?.Cause).toContain('a maximum size of 80 is above the ceiling of 50');
    expect(capacityCalls(account)).toEqual([]);
  });

  it('refuses what only the current capacity shows is a scale-in (ElastiCache shards), without changing it', async () => {
    const account = freshAccount();
    await scale(account, { target: 'elasticache', replicationGroupId: 'idp-redis', shards: 2 });
    const result = await scale(account, { target: 'elasticache', replicationGroupId: 'idp-redis', shards: 1 });
    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('a scale-in from 2 (not automated: it deletes nodes)');
    expect(inputOf(account, 'ModifyReplicationGroupShardConfiguration')).toHaveLength(1);
  });

  it('alerts when the new capacity is not healthy after the configured checks', async () => {
    const account = freshAccount();
    east(account).eks.clusters[0].nodegroups[0].health = {
      issues: [{ code: 'AsgInstanceLaunchFailures', message: 'no capacity' }],
    };
    const result = await scale(account, {
      target: 'eks-nodegroup',
      clusterName: 'idp-cluster',
      nodegroupName: 'idp-workers',
      desiredSize: 6,
    });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('CapacityNotHealthy');
    expect(inputOf(account, 'DescribeNodegroup').length).toBeGreaterThanOrEqual(40);
    const [message] = account.callsTo('SNS', 'Publish').map((c) => c.input as Loose);
    expect(message.Subject).toContain(
      '[SEV2] eks-nodegroup idp-cluster/idp-workers (us-east-1) not healthy after 40 checks',
    );
    expect(lockCount(account)).toBe(0);
  });

  it('refuses while another execution changes the same capacity, naming it', async () => {
    const account = freshAccount();
    await readBack(account, () =>
      acquireLock(awsClient(S3Client, 'us-east-1'), 'idp-autopilot-dev-reports-123456789012', {
        target: 'ecs-service:us-east-1:idp-services/idp-auth-blue',
        playbook: 'traffic-shift',
        executionId: 'arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-traffic-shift:deploy-3',
        executionName: 'deploy-3',
        ttlSeconds: 900,
        now: new Date(),
      }),
    );
    const result = await scale(account, {
      target: 'ecs-service',
      cluster: 'idp-services',
      service: 'idp-auth-blue',
      desiredCount: 5,
    });
    expect(result.error?.Error).toBe('CapacityLockedError');
    expect(result.error?.Cause).toContain('traffic-shift execution deploy-3');
    expect(inputOf(account, 'UpdateService')).toEqual([]);
  });

  it('a dry run reads and reports, and changes nothing', async () => {
    const account = freshAccount();
    const result = await scale(
      account,
      { target: 'asg', autoScalingGroupName: 'idp-api-gateway-asg', desiredCapacity: 6 },
      true,
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(inputOf(account, 'UpdateAutoScalingGroup')).toEqual([]);
    expect((result.output as Loose).outcome).toBe('dry-run');
    expect(lockCount(account)).toBe(0);
  });
});
