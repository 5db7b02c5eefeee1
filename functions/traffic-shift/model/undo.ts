// Putting the rule back: blue to its saved actions (100%) at once, read back and verified. Used by the rollback (a
// failed judgement, any failed step, a restore after a stopped execution). Idempotent: a rule already back is
// recorded as already done.
import { type ElasticLoadBalancingV2Client, ModifyRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { VerificationFailedError } from '../../shared/errors/errors.ts';
import type { Plan } from './plan.ts';
import { forwardWeights, readRule, shareOf } from './rule.ts';

const sameWeights = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([arn, weight]) => b[arn] === weight);

/**
 * Restores the rule's saved actions (blue 100%); the blue share it reads back.
 * @throws VerificationFailedError when the rule does not read back with blue at 100%.
 */
export async function restoreRule(client: ElasticLoadBalancingV2Client, audit: AuditTrail, plan: Plan) {
  const current = await readRule(client, plan.ruleArn);
  const before = forwardWeights(current.Actions);
  const already = sameWeights(before, forwardWeights(plan.savedActions));
  if (!already) await client.send(new ModifyRuleCommand({ RuleArn: plan.ruleArn, Actions: plan.savedActions }));
  const blueShare = shareOf((await readRule(client, plan.ruleArn)).Actions, plan.blue.arn);
  await audit.record({
    action: 'elasticloadbalancing:ModifyRule',
    resource: plan.ruleArn,
    region: plan.region,
    outcome: already ? 'already-done' : 'done',
    detail: { rollback: true, before, blueShare },
  });
  if (blueShare !== 100)
    throw new VerificationFailedError(`rule ${plan.ruleArn} reads blue at ${blueShare}% after the rollback`);
  return blueShare;
}
