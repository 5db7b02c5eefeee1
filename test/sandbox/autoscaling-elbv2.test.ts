// Auto Scaling membership and ELBv2 targets answer as AWS does (services/autoscaling/instances.ts and
// membership.ts, services/elbv2/targets.ts), read back through the real SDK clients.
import {
  AttachInstancesCommand,
  AutoScalingClient,
  DescribeAutoScalingInstancesCommand,
  DetachInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { API_3, account, autoScalingGroup, targetsOf } from '../support/instance.ts';
import { readBack } from '../support/sandbox.ts';

const REGION = 'us-east-1';
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error.name,
  );

describe('sandbox Auto Scaling instances and ELBv2 targets', () => {
  it('detaches keeping the capacity (a replacement launches), and refuses to attach past MaxSize', async () => {
    const on = account();
    await readBack(on, async () => {
      const asg = awsClient(AutoScalingClient, REGION);
      await asg.send(
        new DetachInstancesCommand({
          AutoScalingGroupName: 'idp-api-gateway-asg',
          InstanceIds: [API_3],
          ShouldDecrementDesiredCapacity: false,
        }),
      );
      const members = await asg.send(
        new DescribeAutoScalingInstancesCommand({ InstanceIds: [API_3, 'i-0ffffffffffffffff'] }),
      );
      expect(members.AutoScalingInstances).toEqual([]);
      expect(autoScalingGroup(on).Instances).toHaveLength(3);
      expect(targetsOf(on).map((t) => t.State)).toEqual(['healthy', 'healthy', 'draining', 'initial']);
      autoScalingGroup(on).MaxSize = 3;
      const attach = asg.send(
        new AttachInstancesCommand({ AutoScalingGroupName: 'idp-api-gateway-asg', InstanceIds: [API_3] }),
      );
      expect(await errorOf(attach)).toBe('ValidationError');
    });
  });

  it('deregisters a target that is not registered without an error, and shows draining targets', async () => {
    const on = account();
    await readBack(on, async () => {
      const elb = awsClient(ElasticLoadBalancingV2Client, REGION);
      const TargetGroupArn = on.state.regions[REGION].elbv2.targetGroups.find(
        (g) => g.TargetGroupName === 'idp-api-blue',
      )!.TargetGroupArn;
      await elb.send(new DeregisterTargetsCommand({ TargetGroupArn, Targets: [{ Id: API_3 }] }));
      await elb.send(new DeregisterTargetsCommand({ TargetGroupArn, Targets: [{ Id: API_3 }] }));
      await elb.send(new DeregisterTargetsCommand({ TargetGroupArn, Targets: [{ Id: 'i-01a100000000000b1' }] }));
      const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn, Targets: [{ Id: API_3 }] }));
      expect(health.TargetHealthDescriptions?.[0].TargetHealth).toMatchObject({
        State: 'draining',
        Reason: 'Target.DeregistrationInProgress',
      });
    });
  });
});
