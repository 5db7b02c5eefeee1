import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  GetCostForecastCommand,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

// The seed's history: 60 days up to yesterday, EC2 compute x2.6 over the last 4 days, credits until 21 days ago.
const NOW = new Date('2026-11-18T07:00:00Z');
const ce = () => awsClient(CostExplorerClient, 'us-east-1');
const daily = (start: string, end: string, extra: Partial<GetCostAndUsageCommandInput> = {}) =>
  new GetCostAndUsageCommand({
    TimePeriod: { Start: start, End: end },
    Granularity: 'DAILY',
    Metrics: ['UnblendedCost'],
    ...extra,
  });
const byServiceAndType: GetCostAndUsageCommandInput['GroupBy'] = [
  { Type: 'DIMENSION', Key: 'SERVICE' },
  { Type: 'DIMENSION', Key: 'RECORD_TYPE' },
];

async function errorOf(account: SandboxAccount, send: () => Promise<unknown>): Promise<Error> {
  return readBack(account, async () => {
    try {
      await send();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the call to fail');
  });
}

let account: SandboxAccount;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  account = freshAccount();
});
afterEach(() => vi.useRealTimers());

describe('sandbox Cost Explorer GetCostAndUsage', () => {
  it('rejects Start equal to End, the runbook call on the 1st of a month', async () => {
    const error = await errorOf(account, () => ce().send(daily('2026-11-01', '2026-11-01')));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('Start date (and hour) should be before end date');
  });

  it('treats End as exclusive and returns a Total per metric when not grouped', async () => {
    const result = await readBack(account, () => ce().send(daily('2026-11-10', '2026-11-11')));
    expect(result.ResultsByTime).toHaveLength(1);
    const [day] = result.ResultsByTime!;
    expect(day.TimePeriod).toEqual({ Start: '2026-11-10', End: '2026-11-11' });
    expect(Number(day.Total?.UnblendedCost?.Amount)).toBeGreaterThan(300);
    expect(day.Total?.UnblendedCost?.Unit).toBe('USD');
    expect(day.Groups).toEqual([]);
    expect(day.Estimated).toBe(true);
  });

  it('returns Groups keyed by service and record type, with credits as negative Credit groups, and an empty Total', async () => {
    const result = await readBack(account, () =>
      ce().send(daily('2026-10-01', '2026-10-02', { GroupBy: byServiceAndType })),
    );
    const [day] = result.ResultsByTime!;
    expect(day.Total).toEqual({});
    const credit = day.Groups!.find((group) => group.Keys?.[1] === 'Credit');
    expect(credit?.Keys).toEqual(['Amazon Elastic Compute Cloud - Compute', 'Credit']);
    expect(Number(credit?.Metrics?.UnblendedCost?.Amount)).toBe(-40);
    expect(day.Estimated).toBe(false);
  });

  it('paginates with NextPageToken, a day continuing on the next page, and the pages add up to the whole', async () => {
    const results = await readBack(account, async () => {
      const all: ResultByTime[] = [];
      let NextPageToken: string | undefined;
      let pages = 0;
      do {
        const page = await ce().send(daily('2026-09-19', '2026-11-18', { GroupBy: byServiceAndType, NextPageToken }));
        all.push(...page.ResultsByTime!);
        NextPageToken = page.NextPageToken;
        pages += 1;
      } while (NextPageToken);
      return { all, pages };
    });
    expect(results.pages).toBeGreaterThan(1);
    const groups = results.all.flatMap((result) => result.Groups ?? []);
    // One group per day, service and record type: the linked accounts' records add to the home account's groups.
    const expected = new Set(
      account.state.global.costExplorer.daily
        .filter((rec) => rec.date >= '2026-09-19')
        .map((rec) => `${rec.date}|${rec.service}|${rec.recordType}`),
    ).size;
    expect(groups).toHaveLength(expected);
    expect(new Set(results.all.map((result) => result.TimePeriod?.Start)).size).toBe(60);
  });

  it('refuses a page token used with a changed request', async () => {
    const first = await readBack(account, () =>
      ce().send(daily('2026-09-19', '2026-11-18', { GroupBy: byServiceAndType })),
    );
    const error = await errorOf(account, () =>
      ce().send(daily('2026-09-20', '2026-11-18', { GroupBy: byServiceAndType, NextPageToken: first.NextPageToken })),
    );
    expect(error.name).toBe('RequestChangedException');
  });

  it('rejects an End past the beginning of next month', async () => {
    const error = await errorOf(account, () => ce().send(daily('2026-11-01', '2026-12-02')));
    expect(error.name).toBe('ValidationException');
  });

  it('answers DataUnavailableException when the account has no cost data at all', async () => {
    account.state.global.costExplorer.daily = [];
    const error = await errorOf(account, () => ce().send(daily('2026-11-01', '2026-11-18')));
    expect(error.name).toBe('DataUnavailableException');
  });
});

describe('sandbox Cost Explorer GetCostForecast', () => {
  const forecast = (start: string, end: string) =>
    new GetCostForecastCommand({
      TimePeriod: { Start: start, End: end },
      Metric: 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
      PredictionIntervalLevel: 80,
      Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
    });

  it('forecasts from today to the end of the month with an 80% interval', async () => {
    const result = await readBack(account, () => ce().send(forecast('2026-11-18', '2026-12-01')));
    const mean = Number(result.Total?.Amount);
    expect(mean).toBeGreaterThan(13 * 400);
    const [period] = result.ForecastResultsByTime!;
    expect(Number(period.PredictionIntervalLowerBound)).toBeLessThan(mean);
    expect(Number(period.PredictionIntervalUpperBound)).toBeGreaterThan(mean);
  });

  it('rejects a forecast that starts in the past', async () => {
    const error = await errorOf(account, () => ce().send(forecast('2026-11-17', '2026-12-01')));
    expect(error.name).toBe('ValidationException');
  });

  it('rejects a forecast whose start equals its end', async () => {
    const error = await errorOf(account, () => ce().send(forecast('2026-11-18', '2026-11-18')));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('must be before requested End');
  });

  it('cannot forecast from a history shorter than a week', async () => {
    account.state.global.costExplorer.daily = account.state.global.costExplorer.daily.filter(
      (rec) => rec.date >= '2026-11-14',
    );
    const error = await errorOf(account, () => ce().send(forecast('2026-11-18', '2026-12-01')));
    expect(error.name).toBe('DataUnavailableException');
  });
});

describe('sandbox Cost Explorer GetAnomalies', () => {
  it('detects the seeded EC2 spike as one anomaly ending yesterday', async () => {
    const result = await readBack(account, () =>
      ce().send(new GetAnomaliesCommand({ DateInterval: { StartDate: '2026-11-11', EndDate: '2026-11-18' } })),
    );
    const ec2 = result.Anomalies!.find(
      (anomaly) => anomaly.DimensionValue === 'Amazon Elastic Compute Cloud - Compute',
    );
    expect(ec2?.AnomalyStartDate).toBe('2026-11-14');
    expect(ec2?.AnomalyEndDate).toBe('2026-11-17');
    expect(ec2?.Impact?.TotalImpact).toBeGreaterThan(1000);
    expect(ec2?.RootCauses?.[0].Service).toBe('Amazon Elastic Compute Cloud - Compute');
  });

  it('filters by total impact and pages with MaxResults', async () => {
    const interval = { StartDate: '2026-11-11', EndDate: '2026-11-18' };
    const big = await readBack(account, () =>
      ce().send(
        new GetAnomaliesCommand({
          DateInterval: interval,
          TotalImpact: { NumericOperator: 'GREATER_THAN', StartValue: 1000 },
        }),
      ),
    );
    expect(big.Anomalies!.map((anomaly) => anomaly.DimensionValue)).toEqual(['Amazon Elastic Compute Cloud - Compute']);
    const first = await readBack(account, () =>
      ce().send(new GetAnomaliesCommand({ DateInterval: interval, MaxResults: 1 })),
    );
    expect(first.Anomalies).toHaveLength(1);
    expect(first.NextPageToken).toBeDefined();
  });

  it('rejects a monitor that does not exist', async () => {
    const error = await errorOf(account, () =>
      ce().send(
        new GetAnomaliesCommand({
          DateInterval: { StartDate: '2026-11-11' },
          MonitorArn: 'arn:aws:ce::123456789012:anomalymonitor/00000000-0000-0000-0000-000000000000',
        }),
      ),
    );
    expect(error.name).toBe('UnknownMonitorException');
  });
});
