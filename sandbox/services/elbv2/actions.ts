// Listener rule actions and conditions as ELBv2 validates and returns them: a forward action always comes back with
// its ForwardConfig (weights 0-999, at most 5 target groups, stickiness off unless asked) and, when it forwards to one
// target group, with TargetGroupArn too; a path-pattern or host-header condition with its Values in both places.
import type { Action, RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../errors.ts';
import type { TargetGroupRec } from '../../state.ts';
import type { HandlerContext } from '../types.ts';

const FIELDS = ['http-header', 'http-request-method', 'host-header', 'path-pattern', 'query-string', 'source-ip'];
const CONFIG_OF: Record<string, keyof RuleCondition> = {
  'host-header': 'HostHeaderConfig',
  'path-pattern': 'PathPatternConfig',
  'http-header': 'HttpHeaderConfig',
  'http-request-method': 'HttpRequestMethodConfig',
  'query-string': 'QueryStringConfig',
  'source-ip': 'SourceIpConfig',
};
const MAX_CONDITION_VALUES = 5;
const MAX_FORWARD_TARGET_GROUPS = 5;

export const validation = (message: string) => awsError('ValidationError', message);

function valuesOf(condition: RuleCondition): unknown[] {
  const config = condition[CONFIG_OF[condition.Field ?? '']] as { Values?: unknown[] } | undefined;
  return config?.Values ?? condition.Values ?? [];
}

/** Conditions as stored and returned; ValidationError for an unknown field, a missing config or too many values. */
export function normalizeConditions(conditions: RuleCondition[] | undefined): RuleCondition[] {
  if (!conditions?.length) throw validation('A rule must have at least one condition');
  let count = 0;
  const normalized = conditions.map((condition) => {
    if (!FIELDS.includes(condition.Field ?? '')) throw validation(`Condition field '${condition.Field}' is not valid`);
    const values = valuesOf(condition);
    if (!values.length) throw validation(`A '${condition.Field}' condition must have at least one value`);
    count += values.length;
    if (condition.Field === 'http-header' && !condition.HttpHeaderConfig?.HttpHeaderName) {
      throw validation("An 'http-header' condition requires HttpHeaderConfig with a header name");
    }
    if (condition.Field === 'path-pattern' || condition.Field === 'host-header') {
      const key = CONFIG_OF[condition.Field];
      return { Field: condition.Field, Values: values as string[], [key]: { Values: values } } as RuleCondition;
    }
    return structuredClone(condition);
  });
  if (count > MAX_CONDITION_VALUES) throw validation(`A rule can only have '${MAX_CONDITION_VALUES}' condition values`);
  return normalized;
}

/** The target group an ARN names in this region; TargetGroupNotFoundException otherwise. */
function targetGroupOf(ctx: HandlerContext, arn: string | undefined): TargetGroupRec {
  const group = ctx.regional.elbv2.targetGroups.find((g) => g.TargetGroupArn === arn);
  if (!group) throw awsError('TargetGroupNotFoundException', `One or more target groups not found: ${arn}`);
  return group;
}

/** Validates forward actions against the account and returns the actions as ELBv2 stores them. */
export function normalizeActions(
  ctx: HandlerContext,
  loadBalancerArn: string,
  actions: Action[] | undefined,
): Action[] {
  if (!actions?.length) throw validation('A rule must have at least one action');
  return actions.map((action, index) => {
    if (action.Type !== 'forward') return { ...structuredClone(action), Order: action.Order ?? index + 1 };
    const listed = action.ForwardConfig?.TargetGroups ?? [];
    if (!listed.length && !action.TargetGroupArn) {
      throw validation('A forward action requires a target group ARN or a forward configuration');
    }
    if (
      action.TargetGroupArn &&
      listed.length &&
      !(listed.length === 1 && listed[0].TargetGroupArn === action.TargetGroupArn)
    ) {
      throw validation(
        'You cannot specify both a target group ARN and a forward configuration with other target groups',
      );
    }
    const groups = listed.length ? listed : [{ TargetGroupArn: action.TargetGroupArn, Weight: 1 }];
    if (groups.length > MAX_FORWARD_TARGET_GROUPS) {
      throw validation(`A forward action can have at most ${MAX_FORWARD_TARGET_GROUPS} target groups`);
    }
    for (const entry of groups) {
      const weight = entry.Weight ?? 1;
      if (!Number.isInteger(weight) || weight < 0 || weight > 999) {
        throw validation(`Target group weight '${weight}' must be between 0 and 999`);
      }
      const group = targetGroupOf(ctx, entry.TargetGroupArn);
      const owners = group.LoadBalancerArns ?? [];
      if (owners.length && !owners.includes(loadBalancerArn)) {
        throw awsError(
          'TargetGroupAssociationLimitException',
          `The following target groups cannot be associated with more than one load balancer: ${group.TargetGroupArn}`,
        );
      }
    }
    const forward: Action = {
      Type: 'forward',
      Order: action.Order ?? index + 1,
      ForwardConfig: {
        TargetGroups: groups.map((entry) => ({ TargetGroupArn: entry.TargetGroupArn, Weight: entry.Weight ?? 1 })),
        TargetGroupStickinessConfig: {
          Enabled: action.ForwardConfig?.TargetGroupStickinessConfig?.Enabled ?? false,
          ...(action.ForwardConfig?.TargetGroupStickinessConfig?.DurationSeconds !== undefined
            ? { DurationSeconds: action.ForwardConfig.TargetGroupStickinessConfig.DurationSeconds }
            : {}),
        },
      },
    };
    if (groups.length === 1) forward.TargetGroupArn = groups[0].TargetGroupArn;
    return forward;
  });
}

/** The target groups a rule's actions now forward to are associated with the load balancer (as ELBv2 shows them). */
export function associate(ctx: HandlerContext, loadBalancerArn: string, actions: Action[]): void {
  for (const action of actions) {
    for (const entry of action.ForwardConfig?.TargetGroups ?? []) {
      const group = targetGroupOf(ctx, entry.TargetGroupArn);
      group.LoadBalancerArns ??= [];
      if (!group.LoadBalancerArns.includes(loadBalancerArn)) group.LoadBalancerArns.push(loadBalancerArn);
    }
  }
}
