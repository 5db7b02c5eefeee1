import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

const cloudwatch = () => awsClient(CloudWatchClient, 'us-east-1');

describe('sandbox CloudWatch alarms and metrics', () => {
  it('DescribeAlarms filters by name prefix and pages with NextToken', async () => {
    const account = freshAccount();
    const names = await readBack(account, async () => {
      const seen: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await cloudwatch().send(
          new DescribeAlarmsCommand({ AlarmNamePrefix: 'idp-', MaxRecords: 2, NextToken }),
        );
        expect(page.MetricAlarms!.length).toBeLessThanOrEqual(2);
        seen.push(...page.MetricAlarms!.map((alarm) => alarm.AlarmName!));
        NextToken = page.NextToken;
      } while (NextToken);
      return seen;
    });
    expect(names).toContain('idp-prod-api-5xx');
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => name.startsWith('idp-'))).toBe(true);
  });

  it('DescribeAlarms refuses AlarmNames with AlarmNamePrefix and returns nothing for an unknown name', async () => {
    const account = freshAccount();
    await readBack(account, async () => {
      await expect(
        cloudwatch().send(new DescribeAlarmsCommand({ AlarmNames: ['idp-prod-api-5xx'], AlarmNamePrefix: 'idp-' })),
      ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
      const none = await cloudwatch().send(new DescribeAlarmsCommand({ AlarmNames: ['nope'] }));
      expect(none.MetricAlarms).toEqual([]);
    });
  });

  it('DescribeAlarmHistory returns StateUpdate items in the date range, newest first', async () => {
    const account = freshAccount();
    const now = account.now();
    const items = await readBack(
      account,
      async () =>
        (
          await cloudwatch().send(
            new DescribeAlarmHistoryCommand({
              AlarmName: 'idp-prod-api-5xx',
              HistoryItemType: 'StateUpdate',
              StartDate: new Date(now.getTime() - 86_400_000),
              EndDate: now,
            }),
          )
        ).AlarmHistoryItems!,
    );
    expect(items).toHaveLength(1);
    expect(items[0].HistorySummary).toBe('Alarm updated from OK to ALARM');
    expect(JSON.parse(items[0].HistoryData!).newState.stateValue).toBe('ALARM');
  });

  it('GetMetricData returns one datapoint per period of a seeded metric and none for an unknown one', async () => {
    const account = freshAccount();
    const now = account.now();
    const metric = (name: string) => ({
      Namespace: 'AWS/ApiGateway',
      MetricName: name,
      Dimensions: [
        { Name: 'ApiName', Value: 'idp-prod-api' },
        { Name: 'Stage', Value: 'prod' },
      ],
    });
    const [known, unknown] = await readBack(
      account,
      async () =>
        (
          await cloudwatch().send(
            new GetMetricDataCommand({
              StartTime: new Date(now.getTime() - 30 * 60_000),
              EndTime: now,
              MetricDataQueries: [
                { Id: 'errors', MetricStat: { Metric: metric('5XXError'), Period: 300, Stat: 'Sum' } },
                { Id: 'other', MetricStat: { Metric: metric('Latency'), Period: 300, Stat: 'Average' } },
              ],
            }),
          )
        ).MetricDataResults!,
    );
    expect(known.Timestamps!.length).toBeGreaterThanOrEqual(5);
    expect(known.Values).toHaveLength(known.Timestamps!.length);
    expect(known.Timestamps![0].getTime()).toBeGreaterThan(known.Timestamps![1].getTime()); // newest first
    expect(unknown).toMatchObject({ Id: 'other', Timestamps: [], Values: [], StatusCode: 'Complete' });
  });
});
