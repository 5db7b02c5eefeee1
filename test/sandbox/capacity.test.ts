import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, DisableAlarmActionsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { DescribeUpdateCommand, EKSClient, UpdateNodegroupConfigCommand } from '@aws-sdk/client-eks';
import {
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
  IncreaseReplicaCountCommand,
} from '@aws-sdk/client-elasticache';
import { CreateDBInstanceCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { errorOf, useSandbox } from './helpers.ts';

const R = 'us-east-1';

describe('sandbox capacity that becomes healthy over time', () => {
  const account = useSandbox();

  it('EKS: an update is InProgress on the next describes and Successful after; one at a time; a token repeats it', async () => {
    const eks = awsClient(EKSClient, R);
    const request = {
      clusterName: 'idp-cluster',
      nodegroupName: 'idp-workers',
      scalingConfig: { minSize: 5, maxSize: 50, desiredSize: 10 },
      clientRequestToken: 't-1',
    };
    const { update } = await eks.send(new UpdateNodegroupConfigCommand(request));
    expect((await eks.send(new UpdateNodegroupConfigCommand(request))).update?.id).toBe(update?.id);
    expect(
      (await errorOf(eks.send(new UpdateNodegroupConfigCommand({ ...request, clientRequestToken: 't-2' })))).name,
    ).toBe('ResourceInUseException');
    const status = async () =>
      (
        await eks.send(
          new DescribeUpdateCommand({ name: 'idp-cluster', nodegroupName: 'idp-workers', updateId: update!.id }),
        )
      ).update?.status;
    expect([await status(), await status(), await status()]).toEqual(['InProgress', 'InProgress', 'Successful']);
    const bad = await errorOf(
      eks.send(
        new UpdateNodegroupConfigCommand({ ...request, scalingConfig: { desiredSize: 60 }, clientRequestToken: 't-3' }),
      ),
    );
    expect(bad.name).toBe('InvalidParameterException');
  });

  it('ECS: the desired count applies at once, the tasks run later and join the target group', async () => {
    const ecs = awsClient(ECSClient, R);
    await ecs.send(new UpdateServiceCommand({ cluster: 'idp-services', service: 'idp-docs-blue', desiredCount: 4 }));
    const counts = async () => {
      const [service] = (
        await ecs.send(new DescribeServicesCommand({ cluster: 'idp-services', services: ['idp-docs-blue'] }))
      ).services!;
      return [service.desiredCount, service.runningCount];
    };
    expect([await counts(), await counts(), await counts()]).toEqual([
      [4, 2],
      [4, 2],
      [4, 4],
    ]);
    const group = account()
      .region(R)
      .elbv2.targetGroups.find((g) => g.TargetGroupName === 'idp-docs-blue')!;
    expect(group.targets.filter((t) => t.State === 'healthy')).toHaveLength(4);
    const missing = await ecs.send(new DescribeServicesCommand({ cluster: 'idp-services', services: ['nope'] }));
    expect(missing.failures).toEqual([{ arn: 'nope', reason: 'MISSING' }]);
  });

  it('RDS: a reader created in an Aurora cluster is creating, then available; twice is DBInstanceAlreadyExistsFault', async () => {
    const rds = awsClient(RDSClient, R);
    const create = {
      DBInstanceIdentifier: 'idp-aurora-primary-3',
      DBInstanceClass: 'db.r6g.large',
      Engine: 'aurora-postgresql',
      DBClusterIdentifier: 'idp-aurora-primary',
    };
    expect((await rds.send(new CreateDBInstanceCommand(create))).DBInstance?.DBInstanceStatus).toBe('creating');
    expect((await errorOf(rds.send(new CreateDBInstanceCommand(create)))).name).toBe('DBInstanceAlreadyExistsFault');
    expect(
      (
        await errorOf(
          rds.send(new CreateDBInstanceCommand({ ...create, DBInstanceIdentifier: 'x-4', Engine: 'mysql' })),
        )
      ).name,
    ).toBe('InvalidParameterCombination');
    const status = async () =>
      (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'idp-aurora-primary-3' })))
        .DBInstances?.[0].DBInstanceStatus;
    expect([await status(), await status(), await status()]).toEqual(['creating', 'creating', 'available']);
    expect((await errorOf(rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'nope' })))).name).toBe(
      'DBInstanceNotFoundFault',
    );
  });

  it('ElastiCache: more replicas only, applied immediately; modifying until a later describe', async () => {
    const cache = awsClient(ElastiCacheClient, R);
    const increase = (NewReplicaCount: number) =>
      cache.send(
        new IncreaseReplicaCountCommand({ ReplicationGroupId: 'idp-redis', NewReplicaCount, ApplyImmediately: true }),
      );
    expect((await errorOf(increase(1))).name).toBe('InvalidParameterValueException');
    expect((await increase(2)).ReplicationGroup?.Status).toBe('modifying');
    expect((await errorOf(increase(3))).name).toBe('InvalidReplicationGroupStateFault');
    const status = async () =>
      (await cache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'idp-redis' })))
        .ReplicationGroups?.[0].Status;
    expect([await status(), await status(), await status()]).toEqual(['modifying', 'modifying', 'available']);
  });

  it('ASG: launches are Pending, then InService; the desired capacity must lie within min and max', async () => {
    const asg = awsClient(AutoScalingClient, R);
    await asg.send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'idp-api-gateway-asg', DesiredCapacity: 4 }),
    );
    const states = async () =>
      (
        await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['idp-api-gateway-asg'] }))
      ).AutoScalingGroups?.[0].Instances?.map((i) => i.LifecycleState);
    expect(await states()).toEqual(['InService', 'InService', 'InService', 'Pending']);
    await states();
    expect(await states()).toEqual(['InService', 'InService', 'InService', 'InService']);
    await asg.send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'idp-api-gateway-asg', DesiredCapacity: 3 }),
    );
    expect((await states())?.filter((s) => s === 'Terminating')).toHaveLength(1);
    const bad = await errorOf(
      asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'idp-api-gateway-asg', DesiredCapacity: 11 })),
    );
    expect(bad.name).toBe('ValidationError');
  });

  it('SSM PutParameter and CloudWatch alarm actions answer as AWS does', async () => {
    const ssm = awsClient(SSMClient, R);
    const put = (Overwrite?: boolean) =>
      ssm.send(
        new PutParameterCommand({ Name: '/idp/dev/maintenance_mode', Value: 'true', Type: 'String', Overwrite }),
      );
    expect((await errorOf(put())).name).toBe('ParameterAlreadyExists');
    expect((await put(true)).Version).toBe(2);
    const cw = awsClient(CloudWatchClient, R);
    await cw.send(new DisableAlarmActionsCommand({ AlarmNames: ['idp-services-5xx', 'no-such-alarm'] }));
    const [alarm] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['idp-services-5xx'] }))).MetricAlarms!;
    expect(alarm.ActionsEnabled).toBe(false);
  });
});
