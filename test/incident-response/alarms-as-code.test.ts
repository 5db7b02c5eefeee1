import { describe, expect, it } from 'vitest';
import { notHandledBecause } from '../../functions/incident-response/model/classify.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { THRESHOLD_TAG, thresholdAlarmResources } from '../../serverless/alarms-as-code.ts';
import { matchesPattern } from '../../serverless/event-patterns/matcher.ts';
import { type CfnResource, packagedService, packagedTemplate } from '../support/template.ts';
import { sampleEvent } from './support.ts';

const { config, service } = packagedService();
const { Resources } = packagedTemplate();
const alarms = Object.values(Resources)
  .filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm')
  .map((resource) => resource.Properties as Record<string, any>);
const thresholdAlarms = alarms.filter((alarm) => JSON.stringify(alarm.Tags ?? []).includes(THRESHOLD_TAG));
const tag = (alarm: Record<string, any>, key: string) =>
  (alarm.Tags as { Key: string; Value: string }[]).find((t) => t.Key === key)?.Value;
const byName = (name: string) => thresholdAlarms.find((alarm) => alarm.AlarmName === name)!;

/** The state change CloudWatch would send for an alarm of that name. */
function stateChangeOf(alarmName: string) {
  const event = sampleEvent('01-idp-prod-api-5xx-alarm');
  event.detail.alarmName = alarmName;
  return event;
}

describe('alarms as code: the runbook thresholds in the packaged template', () => {
  it('has one CloudWatch alarm per runbook threshold, tagged with its severity', () => {
    expect(thresholdAlarms.map((alarm) => tag(alarm, THRESHOLD_TAG)).sort()).toEqual([
      'api_latency_p99',
      'connection_count',
      'cpu_utilization',
      'disk_utilization',
      'error_rate',
      'memory_utilization',
      'replication_lag',
      'request_rate',
    ]);
    expect(
      Object.fromEntries(thresholdAlarms.map((alarm) => [tag(alarm, THRESHOLD_TAG), tag(alarm, 'severity')])),
    ).toEqual({
      api_latency_p99: 'SEV3',
      error_rate: 'SEV2',
      request_rate: 'SEV4',
      cpu_utilization: 'SEV3',
      memory_utilization: 'SEV2',
      disk_utilization: 'SEV3',
      connection_count: 'SEV3',
      replication_lag: 'SEV2',
    });
  });

  it("makes the runbook's idp-high-error-rate a metric-math ratio of 5XX to requests over 1 % in 5 minutes", () => {
    const alarm = byName('idp-high-error-rate');
    expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
    expect(alarm.Metrics[0]).toEqual({
      Id: 'value',
      Expression: '100 * errors / requests',
      Label: '100 * errors / requests',
      ReturnData: true,
    });
    expect(
      alarm.Metrics.slice(1).map((q: any) => [q.Id, q.MetricStat.Metric.MetricName, q.MetricStat.Period, q.ReturnData]),
    ).toEqual([
      ['errors', 'HTTPCode_Target_5XX_Count', 300, false],
      ['requests', 'RequestCount', 300, false],
    ]);
    expect(alarm.Namespace).toBeUndefined();
  });

  it('watches single metrics with their statistic, window and threshold', () => {
    expect(byName('idp-api-latency-p99')).toMatchObject({
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'TargetResponseTime',
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: 1,
    });
    expect(byName('idp-api-disk-high')).toMatchObject({ MetricName: 'disk_used_percent', Period: 600, Threshold: 85 });
    expect(byName('idp-aurora-replication-lag')).toMatchObject({
      MetricName: 'AuroraGlobalDBReplicationLag',
      Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'idp-aurora-primary' }],
      Period: 60,
      Threshold: 1000,
    });
  });

  it('routes every threshold alarm and the stack’s own failure alarms to incident-response, except its own', () => {
    const rule = service.stateMachines.find((machine) => machine.playbook === 'incident-response')!.patterns[0];
    const settings = config.playbooks.incidentResponse;
    for (const alarm of thresholdAlarms) {
      expect(matchesPattern(rule, stateChangeOf(alarm.AlarmName)), alarm.AlarmName).toBe(true);
      expect(notHandledBecause(alarm.AlarmName, {}, settings)).toBeUndefined();
    }
    const executionAlarms = alarms.filter((alarm) => alarm.Namespace === 'AWS/States');
    const names = executionAlarms.map((alarm) => alarm.AlarmName as string);
    expect(names).toContain('idp-autopilot-longest-stage-16-contain-instance-ExecutionsFailed');
    expect(
      notHandledBecause('idp-autopilot-longest-stage-16-contain-instance-ExecutionsFailed', {}, settings),
    ).toBeUndefined();
    const own = names.filter((name) => name.includes('-incident-response-'));
    expect(own.length).toBeGreaterThan(0);
    for (const name of own) expect(notHandledBecause(name, {}, settings)).toContain('ignoreAlarmNames');
    for (const alarm of alarms.filter((a) => /-incident\w+-errors$/.test(a.AlarmName))) {
      expect(notHandledBecause(alarm.AlarmName, {}, settings)).toContain('ignoreAlarmNames');
      expect(JSON.stringify(alarm.AlarmActions)).toContain('NotificationTopic');
    }
  });

  it('follows the stage config: a disabled threshold has no alarm, a changed one its new values', () => {
    const raw = loadStageConfig({ stage: 'dev' });
    raw.playbooks.incidentResponse.thresholds = {
      request_rate: { enabled: false },
      cpu_utilization: { threshold: 70, alarmActions: ['arn:aws:sns:us-east-1:123456789012:idp-alerts'] },
    };
    const resources = thresholdAlarmResources(raw, 'prod') as Record<string, CfnResource>;
    expect(resources.IncidentThresholdRequestRateAlarm).toBeUndefined();
    expect(resources.IncidentThresholdCpuUtilizationAlarm.Properties).toMatchObject({
      AlarmName: 'idp-api-cpu-high',
      Threshold: 70,
      AlarmActions: ['arn:aws:sns:us-east-1:123456789012:idp-alerts'],
    });
    expect(Object.keys(resources)).toHaveLength(7);
  });
});
