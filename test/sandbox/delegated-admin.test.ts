import { BatchGetAccountStatusCommand, Inspector2Client, ListFindingsCommand } from '@aws-sdk/client-inspector2';
import { GetFindingsCommand, ListMembersCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { setAccountAccess } from '../../functions/shared/aws/accounts.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

const HOME = '123456789012';
const STAGING = '210987654321';
const SANDBOX_DEV = '345678901234';
const EAST = 'us-east-1';

const hub = (account?: string) => awsClient(SecurityHubClient, EAST, { account });
const inspector = (account?: string) => awsClient(Inspector2Client, EAST, { account });
const failed = { ComplianceStatus: [{ Comparison: 'EQUALS' as const, Value: 'FAILED' }] };

describe('sandbox organization services: the delegated administrator sees its members', () => {
  afterEach(() => setAccountAccess(undefined));
  /** Runs `read` on a fresh sandbox, as the home account that may also act in staging through its member role. */
  const asHome = <T>(read: () => Promise<T>) =>
    readBack(freshAccount(), () => {
      setAccountAccess({
        homeAccountId: HOME,
        memberRoleName: 'idp-autopilot-member',
        sessionName: 'exec-1',
        sts: () => awsClient(STSClient, EAST),
      });
      return read();
    });

  it("shows the members' Security Hub findings to the administrator, each member only its own", async () => {
    const [administrator, member] = await asHome(async () => [
      (await hub().send(new GetFindingsCommand({ Filters: failed }))).Findings ?? [],
      (await hub(STAGING).send(new GetFindingsCommand({ Filters: failed }))).Findings ?? [],
    ]);

    expect(administrator.map((f) => [f.AwsAccountId, f.Compliance?.SecurityControlId])).toEqual(
      expect.arrayContaining([
        [HOME, 'EC2.2'],
        [STAGING, 'CloudTrail.1'],
      ]),
    );
    expect(member.map((f) => [f.AwsAccountId, f.Compliance?.SecurityControlId])).toEqual([[STAGING, 'CloudTrail.1']]);
  });

  it('lists the members of the administrator with their status; a member has none', async () => {
    const [enabled, all, rest, ofMember] = await asHome(async () => {
      const first = await hub().send(new ListMembersCommand({ OnlyAssociated: false, MaxResults: 2 }));
      return [
        await hub().send(new ListMembersCommand({})),
        first,
        await hub().send(new ListMembersCommand({ OnlyAssociated: false, NextToken: first.NextToken })),
        await hub(STAGING).send(new ListMembersCommand({})),
      ];
    });

    expect(enabled.Members?.map((m) => [m.AccountId, m.MemberStatus, m.AdministratorId])).toEqual([
      [STAGING, 'Enabled', HOME],
    ]);
    expect([...(all.Members ?? []), ...(rest.Members ?? [])].map((m) => [m.AccountId, m.MemberStatus])).toEqual([
      [STAGING, 'Enabled'],
      [SANDBOX_DEV, 'Created'],
      ['456789012345', 'AccountSuspended'],
    ]);
    expect(ofMember.Members).toEqual([]);
  });

  it("shows the members' Inspector findings and status to the administrator", async () => {
    const awsAccountId = [{ comparison: 'EQUALS' as const, value: STAGING }];
    const { staging, own, status } = await asHome(async () => ({
      staging: (await inspector().send(new ListFindingsCommand({ filterCriteria: { awsAccountId } }))).findings ?? [],
      own: (await inspector(STAGING).send(new ListFindingsCommand({}))).findings ?? [],
      status: await inspector().send(
        new BatchGetAccountStatusCommand({ accountIds: [STAGING, SANDBOX_DEV, '999988887777'] }),
      ),
    }));

    expect(staging.map((f) => f.packageVulnerabilityDetails?.vulnerabilityId)).toEqual(['CVE-2024-34156']);
    expect(own.map((f) => f.awsAccountId)).toEqual([STAGING]);
    expect(status.accounts?.map((a) => [a.accountId, a.resourceState?.ecr?.status])).toEqual([
      [STAGING, 'ENABLED'],
      [SANDBOX_DEV, 'DISABLED'],
    ]);
    expect(status.failedAccounts?.map((a) => [a.accountId, a.errorCode])).toEqual([['999988887777', 'ACCESS_DENIED']]);
  });
});
