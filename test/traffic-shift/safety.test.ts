import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { acquireLock } from '../../functions/shared/claims/locks.ts';
import { setTargetGroupTraffic } from '../../sandbox/metrics.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';
import {
  AUTH,
  BUCKET,
  LOAD_BALANCER,
  type Loose,
  lastReport,
  lockKeys,
  shift,
  targetGroupNamed,
  weightsOf,
} from './support.ts';

const untouched = { 'idp-auth-blue': 100, 'idp-auth-green': 0 };
const modified = (account: ReturnType<typeof freshAccount>) =>
  account.callsTo('ElasticLoadBalancingV2', 'ModifyRule').length;

describe('traffic-shift refuses before it changes anything', () => {
  it('refuses a second shift of the same rule, naming the running execution', async () => {
    const account = freshAccount();
    await readBack(account, () =>
      acquireLock(awsClient(S3Client, 'us-east-1'), BUCKET, {
        target: `alb-rule:${AUTH.ruleArn}`,
        playbook: 'traffic-shift',
        executionId: 'arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-traffic-shift:release-42',
        executionName: 'release-42',
        ttlSeconds: 3600,
        now: new Date(),
      }),
    );
    const result = await shift(account, { service: 'idp-auth' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('TargetLockedError');
    expect(result.error?.Cause).toContain('traffic-shift execution release-42');
    expect(modified(account)).toBe(0);
    expect(await lockKeys(account)).toHaveLength(1);
  });

  it('refuses while a green target is not healthy, naming it, and lets go of the lock', async () => {
    const account = freshAccount();
    targetGroupNamed(account, 'idp-auth-green').targets[1].State = 'unhealthy';
    const result = await shift(account, { service: 'idp-auth' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('10.0.21.12:8080 unhealthy');
    expect(modified(account)).toBe(0);
    expect(await lockKeys(account)).toEqual([]);
  });

  it('refuses while a guard alarm is in ALARM; an override with a reason proceeds and the report records it', async () => {
    const account = freshAccount();
    const alarm = account.region('us-east-1').cloudwatch.alarms.find((a) => a.AlarmName === 'idp-services-5xx')!;
    alarm.StateValue = 'ALARM';

    const refused = await shift(account, { service: 'idp-auth' });
    expect(refused.status).toBe('FAILED');
    expect(refused.error?.Cause).toContain('guard alarms already in ALARM: idp-services-5xx');
    expect(modified(account)).toBe(0);

    const override = {
      alarmNames: ['idp-services-5xx'],
      reason: 'deploying the fix for the 5XX alarm (INC-20261130-002)',
    };
    const fix = await shift(account, { service: 'idp-auth', allowFiringAlarms: override });
    expect(fix.status).toBe('SUCCEEDED');
    const report = await lastReport(account);
    expect(report.allowFiringAlarms).toEqual(override);
    expect(report.judgements[0].alarms).toContainEqual({ name: 'idp-services-5xx', state: 'ALARM', allowed: true });
  });

  it('refuses an unknown service and an unknown key by name', async () => {
    const account = freshAccount();
    expect((await shift(account, { service: 'idp-nope' })).error?.Cause).toContain('input.service: idp-nope');
    expect((await shift(account, { service: 'idp-auth', bakeSecs: 1 })).error?.Cause).toContain('bakeSecs');
    expect(modified(account)).toBe(0);
  });

  it('changes nothing when a smoke test fails, and reports the responses', async () => {
    const account = freshAccount();
    const endpoint = account.state.global.http!.endpoints.find((e) =>
      e.url.endsWith('auth.idp.example.com/api/v1/test'),
    )!;
    Object.assign(endpoint, { status: 500, body: '{"error":"db migration missing"}' });
    const result = await shift(account, { service: 'idp-auth' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('POST https://green.auth.idp.example.com/api/v1/test: 500');
    expect(await weightsOf(account, AUTH.ruleArn)).toEqual(untouched);
    expect(modified(account)).toBe(0);
    const report = await lastReport(account);
    expect(report.smokeTests.map((s: Loose) => s.passed)).toEqual([true, false]);
    expect(report.smokeTests[1].excerpt).toContain('db migration missing');
  });

  it('a dry run checks and smoke-tests, lists every change and makes none', async () => {
    const account = freshAccount();
    const result = await shift(account, { service: 'idp-search', mode: 'canary' }, { dryRun: true });

    expect(result.status).toBe('SUCCEEDED');
    expect(account.calls.filter((c) => /^(Modify|Create|Delete)/.test(c.operation) && c.service !== 'S3')).toEqual([]);
    expect(await lockKeys(account)).toEqual([]);
    const report = await lastReport(account);
    expect(report.outcome).toBe('dry-run');
    expect(report.actions.map((a: Loose) => [a.action, a.outcome])).toEqual([
      ['elasticloadbalancing:ModifyTargetGroupAttributes', 'dry-run'],
      ['elasticloadbalancing:CreateRule', 'dry-run'],
      ['elasticloadbalancing:ModifyRule', 'dry-run'],
      ['elasticloadbalancing:ModifyRule', 'dry-run'],
    ]);
  });
});

describe('traffic-shift with too few requests to judge', () => {
  const green = { region: 'us-east-1', targetGroupArn: AUTH.greenTargetGroupArn, loadBalancer: LOAD_BALANCER };

  it('extends the bake instead of passing, and judges once enough requests came', async () => {
    const account = freshAccount();
    // 8 a minute: 80 in the 600 s bake (fewer than 100), 120 after one 300 s extension.
    setTargetGroupTraffic(account, green, { requestsPerMinute: 8, errorsPerMinute: 0, responseMs: 300 });
    const result = await shift(account, { service: 'idp-auth' });

    expect(result.status).toBe('SUCCEEDED');
    const report = await lastReport(account);
    expect(report.judgements.map((j: Loose) => `${j.percent}:${j.verdict}`)).toEqual([
      '10:extend',
      '10:pass',
      '50:extend',
      '50:pass',
      '100:extend',
      '100:pass',
    ]);
    expect(report.judgements[1].window.seconds).toBe(900);
  });

  it('rolls back as not judgeable after the last extension, never passes', async () => {
    const account = freshAccount();
    setTargetGroupTraffic(account, green, { requestsPerMinute: 1, errorsPerMinute: 0 });
    const result = await shift(account, { service: 'idp-auth' });

    expect(result.status).toBe('FAILED');
    expect(JSON.parse(result.error!.Cause).judgement).toContain('after 3 extension(s): not judgeable');
    expect(await weightsOf(account, AUTH.ruleArn)).toEqual(untouched);
  });
});
