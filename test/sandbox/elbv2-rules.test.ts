import {
  CreateRuleCommand,
  DeleteRuleCommand,
  DescribeRulesCommand,
  DescribeTargetGroupAttributesCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { errorOf, useSandbox } from './helpers.ts';

const PREFIX = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LISTENER = `${PREFIX}:listener/app/idp-services-alb/6a7b8c9d0e1f2a3b/2c3d4e5f6a7b8c9d`;
const AUTH_RULE = `${PREFIX}:listener-rule/app/idp-services-alb/6a7b8c9d0e1f2a3b/2c3d4e5f6a7b8c9d/a1b2c3d4e5f60718`;
const BLUE = `${PREFIX}:targetgroup/idp-auth-blue/3c4d5e6f7a8b9c0d`;
const GREEN = `${PREFIX}:targetgroup/idp-auth-green/4d5e6f7a8b9c0d1e`;
const elb = () => awsClient(ElasticLoadBalancingV2Client, 'us-east-1');
const header = { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'canary', Values: ['true'] } };

describe('sandbox ELBv2 listener rules', () => {
  useSandbox();

  it("lists a listener's rules in priority order, its default rule last, and rules by ARN", async () => {
    const listed = await elb().send(new DescribeRulesCommand({ ListenerArn: LISTENER }));
    expect(listed.Rules?.map((r) => r.Priority)).toEqual(['20', '30', '40', 'default']);
    expect(listed.Rules?.at(-1)).toMatchObject({ IsDefault: true, Conditions: [] });
    const [rule] = (await elb().send(new DescribeRulesCommand({ RuleArns: [AUTH_RULE] }))).Rules!;
    expect(rule.Conditions?.[0]).toMatchObject({ Field: 'path-pattern', Values: ['/auth/*'] });
    const paged = await elb().send(new DescribeRulesCommand({ ListenerArn: LISTENER, PageSize: 3 }));
    expect(paged.Rules).toHaveLength(3);
    expect(
      (await elb().send(new DescribeRulesCommand({ ListenerArn: LISTENER, Marker: paged.NextMarker }))).Rules,
    ).toHaveLength(1);
  });

  it('answers as ELBv2 does for unknown rules and listeners, and without either', async () => {
    expect((await errorOf(elb().send(new DescribeRulesCommand({ RuleArns: [`${AUTH_RULE}0`] })))).name).toBe(
      'RuleNotFoundException',
    );
    expect((await errorOf(elb().send(new DescribeRulesCommand({ ListenerArn: `${LISTENER}0` })))).name).toBe(
      'ListenerNotFoundException',
    );
    expect((await errorOf(elb().send(new DescribeRulesCommand({})))).name).toBe('ValidationError');
  });

  it('creates a rule at a free priority only, and returns a one-group forward with its TargetGroupArn', async () => {
    const created = await elb().send(
      new CreateRuleCommand({
        ListenerArn: LISTENER,
        Priority: 19,
        Conditions: [header],
        Actions: [{ Type: 'forward', TargetGroupArn: GREEN }],
      }),
    );
    expect(created.Rules?.[0].Actions?.[0]).toMatchObject({
      TargetGroupArn: GREEN,
      ForwardConfig: { TargetGroups: [{ TargetGroupArn: GREEN, Weight: 1 }] },
    });
    const taken = await errorOf(
      elb().send(
        new CreateRuleCommand({
          ListenerArn: LISTENER,
          Priority: 19,
          Conditions: [header],
          Actions: [{ Type: 'forward', TargetGroupArn: GREEN }],
        }),
      ),
    );
    expect(taken.name).toBe('PriorityInUseException');
  });

  it('modifies weights within 0-999 and refuses unknown target groups', async () => {
    const forward = (weight: number, arn = GREEN) => [
      {
        Type: 'forward' as const,
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: BLUE, Weight: 100 - Math.min(weight, 100) },
            { TargetGroupArn: arn, Weight: weight },
          ],
        },
      },
    ];
    const modified = await elb().send(new ModifyRuleCommand({ RuleArn: AUTH_RULE, Actions: forward(10) }));
    expect(modified.Rules?.[0].Actions?.[0].ForwardConfig?.TargetGroups?.map((g) => g.Weight)).toEqual([90, 10]);
    expect(
      (await errorOf(elb().send(new ModifyRuleCommand({ RuleArn: AUTH_RULE, Actions: forward(1000) })))).name,
    ).toBe('ValidationError');
    expect(
      (await errorOf(elb().send(new ModifyRuleCommand({ RuleArn: AUTH_RULE, Actions: forward(5, `${GREEN}0`) })))).name,
    ).toBe('TargetGroupNotFoundException');
  });

  it('never deletes the default rule, and deletes the others', async () => {
    const rules = (await elb().send(new DescribeRulesCommand({ ListenerArn: LISTENER }))).Rules!;
    expect((await errorOf(elb().send(new DeleteRuleCommand({ RuleArn: rules.at(-1)!.RuleArn })))).name).toBe(
      'OperationNotPermittedException',
    );
    await elb().send(new DeleteRuleCommand({ RuleArn: AUTH_RULE }));
    expect((await errorOf(elb().send(new DeleteRuleCommand({ RuleArn: AUTH_RULE })))).name).toBe(
      'RuleNotFoundException',
    );
  });

  it("keeps target group attributes at AWS's defaults until modified, and refuses what it does not know", async () => {
    const value = async (key: string) =>
      (await elb().send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: GREEN }))).Attributes?.find(
        (a) => a.Key === key,
      )?.Value;
    expect(await value('stickiness.enabled')).toBe('false');
    await elb().send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: GREEN,
        Attributes: [{ Key: 'stickiness.enabled', Value: 'true' }],
      }),
    );
    expect(await value('stickiness.enabled')).toBe('true');
    const wrong = await errorOf(
      elb().send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: GREEN,
          Attributes: [{ Key: 'stickiness.forever', Value: 'true' }],
        }),
      ),
    );
    expect(wrong.name).toBe('InvalidConfigurationRequestException');
  });
});
