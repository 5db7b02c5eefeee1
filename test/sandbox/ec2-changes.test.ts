// EC2 changes answer as EC2 does (errors, idempotency, both sides of a change), read back through the real SDK
// clients: instance attributes (services/ec2/instance-attributes.ts), security group rules
// (security-group-rules.ts) and IAM instance profile associations (iam-instance-profile-associations.ts).
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
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { API_3, account } from '../support/instance.ts';
import { readBack } from '../support/sandbox.ts';

const REGION = 'us-east-1';
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error.name,
  );

describe('sandbox EC2 changes: instance attributes, security group rules, instance profiles', () => {
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
