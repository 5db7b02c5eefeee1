import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { readJson } from '../../shared/claims/read.ts';
import { VerificationFailedError } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import type { ObjectDecision } from '../objects-plan/versions.ts';
import type { ObjectsPlan } from '../plan/plan.ts';
import { applyBatch } from './apply.ts';

const Input = z.object({
  dryRun: z.boolean(),
  planKey: z.string().min(1),
  cursor: z.number().int().min(0),
  batchSize: z.number().int().min(1),
});

export const handler = makeHandler({
  playbook: 'point-in-time-restore',
  input: Input,
  run: async ({ dryRun, planKey, cursor, batchSize }, { config, runtime, audit }) => {
    const home = config.regions[0];
    const stored = await readJson<{ objects: ObjectsPlan; decisions: ObjectDecision[] }>(
      awsClient(S3Client, home),
      runtime.reportsBucket,
      planKey,
    );
    if (!stored) throw new VerificationFailedError(`the object plan ${planKey} is gone from the reports bucket`);
    const batch = stored.decisions.slice(cursor, cursor + batchSize);
    const recorder = new Recorder(dryRun);
    const result = await recordedStep(audit, recorder, () =>
      applyBatch(awsClient(S3Client, stored.objects.region), stored.objects, batch, recorder),
    );
    const next = cursor + batch.length;
    return {
      cursor: next,
      done: next >= stored.decisions.length,
      restored: result.restored.length,
      deleted: result.deleted.length,
      actions: audit.records.length,
    };
  },
});
