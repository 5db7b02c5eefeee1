// Plans the object restore: which version of each key under the prefix goes back. The plan can be large: it is
// written to the reports bucket (work/point-in-time-restore/) and only its counts travel through the state machine.

import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { keyPart } from '../../shared/claims/key-part.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { putReport } from '../../shared/reports/report.ts';
import { PointInTimeRestore } from '../config.ts';
import type { ObjectsPlan } from '../plan/plan.ts';
import { decide, listVersions } from './versions.ts';

const Input = z.object({
  objects: z.custom<ObjectsPlan>((value) => typeof value === 'object' && value !== null && 'bucket' in value),
});

export const workKey = (executionName: string) => `work/point-in-time-restore/${keyPart(executionName)}/objects.json`;

export const handler = makeHandler({
  playbook: 'point-in-time-restore',
  config: { pointInTimeRestore: PointInTimeRestore },
  input: Input,
  run: async ({ objects }, { config, runtime, execution }) => {
    const versions = await listVersions(awsClient(S3Client, objects.region), objects.bucket, objects.prefix);
    const decisions = [...versions].map(([key, entries]) => decide(key, entries, objects.restoreTime));
    const toRestore = decisions.filter((d) => d.action === 'restore').length;
    const newer = decisions.filter((d) => d.action === 'newer').length;
    const limit = config.playbooks.pointInTimeRestore.maxObjects;
    if (toRestore + newer > limit) {
      throw new InvalidInputError(
        `input.prefix: ${toRestore + newer} objects under "${objects.prefix}" would change (more than ${limit}): restore a narrower prefix`,
      );
    }
    const key = workKey(execution.Name);
    const home = config.regions[0];
    await putReport(
      awsClient(S3Client, home),
      runtime.reportsBucket,
      key,
      JSON.stringify({ objects, decisions }),
      'application/json',
    );
    return {
      planKey: key,
      keys: decisions.length,
      toRestore,
      newer,
      unchanged: decisions.length - toRestore - newer,
      cursor: 0,
      batchSize: config.playbooks.pointInTimeRestore.objectBatchSize,
    };
  },
});
