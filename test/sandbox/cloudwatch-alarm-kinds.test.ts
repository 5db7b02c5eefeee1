// CloudWatch as incident-response reads it: composite and metric-math alarms, their history, tags, and metric math
// in GetMetricData; plus S3 conditional writes racing each other (the claims behind incident numbers).
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { errorOf, NOW, useSandbox } from './helpers.ts';

const cloudwatch = () => awsClient(CloudWatchClient, 'us-east-1');
const ALB = [{ Name: 'LoadBalancer', Value: 'app/idp-prod-alb/5f1c0a7e2b3d4e6f' }];
const stat = (MetricName: string) => ({
  MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName, Dimensions: ALB }, Period: 300, Stat: 'Sum' },
  ReturnData: false,
});

describe('CloudWatch alarm kinds', () => {
  useSandbox();

  it('returns composite alarms only when AlarmTypes asks for them, beside metric alarms on one page', async () => {
    const names = ['idp-prod-platform-down', 'idp-high-error-rate'];
    const onlyMetric = await cloudwatch().send(new DescribeAlarmsCommand({ AlarmNames: names }));
    expect(onlyMetric.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['idp-high-error-rate']);
    expect(onlyMetric.CompositeAlarms).toEqual([]);
    const both = await cloudwatch().send(
      new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['CompositeAlarm', 'MetricAlarm'] }),
    );
    expect(both.CompositeAlarms!.map((a) => [a.AlarmName, a.AlarmRule, a.StateValue])).toEqual([
      ['idp-prod-platform-down', 'ALARM("idp-api-latency-p99") AND ALARM("idp-high-error-rate")', 'ALARM'],
    ]);
    expect(both.MetricAlarms![0].Metrics!.map((q) => q.Id)).toEqual(['errors', 'requests', 'rate']);
    expect(both.MetricAlarms![0].StateTransitionedTimestamp).toBeInstanceOf(Date);
  });

  it("lists a composite alarm's history with AlarmType CompositeAlarm when asked for composites", async () => {
    const ask = (AlarmTypes?: ('CompositeAlarm' | 'MetricAlarm')[]) =>
      cloudwatch().send(new DescribeAlarmHistoryCommand({ AlarmName: 'idp-prod-platform-down', AlarmTypes }));
    expect((await ask()).AlarmHistoryItems).toEqual([]);
    const items = (await ask(['CompositeAlarm'])).AlarmHistoryItems!;
    expect(items.map((item) => [item.AlarmType, item.HistorySummary])).toEqual([
      ['CompositeAlarm', 'Alarm updated from OK to ALARM'],
    ]);
  });

  it('lists the tags of metric and composite alarms by ARN, and refuses an unknown ARN', async () => {
    const tags = await cloudwatch().send(
      new ListTagsForResourceCommand({
        ResourceARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:idp-prod-platform-down',
      }),
    );
    expect(tags.Tags).toEqual([{ Key: 'severity', Value: 'SEV1' }]);
    const error = await errorOf(
      cloudwatch().send(
        new ListTagsForResourceCommand({ ResourceARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:nope' }),
      ),
    );
    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('evaluates metric math over the queries of the request: arithmetic, PERIOD, hidden inputs', async () => {
    const result = await cloudwatch().send(
      new GetMetricDataCommand({
        StartTime: new Date(NOW.getTime() - 30 * 60_000),
        EndTime: NOW,
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { Id: 'errors', ...stat('HTTPCode_Target_5XX_Count') },
          { Id: 'requests', ...stat('RequestCount') },
          { Id: 'rate', Expression: '100 * errors / requests', ReturnData: true },
          { Id: 'perSecond', Expression: 'requests / PERIOD(requests)', ReturnData: true },
        ],
      }),
    );
    expect(result.MetricDataResults!.map((series) => series.Id)).toEqual(['rate', 'perSecond']);
    const [rate, perSecond] = result.MetricDataResults!;
    expect(rate.Values!.length).toBe(rate.Timestamps!.length);
    expect(Math.max(...rate.Values!)).toBeGreaterThan(1.5); // 900 errors of ~42,000 requests in the spike
    expect(Math.min(...perSecond.Values!)).toBeGreaterThan(100); // ~42,000 requests per 300 s
  });

  it('fails loudly for metric math it does not model, and refuses ids that are not queries of the request', async () => {
    const send = (Expression: string) =>
      cloudwatch().send(
        new GetMetricDataCommand({
          StartTime: new Date(NOW.getTime() - 600_000),
          EndTime: NOW,
          MetricDataQueries: [
            { Id: 'requests', ...stat('RequestCount') },
            { Id: 'e1', Expression },
          ],
        }),
      );
    expect((await errorOf(send('ANOMALY_DETECTION_BAND(requests)'))).name).toBe('NotImplementedInSandbox');
    expect((await errorOf(send('errors / requests'))).name).toBe('InvalidParameterValue');
  });
});

describe('S3 conditional writes at the same moment', () => {
  useSandbox();

  it('lets exactly one of several concurrent If-None-Match writes of one key win', async () => {
    const s3 = awsClient(S3Client, 'us-east-1');
    const put = (n: number) =>
      s3.send(
        new PutObjectCommand({
          Bucket: 'idp-autopilot-dev-reports-123456789012',
          Key: 'incidents/ids/20250615/001.json',
          Body: JSON.stringify({ n }),
          IfNoneMatch: '*',
        }),
      );
    const results = await Promise.allSettled([1, 2, 3, 4].map(put));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.name)).toEqual(
      ['PreconditionFailed', 'PreconditionFailed', 'PreconditionFailed'],
    );
  });
});
