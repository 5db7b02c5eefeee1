// The Catch of a fan-out's per-target step: the failure becomes that target's result (the run goes on; the report
// lists it). One account's AccessDenied or throttling fails that item, not the run.
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../aws/clients.ts';
import { causeMessage } from '../../errors/errors.ts';
import { putJson, resultKey } from '../../fanout/targets.ts';
import { makeHandler } from '../../handler/handler.ts';

const Input = z.object({
  playbook: z.string().regex(/^[a-z-]+$/),
  target: z.object({ accountId: z.string(), accountName: z.string(), region: z.string() }),
  error: z.object({ Error: z.string(), Cause: z.string().optional() }),
});

export const handler = makeHandler({
  playbook: 'shared',
  input: Input,
  run: async ({ playbook, target, error }, { config, runtime, execution }) => {
    const failure = { Error: error.Error, Cause: causeMessage(error.Cause).slice(0, 1000) };
    await putJson(
      awsClient(S3Client, config.regions[0]),
      runtime.reportsBucket,
      resultKey(playbook, execution.Name, target),
      {
        ...target,
        ok: false,
        error: failure,
      },
    );
    return { ...target, failed: failure.Error };
  },
});
