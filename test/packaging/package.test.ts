import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_STAGE } from '../support/package-once.ts';
import { type CfnResource, packagedService, packagedTemplate } from '../support/template.ts';

const { config, service } = packagedService();
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

  it('keeps every function environment under 2 KB, half of what Lambda allows (its config slice only)', () => {
    for (const fn of ofType('AWS::Lambda::Function')) {
      expect(JSON.stringify(props(fn).Environment.Variables).length).toBeLessThan(2048);
    }
  });

  it('hands each function the config blocks its handler reads, so its cold start passes on its own environment', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const saved = { ...process.env };
    try {
      for (const fn of Object.values(service.functions)) {
        Object.assign(process.env, {
          ...fn.environment,
          STAGE: PACKAGE_STAGE,
          REPORTS_BUCKET: 'reports',
          NOTIFY_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:123456789012:topic',
        });
        // makeHandler validates the config of the blocks it declares when the module loads (a cold start).
        const module = await import(pathToFileURL(join(root, fn.modulePath)).href);
        for (const block of module.handler.configBlocks as string[]) expect(fn.configBlocks, fn.key).toContain(block);
      }
    } finally {
      process.env = saved;
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

  it('keeps every generated name within its AWS limit at the longest stage name, in the longest region name', () => {
    // The suite packages stage longest-stage-16 with ap-southeast-1 as home (test/support/longest-names.yml).
    expect(PACKAGE_STAGE).toHaveLength(16);
    const named = (type: string, property: string) =>
      ofType(type).map((resource) => resolveName(props(resource)[property]));
    for (const name of named('AWS::Lambda::Function', 'FunctionName'))
      expect(name.length, name).toBeLessThanOrEqual(64);
    for (const name of named('AWS::StepFunctions::StateMachine', 'StateMachineName'))
      expect(name.length, name).toBeLessThanOrEqual(80);
    for (const name of named('AWS::CloudWatch::Alarm', 'AlarmName')) expect(name.length, name).toBeLessThanOrEqual(255);
    for (const name of named('AWS::IAM::Role', 'RoleName')) expect(name.length, name).toBeLessThanOrEqual(64);
    for (const name of named('AWS::IAM::InstanceProfile', 'InstanceProfileName'))
      expect(name.length, name).toBeLessThanOrEqual(128);
    for (const name of named('AWS::S3::Bucket', 'BucketName')) expect(name.length, name).toBeLessThanOrEqual(63);
    for (const name of named('AWS::SNS::Topic', 'TopicName')) expect(name.length, name).toBeLessThanOrEqual(256);
    for (const name of named('AWS::Logs::LogGroup', 'LogGroupName')) expect(name.length, name).toBeLessThanOrEqual(512);
    for (const name of named('AWS::Scheduler::Schedule', 'Name')) expect(name.length, name).toBeLessThanOrEqual(64);
    for (const name of named('AWS::Events::Rule', 'Name')) expect(name.length, name).toBeLessThanOrEqual(64);
    expect(named('AWS::IAM::Role', 'RoleName').filter((name) => name.length > 0).length).toBeGreaterThan(
      Object.keys(service.functions).length - 1,
    );
  });

  it('keeps case evidence when the stack goes: the reports bucket and the logs of every function that acts on a case', () => {
    expect(Resources.ReportsBucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    const acting = Object.values(service.functions).filter((fn) =>
      ['contain-instance', 'release-instance', 'revoke-credentials', 'restore-credentials'].includes(fn.playbook),
    );
    expect(acting.length).toBeGreaterThan(10);
    for (const fn of acting) {
      const logGroup = Resources[`${fn.key.charAt(0).toUpperCase()}${fn.key.slice(1)}LogGroup`];
      expect(logGroup, fn.key).toMatchObject({ Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain' });
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
    // The stack's own alarms notify the topic; the runbook's thresholds reach it through incident-response.
    const own = alarms.filter((alarm) => !JSON.stringify(alarm.Tags ?? []).includes('autopilot:runbook-threshold'));
    for (const alarm of own) expect(JSON.stringify(alarm.AlarmActions)).toContain('NotificationTopic');
  });
});

/** A name as CloudFormation resolves it (Fn::Sub / Fn::Join / Ref of pseudo parameters), the account id at its longest. */
function resolveName(value: unknown): string {
  const pseudo: Record<string, string> = {
    'AWS::Region': service.region,
    'AWS::AccountId': '123456789012',
    'AWS::Partition': 'aws',
    'AWS::StackName': `idp-autopilot-${PACKAGE_STAGE}`,
  };
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === 'string') return pseudo[object.Ref] ?? object.Ref;
  if (typeof object['Fn::Sub'] === 'string')
    return (object['Fn::Sub'] as string).replace(/\$\{([^}]+)\}/g, (_, name: string) => pseudo[name] ?? name);
  if (Array.isArray(object['Fn::Join'])) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(resolveName).join(separator);
  }
  throw new Error(`cannot resolve the name ${JSON.stringify(value)}`);
}
