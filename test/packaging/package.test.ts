import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { serviceDeclaration } from '../../serverless/service.ts';
import { type CfnResource, packagedTemplate } from '../support/template.ts';

const config = loadStageConfig({ stage: 'dev' });
const service = serviceDeclaration(config, 'dev');
const { Resources } = packagedTemplate();
const ofType = (type: string) => Object.values(Resources).filter((resource) => resource.Type === type);
const props = (resource: CfnResource) => resource.Properties as Record<string, any>;

describe('the packaged CloudFormation template', () => {
  it('has one function per serverless.yml function, each with its own role', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions).toHaveLength(Object.keys(service.functions).length);
    const roles = functions.map((fn) => JSON.stringify(props(fn).Role));
    expect(new Set(roles).size).toBe(functions.length);
    for (const fn of functions) {
      expect(props(fn).Runtime).toBe('nodejs24.x');
      expect(props(fn).Architectures).toEqual(['arm64']);
    }
  });

  it('keeps every function environment under the 4 KB Lambda limit', () => {
    for (const fn of ofType('AWS::Lambda::Function')) {
      expect(JSON.stringify(props(fn).Environment.Variables).length).toBeLessThan(4096);
    }
  });

  it('schedules each scheduled playbook with EventBridge Scheduler in its configured time zone', () => {
    const schedules = ofType('AWS::Scheduler::Schedule').map(props);
    const declared = service.stateMachines.flatMap((machine) => machine.schedules);
    expect(schedules).toHaveLength(declared.length);
    for (const schedule of declared) {
      expect(schedules).toContainEqual(
        expect.objectContaining({ ScheduleExpression: schedule.cron, ScheduleExpressionTimezone: schedule.timezone }),
      );
    }
  });

  it('has an EventBridge rule for every pattern the CLI routes events through, with the same pattern', () => {
    const rules = ofType('AWS::Events::Rule').map((rule) => props(rule).EventPattern);
    const patterns = service.stateMachines.flatMap((machine) => machine.patterns);
    expect(rules).toHaveLength(patterns.length);
    for (const pattern of patterns) expect(rules).toContainEqual(pattern);
  });

  it('keeps names within AWS limits', () => {
    for (const fn of ofType('AWS::Lambda::Function'))
      expect(String(props(fn).FunctionName).length).toBeLessThanOrEqual(64);
    for (const machine of service.stateMachines) expect(machine.name.length).toBeLessThanOrEqual(80);
    for (const alarm of ofType('AWS::CloudWatch::Alarm'))
      expect(String(props(alarm).AlarmName).length).toBeLessThanOrEqual(255);
    const bucket = `idp-autopilot-dev-reports-123456789012`;
    expect(bucket.length).toBeLessThanOrEqual(63);
    for (const role of ofType('AWS::IAM::Role')) {
      if (typeof props(role).RoleName === 'string') expect(props(role).RoleName.length).toBeLessThanOrEqual(64);
    }
  });

  it('keeps reports encrypted, private, TLS-only and expiring', () => {
    const bucket = props(Resources.ReportsBucket);
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('AES256');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.LifecycleConfiguration.Rules[0]).toMatchObject({
      Status: 'Enabled',
      ExpirationInDays: config.reports.retentionDays,
    });
    const policy = JSON.stringify(props(Resources.ReportsBucketTlsOnly).PolicyDocument);
    expect(policy).toContain('aws:SecureTransport');
  });

  it('alarms on every function error and every failed, timed-out or aborted execution, to the topic', () => {
    expect(Resources.NotificationTopic.Type).toBe('AWS::SNS::Topic');
    const alarms = ofType('AWS::CloudWatch::Alarm').map(props);
    for (const key of Object.keys(service.functions)) {
      expect(
        alarms.some((alarm) =>
          JSON.stringify(alarm.Dimensions ?? []).includes(
            `${key.charAt(0).toUpperCase()}${key.slice(1)}LambdaFunction`,
          ),
        ),
      ).toBe(true);
    }
    const executionMetrics = alarms
      .filter((alarm) => alarm.Namespace === 'AWS/States')
      .map((alarm) => alarm.MetricName);
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      expect(executionMetrics.filter((name) => name === metric)).toHaveLength(service.stateMachines.length);
    }
    for (const alarm of alarms) expect(JSON.stringify(alarm.AlarmActions)).toContain('NotificationTopic');
  });
});
