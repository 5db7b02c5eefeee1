// One step of the shift: ModifyRule sets blue and green to the step's weights (runbook: 90/10, 50/50, 0/100), then
// DescribeRules reads the rule back; weights other than the ones just set fail the step (and roll back). A rule that
// has the weights already (a retry) is not modified again. The bake that follows is the state machine's Wait.
import { type ElasticLoadBalancingV2Client, ModifyRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { VerificationFailedError } from '../../shared/errors/errors.ts';
import { type Plan, weightsAt } from '../model/plan.ts';
import { actionsAt, readRule, sidesOf } from '../model/rule.ts';

/** Where the loop is: the step, the bake it waits and what was baked before (extensions), in seconds. */
export interface StepState {
  index: number;
  percent: number;
  weights: { blue: number; green: number };
  waitSeconds: number;
  bakedSeconds: number;
  extensions: number;
  last: boolean;
  setAt: string;
}

/**
 * Sets the rule to step `index` of the plan and verifies it.
 * @throws VerificationFailedError when DescribeRules shows other weights than those set.
 */
export async function shiftTo(
  client: ElasticLoadBalancingV2Client,
  audit: AuditTrail,
  plan: Plan,
  index: number,
  now: Date,
): Promise<StepState> {
  const percent = plan.steps[index];
  const weights = weightsAt(percent);
  const before = sidesOf((await readRule(client, plan.ruleArn)).Actions, plan);
  const already = before.blue === weights.blue && before.green === weights.green && before.others === 2;
  if (!already) {
    await client.send(new ModifyRuleCommand({ RuleArn: plan.ruleArn, Actions: actionsAt(plan, percent) }));
  }
  const after = sidesOf((await readRule(client, plan.ruleArn)).Actions, plan);
  if (after.blue !== weights.blue || after.green !== weights.green) {
    throw new VerificationFailedError(
      `rule ${plan.ruleArn} reads blue ${after.blue ?? 'absent'} / green ${after.green ?? 'absent'} after setting ${weights.blue}/${weights.green}`,
    );
  }
  await audit.record({
    action: 'elasticloadbalancing:ModifyRule',
    resource: plan.ruleArn,
    region: plan.region,
    outcome: already ? 'already-done' : 'done',
    detail: { greenPercent: percent, before: { blue: before.blue, green: before.green }, after: weights },
  });
  const last = index === plan.steps.length - 1;
  return {
    index,
    percent,
    weights,
    waitSeconds: last ? plan.finalBakeSeconds : plan.bakeSeconds,
    bakedSeconds: 0,
    extensions: 0,
    last,
    setAt: now.toISOString(),
  };
}
