import {
  CostExplorerClient,
  DataUnavailableException,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { readAnomalies } from '../../functions/cost-report/anomalies/anomalies.ts';
import { readForecast } from '../../functions/cost-report/forecast/forecast.ts';
import { planCostReport } from '../../functions/cost-report/plan/plan.ts';
import { readCleanupSavings } from '../../functions/cost-report/savings/savings.ts';
import { readSpend } from '../../functions/cost-report/usage/read.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';
import { resultsFrom } from './fixtures.ts';

const plan = planCostReport({}, 'UTC', new Date('2026-03-18T07:00:00Z'));
const ce = mockClient(CostExplorerClient);
afterEach(() => ce.reset());
const client = () => new CostExplorerClient({ region: 'us-east-1' });
const unavailable = () => new DataUnavailableException({ message: 'Data is not available.', $metadata: {} });

describe('spend reader', () => {
  it('asks once for DAILY UnblendedCost by SERVICE and RECORD_TYPE from last month through yesterday, following NextPageToken', async () => {
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce({
        ResultsByTime: resultsFrom([{ date: '2026-03-01', service: 'Amazon EC2', amount: 100 }]),
        NextPageToken: 'p2',
      })
      .resolvesOnce({ ResultsByTime: resultsFrom([{ date: '2026-03-02', service: 'Amazon EC2', amount: 90 }]) });

    const reading = await readSpend(client(), plan);

    const calls = ce.commandCalls(GetCostAndUsageCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      TimePeriod: { Start: '2026-02-01', End: '2026-03-18' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'RECORD_TYPE' },
      ],
    });
    expect(calls[1].NextPageToken).toBe('p2');
    expect(reading).toMatchObject({ status: 'ok', requests: 2, services: ['Amazon EC2'] });
    expect(reading.days.map((day) => day.date)).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('makes no request when the month has no complete day yet', async () => {
    const firstDay = planCostReport({ month: '2026-03' }, 'UTC', new Date('2026-03-01T07:00:00Z'));

    const reading = await readSpend(client(), firstDay);

    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(0);
    expect(reading).toMatchObject({ status: 'skipped', requests: 0 });
  });

  it('reports no data when Cost Explorer has none for the account', async () => {
    ce.on(GetCostAndUsageCommand).rejects(unavailable());

    const reading = await readSpend(client(), plan);

    expect(reading).toMatchObject({ status: 'no-data', requests: 1, days: [] });
    expect(reading.message).toContain('Data is not available');
  });
});

describe('forecast reader', () => {
  it('forecasts spend before credits and refunds from today to the end of the month', async () => {
    ce.on(GetCostForecastCommand).resolves({
      Total: { Amount: '1400.123', Unit: 'USD' },
      ForecastResultsByTime: [
        { MeanValue: '1400.123', PredictionIntervalLowerBound: '1300', PredictionIntervalUpperBound: '1500' },
      ],
    });

    const reading = await readForecast(client(), plan);

    expect(ce.commandCalls(GetCostForecastCommand)[0].args[0].input).toMatchObject({
      TimePeriod: { Start: '2026-03-18', End: '2026-04-01' },
      Metric: 'UNBLENDED_COST',
      Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
    });
    expect(reading).toMatchObject({ status: 'ok', meanUsd: 1400.12, lowerUsd: 1300, upperUsd: 1500, requests: 1 });
  });

  it('asks nothing for a month that is over and says why', async () => {
    const february = planCostReport({}, 'UTC', new Date('2026-03-01T07:00:00Z'));

    const reading = await readForecast(client(), february);

    expect(ce.commandCalls(GetCostForecastCommand)).toHaveLength(0);
    expect(reading).toMatchObject({ status: 'skipped', requests: 0 });
    expect(reading.message).toContain('is over');
  });

  it('reports a forecast Cost Explorer cannot make yet as unavailable', async () => {
    ce.on(GetCostForecastCommand).rejects(unavailable());

    expect(await readForecast(client(), plan)).toMatchObject({ status: 'unavailable', requests: 1 });
  });
});

describe('anomaly reader', () => {
  it('reads every page of the last 7 days, largest impact first', async () => {
    const anomaly = (id: string, impact: number) => ({
      AnomalyId: id,
      AnomalyStartDate: '2026-03-14',
      AnomalyEndDate: '2026-03-17',
      DimensionValue: `service-${id}`,
      AnomalyScore: { MaxScore: 0.8, CurrentScore: 0.7 },
      Impact: { MaxImpact: impact / 2, TotalImpact: impact },
      MonitorArn: 'arn:aws:ce::123456789012:anomalymonitor/x',
    });
    ce.on(GetAnomaliesCommand)
      .resolvesOnce({ Anomalies: [anomaly('a', 20)], NextPageToken: 't' })
      .resolvesOnce({ Anomalies: [anomaly('b', 300)] });

    const reading = await readAnomalies(client(), plan, 5);

    expect(ce.commandCalls(GetAnomaliesCommand)[0].args[0].input).toMatchObject({
      DateInterval: { StartDate: '2026-03-11', EndDate: '2026-03-18' },
      TotalImpact: { NumericOperator: 'GREATER_THAN_OR_EQUAL', StartValue: 5 },
    });
    expect(reading.requests).toBe(2);
    expect(reading.anomalies.map((item) => item.id)).toEqual(['b', 'a']);
  });
});

describe('cleanup savings reader', () => {
  const bucket = 'idp-autopilot-dev-reports-123456789012';
  const put = (key: string, body: unknown) =>
    awsClient(S3Client, 'us-east-1').send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(body) }),
    );

  it("sums the month's real nightly-cleanup runs and lists the largest deletions", async () => {
    const account = freshAccount();
    const reading = await readBack(account, async () => {
      await put('reports/nightly-cleanup/2026-03-02/run-1.json', {
        totals: { realisedMonthlySavingsUsd: 12.5 },
        items: [
          { resourceId: 'vol-1', resourceType: 'volume', outcome: 'deleted', estimatedMonthlySavingsUsd: 8 },
          { resourceId: 'vol-9', resourceType: 'volume', outcome: 'marked', estimatedMonthlySavingsUsd: 50 },
        ],
      });
      await put('reports/nightly-cleanup/2026-03-09/run-2.json', {
        totals: { realisedMonthlySavingsUsd: 30 },
        items: [{ resourceId: 'snap-2', resourceType: 'snapshot', outcome: 'deleted', estimatedMonthlySavingsUsd: 30 }],
      });
      await put('reports/nightly-cleanup/2026-03-10/dry.json', {
        dryRun: true,
        totals: { realisedMonthlySavingsUsd: 99 },
      });
      await put('reports/nightly-cleanup/2026-02-27/run-0.json', { totals: { realisedMonthlySavingsUsd: 1000 } });
      return readCleanupSavings(awsClient(S3Client, 'us-east-1'), bucket, plan);
    });

    expect(reading).toMatchObject({ status: 'ok', reportsRead: 3, reportsCounted: 2, realisedMonthlySavingsUsd: 42.5 });
    expect(reading.topItems.map((item) => item.resource)).toEqual(['snap-2', 'vol-1']);
  });

  it('counts no report as 0 USD and says so', async () => {
    const reading = await readBack(freshAccount(), () =>
      readCleanupSavings(awsClient(S3Client, 'us-east-1'), bucket, plan),
    );

    expect(reading).toMatchObject({ status: 'none', realisedMonthlySavingsUsd: 0 });
    expect(reading.message).toBe('no nightly-cleanup report in March 2026: counted as 0 USD');
  });
});
