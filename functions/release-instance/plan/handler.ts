import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
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
  run: async ({ input }, { config, runtime, now, execution }) => {
    const parsed = parseReleaseInput(input, config);
    // The home account is the default; naming it is the same as naming none.
    const request =
      parsed.accountId === accountOfExecution(execution.Id) ? { ...parsed, accountId: undefined } : parsed;
    const region = request.region;
    return planRelease(request, {
      clients: readClientsIn(region, request.accountId),
      s3: awsClient(S3Client, config.regions[0]),
      bucket: runtime.reportsBucket,
      config,
      now: now(),
    });
  },
});
