import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import type { Plan } from '../model/plan.ts';
import { updateRecord } from '../model/record.ts';
import { shiftTo } from './shift.ts';

const Input = z.object({
  plan: z.custom<Plan>((value) => typeof value === 'object' && value !== null),
  index: z.number().int().min(0),
});

export const handler = makeHandler({
  playbook: 'traffic-shift',
  input: Input,
  run: async ({ plan, index }, { config, runtime, execution, audit, now }) => {
    const step = await shiftTo(awsClient(ElasticLoadBalancingV2Client, plan.region), audit, plan, index, now());
    const store = { s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket };
    await updateRecord(
      store,
      plan,
      execution,
      (record) => {
        record.percent = step.percent;
      },
      audit.records,
    );
    return { ...step, actions: audit.records };
  },
});
