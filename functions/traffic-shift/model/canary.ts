// A canary's header rule: its conditions (the canary header and the rule's own conditions, so it takes only the
// traffic the rule would have taken), the free priority closest before the rule, and finding the one an earlier
// attempt created (read only: DescribeRules).
import type { ElasticLoadBalancingV2Client, Rule, RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Plan } from './plan.ts';
import { forwardWeights, listenerRules } from './rule.ts';

/** The canary header condition of the plan, plus the rule's own conditions (a default rule has none). */
export function canaryConditions(plan: Plan): RuleCondition[] {
  const header = plan.canaryHeader!;
  return [
    ...(plan.ruleConditions as RuleCondition[]).map((condition) => {
      const { Values, ...rest } = condition;
      // A path-pattern or host-header condition comes back with its values twice; sent once, in its config.
      return rest.PathPatternConfig || rest.HostHeaderConfig ? rest : condition;
    }),
    { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: header.name, Values: [header.value] } },
  ];
}

/** A rule of the listener that already sends the canary header to green (an earlier attempt of this step). */
export function existingCanaryRule(rules: Rule[], plan: Plan): Rule | undefined {
  return rules.find((rule) => {
    const weights = forwardWeights(rule.Actions);
    const header = rule.Conditions?.find((c) => c.Field === 'http-header')?.HttpHeaderConfig;
    return (
      !rule.IsDefault &&
      Object.keys(weights).length === 1 &&
      weights[plan.green.arn] !== undefined &&
      header?.HttpHeaderName?.toLowerCase() === plan.canaryHeader?.name.toLowerCase() &&
      header?.Values?.includes(plan.canaryHeader?.value ?? '')
    );
  });
}

/**
 * The priority of a canary's header rule: the free priority closest before the rule (any free one before a default
 * rule); undefined when there is none.
 */
export async function canaryPriority(
  client: ElasticLoadBalancingV2Client,
  plan: Pick<Plan, 'listenerArn' | 'ruleIsDefault' | 'rulePriority'>,
): Promise<number | undefined> {
  const used = new Set((await listenerRules(client, plan.listenerArn)).map((rule) => rule.Priority));
  const below = plan.ruleIsDefault ? 50_000 : Number(plan.rulePriority) - 1;
  for (let priority = below; priority >= 1; priority--) if (!used.has(String(priority))) return priority;
  return undefined;
}
