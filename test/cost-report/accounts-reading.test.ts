import {
  CostExplorerClient,
  DataUnavailableException,
  GetCostAndUsageCommand,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccountSpendReading,
  hasOtherAccounts,
  MAX_LISTED_ACCOUNTS,
  readAccountSpend,
  summarizeAccounts,
} from '../../functions/cost-report/accounts/accounts.ts';
import { planCostReport } from '../../functions/cost-report/plan/plan.ts';
import { buildCostReport } from '../../functions/cost-report/report/report.ts';
import { Accounts } from '../../functions/shared/accounts/config.ts';
import { HOME, STAGING } from '../support/accounts.ts';
import { midMarch } from './fixtures.ts';

// 18 March 2026: the period is 1 to 17 March, the day before it 28 February; last day 17 March.
const plan = planCostReport({}, 'UTC', new Date('2026-03-18T07:00:00Z'));
const ce = mockClient(CostExplorerClient);
afterEach(() => ce.reset());
const client = () => new CostExplorerClient({ region: 'us-east-1' });

/** One DAILY result grouped by LINKED_ACCOUNT: account id -> amount. */
const day = (date: string, amounts: Record<string, number>): ResultByTime => ({
  TimePeriod: { Start: date, End: date },
  Groups: Object.entries(amounts).map(([id, amount]) => ({
    Keys: [id],
    Metrics: { UnblendedCost: { Amount: String(amount), Unit: 'USD' } },
  })),
});

const settings = {
  schedule: { enabled: true, cron: 'cron(0 7 * * ? *)', timezone: 'UTC' },
  budgetAlertSeverity: 'SEV3' as const,
  chartTopServices: 8,
  topMovers: 5,
  minAnomalyImpactUsd: 1,
};

describe('spend per linked account reader', () => {
  it('asks once (paginated) for charges by LINKED_ACCOUNT over the period and the day before, naming accounts from the response, else config', async () => {
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce({
        ResultsByTime: [day('2026-02-28', { [HOME]: 500, [STAGING]: 90 }), day('2026-03-16', { [HOME]: 100 })],
        DimensionValueAttributes: [{ Value: HOME, Attributes: { description: 'idp-prod' } }],
        NextPageToken: 'p2',
      })
      .resolvesOnce({
        ResultsByTime: [day('2026-03-16', { [STAGING]: 40, '999900001111': 5 }), day('2026-03-17', { [STAGING]: 300 })],
      });

    const reading = await readAccountSpend(client(), plan, { [HOME]: 'home', [STAGING]: 'staging' });

    const calls = ce.commandCalls(GetCostAndUsageCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      TimePeriod: { Start: '2026-02-28', End: '2026-03-18' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
      Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
    });
    expect(calls[1].NextPageToken).toBe('p2');
    expect(reading).toMatchObject({ status: 'ok', requests: 2, lastDate: '2026-03-17', previousDate: '2026-03-16' });
    // The day before the period counts for no account's month; sorted by spend.
    expect(reading.accounts).toEqual([
      { id: STAGING, name: 'staging', spend: 340, lastDay: 300, dayBefore: 40 },
      { id: HOME, name: 'idp-prod', spend: 100, lastDay: 0, dayBefore: 100 },
      { id: '999900001111', name: '999900001111', spend: 5, lastDay: 0, dayBefore: 5 },
    ]);
  });

  it('makes no request when the month has no complete day yet', async () => {
    const firstDay = planCostReport({ month: '2026-03' }, 'UTC', new Date('2026-03-01T07:00:00Z'));

    const reading = await readAccountSpend(client(), firstDay, {});

    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(0);
    expect(reading).toMatchObject({ status: 'skipped', requests: 0 });
  });

  it('reports no data when Cost Explorer has none', async () => {
    ce.on(GetCostAndUsageCommand).rejects(
      new DataUnavailableException({ message: 'Data is not available.', $metadata: {} }),
    );

    const reading = await readAccountSpend(client(), plan, {});

    expect(reading).toMatchObject({ status: 'no-data', requests: 1, accounts: [] });
  });

  it('lists the largest accounts one by one and sums the rest, so the state stays small', () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_LISTED_ACCOUNTS + 5 }, (_, index) => [String(100000000000 + index), index + 1]),
    );

    const summary = summarizeAccounts([day('2026-03-17', many)], plan, {});

    expect(summary.accounts).toHaveLength(MAX_LISTED_ACCOUNTS);
    expect(summary.accounts[0].spend).toBe(MAX_LISTED_ACCOUNTS + 5);
    expect(summary.others).toEqual({ count: 5, spend: 15, lastDay: 15, dayBefore: 0 });
  });
});

describe('which stages ask for spend per account', () => {
  it('asks when the stage lists members, names an organization or reads a management account elsewhere', () => {
    const of = (accounts: unknown) => hasOtherAccounts(Accounts.parse(accounts), HOME);

    expect(of({})).toBe(false);
    expect(of({ managementAccountId: HOME })).toBe(false);
    expect(of({ managementAccountId: STAGING })).toBe(true);
    expect(of({ members: [{ id: STAGING }] })).toBe(true);
    expect(of({ organization: { ouIds: ['ou-idp1-workloads1'] } })).toBe(true);
  });
});

describe('spend per account in the report', () => {
  const withAccounts = (accounts: AccountSpendReading['accounts']) => {
    const { plan: march, readings } = midMarch();
    const reading: AccountSpendReading = {
      status: 'ok',
      requests: 1,
      unit: 'USD',
      lastDate: '2026-03-17',
      previousDate: '2026-03-16',
      accounts,
    };
    return buildCostReport(march, { ...readings, accounts: reading }, settings);
  };

  it('escapes account names in the HTML and counts the request', () => {
    const files = withAccounts([
      { id: STAGING, name: '<img src=x onerror=alert(1)>', spend: 10, lastDay: 1, dayBefore: 1 },
    ]);

    expect(files.html).toContain('&lt;img src=x onerror=alert(1)&gt; (210987654321)');
    expect(files.html).not.toContain('<img src=x');
    expect(files.analysis.costExplorer.requests).toBe(4);
  });

  it('names no account when the rise is spread over several', () => {
    const files = withAccounts([
      { id: HOME, name: 'prod', spend: 1000, lastDay: 150, dayBefore: 100 },
      { id: STAGING, name: 'staging', spend: 900, lastDay: 150, dayBefore: 100 },
      { id: '999900001111', name: 'dev', spend: 800, lastDay: 150, dayBefore: 100 },
    ]);

    expect(files.analysis.accounts?.spike).toBeNull();
    expect(files.analysis.notes.join(' ')).not.toContain('came from');
    expect(files.notice.facts?.['Spend by account']).toBe(
      'prod (123456789012) 1,000.00 USD (37%); staging (210987654321) 900.00 USD (33%); dev (999900001111) 800.00 USD (30%)',
    );
  });
});
