import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { TrafficShift } from '../config.ts';
import type { Plan } from '../model/plan.ts';
import { updateRecord } from '../model/record.ts';
import { runSmokeTests, SmokeTestFailedError, smokeFailures } from './smoke.ts';

const Input = z.object({ plan: z.custom<Plan>((value) => typeof value === 'object' && value !== null) });

export const handler = makeHandler({
  playbook: 'traffic-shift',
  config: { trafficShift: TrafficShift },
  input: Input,
  run: async ({ plan }, { config, runtime, execution }) => {
    const settings = config.playbooks.trafficShift;
    const results = await runSmokeTests(plan.greenEndpoint, settings.smokeTests, settings.smokeTimeoutMs);
    const store = { s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket };
    await updateRecord(store, plan, execution, (record) => {
      record.smoke = results;
    });
    const failed = smokeFailures(results);
    if (failed) throw new SmokeTestFailedError(`smoke tests failed against green: ${failed}`);
    return { passed: results.length, results };
  },
});
