// The routing rule as ELBv2 has it: read with DescribeRules, the weights of its forward action, and the actions that
// put green at a given share while keeping everything else of the rule (other actions, group stickiness).
import {
  type Action,
  DescribeRulesCommand,
  type ElasticLoadBalancingV2Client,
  type Rule,
  RuleNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ResourceNotFoundError } from '../../shared/errors/errors.ts';
import type { Plan } from './plan.ts';

/**
 * The rule now (DescribeRules by ARN).
 * @throws ResourceNotFoundError when ELBv2 does not know it (RuleNotFoundException).
 */
export async function readRule(client: ElasticLoadBalancingV2Client, ruleArn: string): Promise<Rule> {
  try {
    const described = await client.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }));
    const rule = described.Rules?.find((r) => r.RuleArn === ruleArn);
    if (!rule) throw new ResourceNotFoundError(`listener rule ${ruleArn} not found`);
    return rule;
  } catch (error) {
    if (error instanceof RuleNotFoundException) throw new ResourceNotFoundError(`listener rule ${ruleArn} not found`);
    throw error;
  }
}

/** Every rule of a listener, the default rule included (DescribeRules, Marker paging). */
export async function listenerRules(client: ElasticLoadBalancingV2Client, listenerArn: string): Promise<Rule[]> {
  const rules: Rule[] = [];
  let Marker: string | undefined;
  do {
    const page = await client.send(new DescribeRulesCommand({ ListenerArn: listenerArn, Marker }));
    rules.push(...(page.Rules ?? []));
    Marker = page.NextMarker;
  } while (Marker);
  return rules;
}

/** The weight of each target group of the rule's forward action (a plain TargetGroupArn forward is weight 1). */
export function forwardWeights(actions: Action[] | undefined): Record<string, number> {
  const forward = actions?.find((action) => action.Type === 'forward');
  if (!forward) return {};
  const groups = forward.ForwardConfig?.TargetGroups?.length
    ? forward.ForwardConfig.TargetGroups
    : [{ TargetGroupArn: forward.TargetGroupArn, Weight: 1 }];
  return Object.fromEntries(groups.map((group) => [group.TargetGroupArn ?? '', group.Weight ?? 1]));
}

/** A target group's share of the forward action's traffic, in percent (0 when it is not in the action). */
export function shareOf(actions: Action[] | undefined, targetGroupArn: string): number {
  const weights = forwardWeights(actions);
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  return total ? Math.round(((weights[targetGroupArn] ?? 0) * 10_000) / total) / 100 : 0;
}

/**
 * The rule's actions with its forward action set to blue (100 - percent) and green (percent); every other action
 * and the forward's group stickiness stay as they were saved.
 */
export function actionsAt(plan: Pick<Plan, 'savedActions' | 'blue' | 'green'>, percent: number): Action[] {
  return plan.savedActions.map((action) => {
    if (action.Type !== 'forward') return action;
    const stickiness = action.ForwardConfig?.TargetGroupStickinessConfig;
    return {
      Type: 'forward',
      ...(action.Order !== undefined ? { Order: action.Order } : {}),
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: plan.blue.arn, Weight: 100 - percent },
          { TargetGroupArn: plan.green.arn, Weight: percent },
        ],
        ...(stickiness ? { TargetGroupStickinessConfig: stickiness } : {}),
      },
    };
  });
}

/** Green's and blue's weights as the rule has them (undefined members: not in the forward action). */
export function sidesOf(actions: Action[] | undefined, plan: Pick<Plan, 'blue' | 'green'>) {
  const weights = forwardWeights(actions);
  return { blue: weights[plan.blue.arn], green: weights[plan.green.arn], others: Object.keys(weights).length };
}
