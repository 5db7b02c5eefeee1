// Deleting a canary's header rule, after a promotion (green takes all traffic) or with a rollback. Idempotent: a
// header rule already gone is recorded as already done.
import {
  DeleteRuleCommand,
  type ElasticLoadBalancingV2Client,
  RuleNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AuditTrail, Outcome } from '../../shared/audit/audit.ts';
import { existingCanaryRule } from './canary.ts';
import type { Plan } from './plan.ts';
import { listenerRules } from './rule.ts';

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
