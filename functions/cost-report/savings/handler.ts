import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CostPlan } from '../plan/plan.ts';
import { readCleanupSavings } from './savings.ts';

export const handler = makeHandler({
  playbook: 'cost-report',
  input: z.object({ plan: CostPlan }),
  run: async ({ plan }, { config, runtime }) =>
    readCleanupSavings(awsClient(S3Client, config.regions[0]), runtime.reportsBucket, plan),
});
