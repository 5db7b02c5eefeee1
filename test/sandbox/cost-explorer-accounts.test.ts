import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setAccountAccess } from '../../functions/shared/aws/accounts.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { HOME, SANDBOX_DEV, STAGING } from '../support/accounts.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

// Consolidated billing in the sandbox: the home account is the organization's management account, its Cost Explorer
// shows every linked account's costs; a member account's Cost Explorer shows its own only (AWS API reference:
// GetCostAndUsage, LINKED_ACCOUNT and DimensionValueAttributes).
const NOW = new Date('2026-11-18T07:00:00Z');
const byAccount = (account?: string) =>
  awsClient(CostExplorerClient, 'us-east-1', { account }).send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: '2026-11-16', End: '2026-11-18' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
    }),
  );

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  setAccountAccess(undefined);
});

describe('sandbox Cost Explorer across linked accounts', () => {
  it("groups the management account's costs by the linked account that incurred them, naming each", async () => {
    const account = freshAccount();

    const result = await readBack(account, () => byAccount());

    const [, yesterday] = result.ResultsByTime!;
    expect(yesterday.Groups!.map((group) => group.Keys)).toEqual([[HOME], [STAGING], [SANDBOX_DEV]]);
    const staging = account.state.global.costExplorer.daily.filter(
      (rec) => rec.account === STAGING && rec.date === '2026-11-17',
    );
    const stagingGroup = yesterday.Groups!.find((group) => group.Keys![0] === STAGING)!;
    expect(Number(stagingGroup.Metrics!.UnblendedCost.Amount)).toBeCloseTo(
      staging.reduce((sum, rec) => sum + rec.amount, 0),
      6,
    );
    expect(result.DimensionValueAttributes).toEqual([
      { Value: HOME, Attributes: { description: 'idp-prod' } },
      { Value: STAGING, Attributes: { description: 'staging' } },
      { Value: SANDBOX_DEV, Attributes: { description: 'sandbox-dev' } },
    ]);
  });

  it('filters by LINKED_ACCOUNT and gives no account names when not grouped by it', async () => {
    const account = freshAccount();

    const result = await readBack(account, () =>
      awsClient(CostExplorerClient, 'us-east-1').send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-11-17', End: '2026-11-18' },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [SANDBOX_DEV] } },
        }),
      ),
    );

    const expected = account.state.global.costExplorer.daily
      .filter((rec) => rec.account === SANDBOX_DEV && rec.date === '2026-11-17')
      .reduce((sum, rec) => sum + rec.amount, 0);
    expect(Number(result.ResultsByTime![0].Total!.UnblendedCost.Amount)).toBeCloseTo(expected, 6);
    expect(result.DimensionValueAttributes).toEqual([]);
  });

  it('shows a member account, through its assumed role, only its own costs', async () => {
    const account = freshAccount();

    const result = await readBack(account, () => {
      setAccountAccess({
        homeAccountId: HOME,
        memberRoleName: 'idp-autopilot-member',
        sessionName: 'exec-1',
        sts: () => awsClient(STSClient, 'us-east-1'),
      });
      return byAccount(STAGING);
    });

    expect(result.ResultsByTime!.flatMap((day) => day.Groups!.map((group) => group.Keys))).toEqual([
      [STAGING],
      [STAGING],
    ]);
    expect(result.DimensionValueAttributes).toEqual([{ Value: STAGING, Attributes: { description: 'staging' } }]);
  });
});
