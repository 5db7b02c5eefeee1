// Green made ready for traffic, before the first step: stickiness on green's target group as the runbook sets it
// (`stickiness.enabled=true`; read first, so a repeat changes nothing), and in canary mode the header rule that
// sends requests carrying the canary header (runbook: `canary: true`) to green. The header rule carries the rule's
// own conditions too, so it takes only the traffic the rule would have taken, and sits at the free priority closest
// before it. A header rule of this green from an earlier attempt is kept, not created twice.
import {
  CreateRuleCommand,
  DescribeTargetGroupAttributesCommand,
  type ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
  PriorityInUseException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { TransientAwsError } from '../../shared/errors/errors.ts';
import { canaryConditions, canaryPriority, existingCanaryRule } from '../model/canary.ts';
import { PreCheckFailedError } from '../model/errors.ts';
import type { Plan } from '../model/plan.ts';
import { listenerRules } from '../model/rule.ts';

/** Sets stickiness.enabled on green's target group unless it is on already. */
export async function enableGreenStickiness(client: ElasticLoadBalancingV2Client, audit: AuditTrail, plan: Plan) {
  if (!plan.greenStickiness) return 'not configured';
  const attributes = await client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: plan.green.arn }));
  const enabled = attributes.Attributes?.find((a) => a.Key === 'stickiness.enabled')?.Value === 'true';
  const outcome = enabled ? 'already-done' : plan.dryRun ? 'dry-run' : 'done';
  if (outcome === 'done') {
    await client.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: plan.green.arn,
        Attributes: [{ Key: 'stickiness.enabled', Value: 'true' }],
      }),
    );
  }
  await audit.record({
    action: 'elasticloadbalancing:ModifyTargetGroupAttributes',
    resource: plan.green.arn,
    region: plan.region,
    outcome,
    detail: { 'stickiness.enabled': 'true' },
  });
  return outcome;
}

/** Creates the canary's header rule (or finds the one an earlier attempt created); its ARN. */
export async function createCanaryRule(
  client: ElasticLoadBalancingV2Client,
  audit: AuditTrail,
  plan: Plan,
): Promise<string | undefined> {
  const existing = existingCanaryRule(await listenerRules(client, plan.listenerArn), plan);
  const detail = { header: plan.canaryHeader, targetGroup: plan.green.arn };
  if (existing) {
    await audit.record({
      action: 'elasticloadbalancing:CreateRule',
      resource: existing.RuleArn!,
      region: plan.region,
      outcome: 'already-done',
      detail,
    });
    return existing.RuleArn;
  }
  const priority = await canaryPriority(client, plan);
  if (priority === undefined) throw new PreCheckFailedError(`no free rule priority before ${plan.ruleArn} any more`);
  if (plan.dryRun) {
    await audit.record({
      action: 'elasticloadbalancing:CreateRule',
      resource: plan.listenerArn,
      region: plan.region,
      outcome: 'dry-run',
      detail: { ...detail, priority },
    });
    return undefined;
  }
  try {
    const created = await client.send(
      new CreateRuleCommand({
        ListenerArn: plan.listenerArn,
        Priority: priority,
        Conditions: canaryConditions(plan),
        Actions: [{ Type: 'forward', TargetGroupArn: plan.green.arn }],
      }),
    );
    const arn = created.Rules?.[0]?.RuleArn ?? '';
    await audit.record({
      action: 'elasticloadbalancing:CreateRule',
      resource: arn,
      region: plan.region,
      outcome: 'done',
      detail: { ...detail, priority },
    });
    return arn;
  } catch (error) {
    // Another rule took the priority between reading and creating: the retry picks the next free one.
    if (error instanceof PriorityInUseException)
      throw new TransientAwsError(`rule priority ${priority} was taken meanwhile`);
    throw error;
  }
}
