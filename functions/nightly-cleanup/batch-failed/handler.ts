import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { type Batch, PLAYBOOK } from '../model/model.ts';
import { getJson } from '../model/work-get.ts';
import { putJson } from '../model/work-put.ts';
import { failRemaining } from './failed.ts';

const Input = z.object({
  batchKey: z.string().startsWith('work/'),
  /** What the Map's Catch caught ({Error, Cause}). */
  error: z.object({ Error: z.string(), Cause: z.string().optional() }),
});

/** Records a batch's failure in its file (see failed.ts); returns counts only. */
export const handler = makeHandler({
  playbook: PLAYBOOK,
  input: Input,
  run: async ({ batchKey, error }, { config, runtime }) => {
    const store = { s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket };
    const batch = failRemaining(await getJson<Batch>(store, batchKey), error);
    await putJson(store, batchKey, batch);
    return {
      batch: batch.name,
      failed: (batch.results ?? []).filter((result) => result.outcome === 'failed').length,
      error: error.Error,
    };
  },
});
