import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import type { Plan } from '../model/plan.ts';
import { updateRecord } from '../model/record.ts';
import { scaleBlueDown } from './scale.ts';

const Input = z.object({ plan: z.custom<Plan>((value) => typeof value === 'object' && value !== null) });

export const handler = makeHandler({
  playbook: 'traffic-shift',
  input: Input,
  run: async ({ plan }, { config, runtime, execution, audit, now }) => {
    const s3 = awsClient(S3Client, config.regions[0]);
    const result = await scaleBlueDown(plan, {
      autoScaling: awsClient(AutoScalingClient, plan.region),
      ecs: awsClient(ECSClient, plan.region),
      s3,
      bucket: runtime.reportsBucket,
      audit,
      execution,
      now: now(),
    });
    await updateRecord(
      { s3, bucket: runtime.reportsBucket },
      plan,
      execution,
      (record) => {
        record.blueScaledDown = result;
      },
      audit.records,
    );
    return { ...result, actions: audit.records };
  },
});
