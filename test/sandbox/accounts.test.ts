import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListAccountsForParentCommand, ListChildrenCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { MemberAccessError, setAccountAccess } from '../../functions/shared/aws/accounts.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

const HOME = '123456789012';
const STAGING = '210987654321';
const SANDBOX_DEV = '345678901234';
const REGION = 'us-east-1';

const access = (sessionName = 'exec-1') => ({
  homeAccountId: HOME,
  memberRoleName: 'idp-autopilot-member',
  sessionName,
  sts: () => awsClient(STSClient, REGION),
});
const instanceIds = async (account?: string) =>
  ((await awsClient(EC2Client, REGION, { account }).send(new DescribeInstancesCommand({}))).Reservations ?? []).flatMap(
    (reservation) => (reservation.Instances ?? []).map((instance) => instance.InstanceId),
  );

describe('the sandbox as several accounts', () => {
  afterEach(() => setAccountAccess(undefined));

  it('lets a member account be acted in through its assumed member role, seeing only that account', async () => {
    const account = freshAccount();
    await readBack(account, async () => {
      setAccountAccess(access());
      const home = await instanceIds();
      const staging = await instanceIds(STAGING);
      expect(staging).toEqual(['i-03a30000000000001']);
      expect(home).not.toContain('i-03a30000000000001');
      expect(home.length).toBeGreaterThan(3);
      const identity = await awsClient(STSClient, REGION, { account: STAGING }).send(new GetCallerIdentityCommand({}));
      expect(identity).toMatchObject({
        Account: STAGING,
        Arn: `arn:aws:sts::${STAGING}:assumed-role/idp-autopilot-member/exec-1`,
      });
    });
    expect(account.callsTo('STS', 'AssumeRole')).toHaveLength(1);
  });

  it('refuses with AccessDenied a role that is missing, or that does not trust the caller', async () => {
    const account = freshAccount();
    const staging = account.state.members![STAGING];
    const role = staging.global.iam.roles.find((candidate) => candidate.RoleName === 'idp-autopilot-member')!;
    role.AssumeRolePolicyDocument = encodeURIComponent(
      JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' } }] }),
    );
    await readBack(account, async () => {
      const sts = awsClient(STSClient, REGION);
      for (const target of [SANDBOX_DEV, STAGING, '999988887777']) {
        await expect(
          sts.send(
            new AssumeRoleCommand({
              RoleArn: `arn:aws:iam::${target}:role/idp-autopilot-member`,
              RoleSessionName: 'x1',
            }),
          ),
        ).rejects.toMatchObject({ name: 'AccessDenied' });
      }
      setAccountAccess(access());
      await expect(instanceIds(SANDBOX_DEV)).rejects.toBeInstanceOf(MemberAccessError);
    });
  });

  it('answers Organizations from the management account, paginated', async () => {
    const account = freshAccount();
    await readBack(account, async () => {
      const org = awsClient(OrganizationsClient, REGION);
      const ous = await org.send(new ListChildrenCommand({ ParentId: 'r-idp1', ChildType: 'ORGANIZATIONAL_UNIT' }));
      expect(ous.Children?.map((child) => child.Id)).toEqual(['ou-idp1-sandboxes1', 'ou-idp1-workloads1']);
      const first = await org.send(new ListAccountsForParentCommand({ ParentId: 'ou-idp1-sandboxes1', MaxResults: 1 }));
      const second = await org.send(
        new ListAccountsForParentCommand({ ParentId: 'ou-idp1-sandboxes1', MaxResults: 1, NextToken: first.NextToken }),
      );
      expect([...first.Accounts!, ...second.Accounts!].map((a) => [a.Id, a.Status])).toEqual([
        [SANDBOX_DEV, 'ACTIVE'],
        ['456789012345', 'SUSPENDED'],
      ]);
      expect(second.NextToken).toBeUndefined();
    });
  });
});
