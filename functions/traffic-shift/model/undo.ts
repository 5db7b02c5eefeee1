// Putting the rule back: blue to its saved actions (100%) at once, read back and verified, and a canary's header rule
// deleted. Used by the rollback (a failed judgement, any failed step, a restore after a stopped execution) and, for
// the header rule, by the promotion. Both are idempotent: a rule already back, a header rule already gone, are
// recorded as already done.
import {
  DeleteRuleCommand,
  type ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
  RuleNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AuditTrail, Outcome } from '../../shared/audit/audit.ts';
import { VerificationFailedError } from '../../shared/errors/errors.ts';
import { existingCanaryRule } from '../configure/configure.ts';
import type { Plan } from './plan.ts';
import { forwardWeights, listenerRules, readRule, shareOf } from './rule.ts';

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

/** Deletes the canary's header rule (the recorded one, or one found by its header and green); its outcome. */
export async function removeCanaryRule(
  client: ElasticLoadBalancingV2Client,
  audit: AuditTrail,
  plan: Plan,
  recordedArn: string | undefined,
): Promise<Outcome | undefined> {
  if (plan.mode !== 'canary') return undefined;
  const arn = recordedArn ?? existingCanaryRule(await listenerRules(client, plan.listenerArn), plan)?.RuleArn;
  let outcome: Outcome = 'already-done';
  if (arn) {
    try {
      await client.send(new DeleteRuleCommand({ RuleArn: arn }));
      outcome = 'done';
    } catch (error) {
      if (!(error instanceof RuleNotFoundException)) throw error;
    }
  }
  await audit.record({
    action: 'elasticloadbalancing:DeleteRule',
    resource: arn ?? plan.listenerArn,
    region: plan.region,
    outcome,
    detail: { canaryHeader: plan.canaryHeader },
  });
  return outcome;
}
