import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { resolvePointInTime } from '../../shared/dr/times.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { checkExecutionInput } from '../../shared/playbook/input.ts';
import { PointInTimeRestore } from '../config.ts';
import manifest from '../playbook.ts';
import type { RestoreInput } from './input.ts';
import { planDatabase, planObjects } from './plan.ts';

const Input = z.object({
  input: z.record(z.string(), z.unknown(), { error: 'the execution input must be a JSON object' }),
});

export const handler = makeHandler({
  playbook: 'point-in-time-restore',
  config: { pointInTimeRestore: PointInTimeRestore },
  input: Input,
  run: async ({ input }, { config, execution }) => {
    const request = checkExecutionInput(manifest, input, config) as RestoreInput;
    const region = request.region ?? config.regions[0];
    const settings = config.playbooks.pointInTimeRestore;
    const startedAt = new Date(execution.StartTime);
    const restoreTime =
      request.restoreTime === 'latest' ? 'latest' : resolvePointInTime(request.restoreTime, startedAt).toISOString();
    if (restoreTime !== 'latest' && restoreTime > startedAt.toISOString()) {
      throw new InvalidInputError(`input.restoreTime: ${restoreTime} is in the future`);
    }
    const ctx = {
      rds: awsClient(RDSClient, region),
      s3: awsClient(S3Client, region),
      settings,
      executionName: execution.Name,
      startedAt,
    };
    const database = request.sourceClusterId
      ? await planDatabase({ ...request, sourceClusterId: request.sourceClusterId }, region, restoreTime, ctx)
      : undefined;
    const objects = request.bucket
      ? await planObjects({ ...request, bucket: request.bucket }, region, restoreTime, ctx)
      : undefined;
    return {
      dryRun: request.dryRun,
      asked: request.restoreTime,
      restoreTime,
      database: database ?? null,
      objects: objects ?? null,
      hasDatabase: Boolean(database),
      hasObjects: Boolean(objects),
      pollSeconds: request.dryRun ? 0 : settings.pollSeconds,
      maxPolls: settings.maxPolls,
    };
  },
});
