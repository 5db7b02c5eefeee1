import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { RELEASE_PLAYBOOK } from '../../shared/instance/case.ts';
import { ContainInstance } from '../../shared/instance/config.ts';
import { readClientsIn } from '../../shared/instance/read.ts';
import { ReleaseInstance } from '../config.ts';
import { parseReleaseInput } from './input.ts';
import { planRelease } from './plan.ts';

const Input = z.object({
  input: z.record(z.string(), z.unknown(), { error: 'the execution input must be a JSON object' }),
});

export const handler = makeHandler({
  playbook: RELEASE_PLAYBOOK,
  config: { containInstance: ContainInstance, releaseInstance: ReleaseInstance },
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
