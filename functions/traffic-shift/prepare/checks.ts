// The runbook's prerequisites, checked before anything changes: the rule forwards all its traffic to blue (so a
// rollback has something to go back to), every green target is healthy, no guard alarm is already in ALARM (unless a
// human allowed it: deploying the fix of a firing alarm), and a canary's header rule has a free priority before the
// rule. Each failure names what is wrong.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  DescribeTargetHealthCommand,
  type DescribeTargetHealthCommandOutput,
  type ElasticLoadBalancingV2Client,
  type Rule,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { alarmStates } from '../model/alarms.ts';
import { PreCheckFailedError } from '../model/errors.ts';
import type { Plan } from '../model/plan.ts';
import { forwardWeights, shareOf } from '../model/rule.ts';

export { PreCheckFailedError };

/** What the checks found, for the report. */
export interface PreChecks {
  greenTargets: { id: string; state: string }[];
  alarms: { name: string; state: string; allowed?: boolean }[];
  blueShare: number;
}

/** The rule forwards everything to blue, and to no target group besides blue and green. */
export function checkRule(rule: Rule, plan: Pick<Plan, 'blue' | 'green' | 'mode'>): number {
  const weights = forwardWeights(rule.Actions);
  const others = Object.keys(weights).filter((arn) => arn !== plan.blue.arn && arn !== plan.green.arn);
  if (!Object.keys(weights).length) throw new PreCheckFailedError(`rule ${rule.RuleArn} has no forward action`);
  if (others.length) {
    throw new PreCheckFailedError(
      `rule ${rule.RuleArn} also forwards to ${others.join(', ')}: only blue and green may be in it`,
    );
  }
  const blueShare = shareOf(rule.Actions, plan.blue.arn);
  if (shareOf(rule.Actions, plan.green.arn) === 100) {
    throw new PreCheckFailedError(
      `green (${plan.green.name}) already carries 100% of the rule's traffic: an earlier shift promoted it; the next deployment goes to the other target group (swap blue and green)`,
    );
  }
  if (blueShare !== 100) {
    throw new PreCheckFailedError(
      `blue (${plan.blue.name}) carries ${blueShare}% of the rule's traffic, not 100%: a shift (or rollback) is unfinished; abort it first (autopilot abort traffic-shift) or set blue to 100`,
    );
  }
  return blueShare;
}

/** Every green target is healthy (DescribeTargetHealth), and there is at least one. */
export async function checkGreenHealth(client: ElasticLoadBalancingV2Client, plan: Pick<Plan, 'green'>) {
  let described: DescribeTargetHealthCommandOutput;
  try {
    described = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: plan.green.arn }));
  } catch (error) {
    if (error instanceof TargetGroupNotFoundException)
      throw new PreCheckFailedError(`green target group ${plan.green.arn} not found`);
    throw error;
  }
  const targets = (described.TargetHealthDescriptions ?? []).map((d) => ({
    id: `${d.Target?.Id}:${d.Target?.Port}`,
    state: d.TargetHealth?.State ?? 'unknown',
  }));
  if (!targets.length) throw new PreCheckFailedError(`green (${plan.green.name}) has no registered targets`);
  const unhealthy = targets.filter((t) => t.state !== 'healthy');
  if (unhealthy.length) {
    throw new PreCheckFailedError(
      `green (${plan.green.name}) has ${unhealthy.length} of ${targets.length} targets not healthy: ${unhealthy.map((t) => `${t.id} ${t.state}`).join(', ')}`,
    );
  }
  return targets;
}

/** No guard alarm is missing or in ALARM, except those the input allows to be firing. */
export async function checkGuardAlarms(client: CloudWatchClient, plan: Pick<Plan, 'guards' | 'allowFiringAlarms'>) {
  const allowed = plan.allowFiringAlarms?.alarmNames ?? [];
  const unknownAllowed = allowed.filter((name) => !plan.guards.alarmNames.includes(name));
  if (unknownAllowed.length) {
    throw new PreCheckFailedError(
      `allowFiringAlarms names alarms that are not guards of this shift: ${unknownAllowed.join(', ')}`,
    );
  }
  const states = await alarmStates(client, plan.guards.alarmNames);
  const missing = states.filter((alarm) => alarm.state === 'MISSING');
  if (missing.length) throw new PreCheckFailedError(`guard alarms not found: ${missing.map((a) => a.name).join(', ')}`);
  const firing = states.filter((alarm) => alarm.state === 'ALARM' && !allowed.includes(alarm.name));
  if (firing.length) {
    throw new PreCheckFailedError(
      `guard alarms already in ALARM: ${firing.map((a) => a.name).join(', ')} (to deploy their fix, name them in allowFiringAlarms with a reason)`,
    );
  }
  return states.map((alarm) => ({ ...alarm, ...(allowed.includes(alarm.name) ? { allowed: true } : {}) }));
}
