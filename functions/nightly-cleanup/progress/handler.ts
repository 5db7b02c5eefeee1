import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { NightlyCleanup } from '../config.ts';
import { PLAYBOOK } from '../model/model.ts';
import { progress } from './progress.ts';

const Input = z.object({ poll: z.number().int().min(0) });

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { nightlyCleanup: NightlyCleanup },
  input: Input,
  run: async ({ poll }, { config, runtime, execution }) =>
    progress(
      { s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket },
      execution.Name,
      poll,
      config.playbooks.nightlyCleanup.finalSnapshot,
    ),
});
