import { describe, expect, it } from 'vitest';
import { freshAccount } from '../support/sandbox.ts';
import {
  AUTH,
  DOCS,
  headerRules,
  type Loose,
  lastReport,
  lockKeys,
  readJson,
  SEARCH,
  shift,
  snsMessages,
  targetGroupNamed,
  weightsOf,
} from './support.ts';

describe('traffic-shift on the sandbox', () => {
  it('shifts 10/50/100, bakes and judges green against blue after each step, and promotes green', async () => {
    const account = freshAccount();
    const result = await shift(account, { service: 'idp-auth' });

    expect(result.status).toBe('SUCCEEDED');
    expect(await weightsOf(account, AUTH.ruleArn)).toEqual({ 'idp-auth-blue': 0, 'idp-auth-green': 100 });
    const set = account.callsTo('ElasticLoadBalancingV2', 'ModifyRule').map((call) => {
      const groups = (call.input as Loose).Actions[0].ForwardConfig.TargetGroups;
      return groups.map((g: Loose) => g.Weight);
    });
    expect(set).toEqual([
      [90, 10],
      [50, 50],
      [0, 100],
    ]);
    const output = result.output as Loose;
    expect(output.outcome).toBe('promoted');
    expect(output.judgements.map((j: Loose) => [j.percent, j.verdict])).toEqual([
      [10, 'pass'],
      [50, 'pass'],
      [100, 'pass'],
    ]);
    expect(output.judgements[0].green.requests).toBeGreaterThanOrEqual(100);
    expect(targetGroupNamed(account, 'idp-auth-green').attributes?.['stickiness.enabled']).toBe('true');
    expect(await lockKeys(account)).toEqual([]);
    const report = await lastReport(account);
    expect(report.smokeTests.map((s: Loose) => [s.method, s.status, s.passed])).toEqual([
      ['GET', 200, true],
      ['POST', 200, true],
    ]);
    expect(report.judgements).toHaveLength(3);
  });

  it('reads the weights back after each ModifyRule', async () => {
    const account = freshAccount();
    await shift(account, { service: 'idp-auth' });
    const order = account.calls
      .filter((call) => ['ModifyRule', 'DescribeRules'].includes(call.operation))
      .map((call) => call.operation);
    for (const [index, operation] of order.entries()) {
      if (operation === 'ModifyRule') expect(order[index + 1]).toBe('DescribeRules');
    }
  });

  it('sets blue back to 100% at once when green answers 5XX, keeps green, and alerts with the numbers', async () => {
    const account = freshAccount();
    const result = await shift(account, { service: 'idp-documents' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('TrafficShiftRolledBack');
    const cause = JSON.parse(result.error!.Cause);
    expect(cause.numbers).toMatchObject({ percent: 10, verdict: 'fail' });
    expect(cause.numbers.green.rate5xx).toBeGreaterThan(0.05);
    expect(await weightsOf(account, DOCS.ruleArn)).toEqual({ 'idp-docs-blue': 100, 'idp-docs-green': 0 });
    // One step (10%), then the rollback: never 50%.
    expect(account.callsTo('ElasticLoadBalancingV2', 'ModifyRule')).toHaveLength(2);
    expect(targetGroupNamed(account, 'idp-docs-green').targets.every((t) => t.State === 'healthy')).toBe(true);
    const [message] = snsMessages(account);
    expect(message.Message).toContain('SERVICE DISRUPTION ALERT');
    // The seed gives green about 8 % 5XX; the exact share depends on where the real clock cuts the minutes of the bake.
    const rate = /green 5XX rate (\d+\.\d\d)% \(\d+ of \d+ requests\) > 1\.00%/.exec(message.Message)?.[1];
    expect(Number(rate)).toBeGreaterThan(7);
    expect(Number(rate)).toBeLessThan(9);
    expect(await lockKeys(account)).toEqual([]);
    const record = await readJson(account, `work/traffic-shift/runs/${result.executionArn.split(':').at(-1)}.json`);
    expect(record.status).toBe('rolled-back');
  });

  it("canary: a header rule with the rule's own conditions sends canary: true to green, 95/5 is judged, promotion removes it", async () => {
    const account = freshAccount();
    const result = await shift(account, { service: 'idp-search', mode: 'canary' });

    expect(result.status).toBe('SUCCEEDED');
    const [created] = account.callsTo('ElasticLoadBalancingV2', 'CreateRule').map((call) => call.input as Loose);
    expect(created.Priority).toBe(39);
    expect(created.Conditions).toEqual([
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/search/*'] } },
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'canary', Values: ['true'] } },
    ]);
    expect(created.Actions).toEqual([{ Type: 'forward', TargetGroupArn: SEARCH.greenTargetGroupArn }]);
    const steps = account
      .callsTo('ElasticLoadBalancingV2', 'ModifyRule')
      .map((call) => (call.input as Loose).Actions[0].ForwardConfig.TargetGroups.map((g: Loose) => g.Weight));
    expect(steps).toEqual([
      [95, 5],
      [0, 100],
    ]);
    expect(await headerRules(account)).toEqual([]);
    expect(await weightsOf(account, SEARCH.ruleArn)).toEqual({ 'idp-search-blue': 0, 'idp-search-green': 100 });
  });

  it('a canary that fails removes its header rule with the rollback', async () => {
    const account = freshAccount();
    const result = await shift(account, { service: 'idp-documents', mode: 'canary' });

    expect(result.status).toBe('FAILED');
    expect(account.callsTo('ElasticLoadBalancingV2', 'CreateRule')).toHaveLength(1);
    expect(await headerRules(account)).toEqual([]);
    expect(await weightsOf(account, DOCS.ruleArn)).toEqual({ 'idp-docs-blue': 100, 'idp-docs-green': 0 });
  });

  it("scales blue's ECS service to zero after the promotion when asked", async () => {
    const account = freshAccount();
    const result = await shift(account, { service: 'idp-auth', scaleBlueToZero: true });

    expect(result.status).toBe('SUCCEEDED');
    const blue = account.region('us-east-1').ecs.clusters[0].services.find((s) => s.serviceName === 'idp-auth-blue');
    expect(blue?.desiredCount).toBe(0);
    expect((await lastReport(account)).blueScaledDown).toEqual({
      capacity: 'ECS service idp-services/idp-auth-blue',
      before: 3,
    });
    expect(await lockKeys(account)).toEqual([]);
  });

  it('takes the ARNs of a deploy pipeline without a configured service', async () => {
    const account = freshAccount();
    const result = await shift(account, {
      ...AUTH,
      greenEndpoint: 'https://green.auth.idp.example.com',
      steps: [25, 100],
    });
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as Loose).judgements.map((j: Loose) => j.percent)).toEqual([25, 100]);
  });
});
