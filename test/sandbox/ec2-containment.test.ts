// The sandbox operations containment and release rely on answer as AWS does (errors, idempotency, both sides of a
// change), read back through the real SDK clients.
import {
  AttachInstancesCommand,
  AutoScalingClient,
  DescribeAutoScalingInstancesCommand,
  DetachInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  ReplaceIamInstanceProfileAssociationCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { API_3, account, autoScalingGroup, REPORTS_BUCKET, targetsOf } from '../support/instance.ts';
import { readBack } from '../support/sandbox.ts';

const REGION = 'us-east-1';
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error.name,
  );

describe('sandbox EC2 for containment', () => {
  it('keeps attributes DescribeInstances does not show and refuses two at once', async () => {
    const on = account();
    await readBack(on, async () => {
      const ec2 = awsClient(EC2Client, REGION);
      await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: API_3, DisableApiTermination: { Value: true } }));
      const read = await ec2.send(
        new DescribeInstanceAttributeCommand({ InstanceId: API_3, Attribute: 'disableApiTermination' }),
      );
      expect(read.DisableApiTermination?.Value).toBe(true);
      const both = ec2.send(
        new ModifyInstanceAttributeCommand({
          InstanceId: API_3,
          DisableApiTermination: { Value: false },
          InstanceInitiatedShutdownBehavior: { Value: 'stop' },
        }),
      );
      expect(await errorOf(both)).toBe('InvalidParameterCombination');
    });
  });

  it('refuses a duplicate group name in a VPC and duplicate rules; a default VPC ignores unknown revokes', async () => {
    const on = account();
    await readBack(on, async () => {
      const ec2 = awsClient(EC2Client, REGION);
      const spec = { GroupName: 'iso', Description: 'x', VpcId: 'vpc-0e5a1000000000001' };
      const { GroupId } = await ec2.send(new CreateSecurityGroupCommand(spec));
      expect(await errorOf(ec2.send(new CreateSecurityGroupCommand(spec)))).toBe('InvalidGroup.Duplicate');
      const rule = {
        GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
      };
      await ec2.send(new AuthorizeSecurityGroupIngressCommand(rule));
      expect(await errorOf(ec2.send(new AuthorizeSecurityGroupIngressCommand(rule)))).toBe(
        'InvalidPermission.Duplicate',
      );
      await ec2.send(new RevokeSecurityGroupIngressCommand(rule));
      const unknown = await ec2.send(new RevokeSecurityGroupIngressCommand(rule));
      expect(unknown.UnknownIpPermissions).toHaveLength(1);
    });
  });

  it('replaces an instance profile only with one that exists', async () => {
    const on = account();
    await readBack(on, async () => {
      const ec2 = awsClient(EC2Client, REGION);
      const instance = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [API_3] }))).Reservations![0]
        .Instances![0];
      expect(instance.IamInstanceProfile?.Arn).toContain('idp-api-gateway-profile');
      const replace = (Name: string) =>
        ec2.send(
          new ReplaceIamInstanceProfileAssociationCommand({
            AssociationId: 'iip-assoc-00000000000000000',
            IamInstanceProfile: { Name },
          }),
        );
      expect(await errorOf(replace('idp-autopilot-quarantine'))).toBe('InvalidAssociationID.NotFound');
    });
  });
});

describe('sandbox Auto Scaling and ELBv2 for containment', () => {
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
      const TargetGroupArn = on.state.regions[REGION].elbv2.targetGroups[0].TargetGroupArn;
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

describe('sandbox S3 conditional writes', () => {
  it('creates with If-None-Match only when the key is free', async () => {
    const on = account();
    await readBack(on, async () => {
      const s3 = awsClient(S3Client, REGION);
      const put = () =>
        s3.send(new PutObjectCommand({ Bucket: REPORTS_BUCKET, Key: 'cases/x.json', Body: '{}', IfNoneMatch: '*' }));
      await put();
      expect(await errorOf(put())).toBe('PreconditionFailed');
    });
  });
});
