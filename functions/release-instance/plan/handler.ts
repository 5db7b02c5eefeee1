import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { RELEASE_PLAYBOOK } from '../../shared/instance/case.ts';
import { readClientsIn } from '../../shared/instance/read.ts';
import { parseReleaseInput, ReleaseInput } from './input.ts';
import { planRelease } from './plan.ts';

const Input = z.object({
  input: z.record(z.string(), z.unknown(), { error: 'the execution input must be a JSON object' }),
});

const planHandler = makeHandler({
  playbook: RELEASE_PLAYBOOK,
  input: Input,
  run: async ({ input }, { config, runtime, now }) => {
    const request = parseReleaseInput(input, config);
    const region = request.region;
    return planRelease(request, {
      clients: readClientsIn(region),
      s3: awsClient(S3Client, config.regions[0]),
      bucket: runtime.reportsBucket,
      config,
      now: now(),
    });
  },
});

// `autopilot list` shows a playbook's input from its first function: here the execution input, which the state
// machine hands the plan under `input`.
export const handler = Object.assign(planHandler, { inputSchema: ReleaseInput });
