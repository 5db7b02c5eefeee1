import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { alarmStates } from '../model/alarms.ts';
import type { Plan } from '../model/plan.ts';
import { updateRecord } from '../model/record.ts';
import type { StepState } from '../shift/shift.ts';
import { judge, judgementText, nextStep } from './judge.ts';
import { readSides, windowOf } from './metrics.ts';

const Input = z.object({
  plan: z.custom<Plan>((value) => typeof value === 'object' && value !== null),
  step: z.custom<StepState>((value) => typeof value === 'object' && value !== null),
});

export const handler = makeHandler({
  playbook: 'traffic-shift',
  input: Input,
  run: async ({ plan, step }, { config, runtime, execution, now }) => {
    const at = now();
    const cloudwatch = awsClient(CloudWatchClient, plan.region);
    // The bake that just ended: this step's earlier bakes (extensions) and the one just waited.
    const window = windowOf(at, step.bakedSeconds + step.waitSeconds);
    const numbers = await readSides(cloudwatch, plan, window);
    const allowed = plan.allowFiringAlarms?.alarmNames ?? [];
    const alarms = (await alarmStates(cloudwatch, plan.guards.alarmNames)).map((alarm) =>
      allowed.includes(alarm.name) ? { ...alarm, allowed: true } : alarm,
    );
    const judgement = judge(plan, step, numbers, alarms, window, at);
    const store = { s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket };
    await updateRecord(store, plan, execution, (record) => {
      record.judgements.push(judgement);
    });
    return {
      verdict: judgement.verdict,
      summary: judgementText(judgement),
      judgement,
      step: nextStep(plan, step, judgement),
      nextIndex: step.index + 1,
      last: step.last,
    };
  },
});
