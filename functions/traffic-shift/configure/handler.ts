import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import type { Plan } from '../model/plan.ts';
import { updateRecord } from '../model/record.ts';
import { actionsAt } from '../model/rule.ts';
import { createCanaryRule, enableGreenStickiness } from './configure.ts';

const Input = z.object({ plan: z.custom<Plan>((value) => typeof value === 'object' && value !== null) });

export const handler = makeHandler({
  playbook: 'traffic-shift',
  input: Input,
  run: async ({ plan }, { config, runtime, execution, audit }) => {
    const elbv2 = awsClient(ElasticLoadBalancingV2Client, plan.region);
    const stickiness = await enableGreenStickiness(elbv2, audit, plan);
    const canaryRuleArn = plan.mode === 'canary' ? await createCanaryRule(elbv2, audit, plan) : undefined;
    if (plan.dryRun) {
      // A dry run stops here: the steps it would take, each a ModifyRule, bake and judgement.
      for (const percent of plan.steps) {
        await audit.record({
          action: 'elasticloadbalancing:ModifyRule',
          resource: plan.ruleArn,
          region: plan.region,
          outcome: 'dry-run',
          detail: { greenPercent: percent, actions: actionsAt(plan, percent) },
        });
      }
    }
    const store = { s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket };
    await updateRecord(
      store,
      plan,
      execution,
      (record) => {
        if (canaryRuleArn) record.canaryRuleArn = canaryRuleArn;
      },
      audit.records,
    );
    return { stickiness, ...(canaryRuleArn ? { canaryRuleArn } : {}), actions: audit.records };
  },
});
