import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { IncidentResponse } from '../config.ts';
import { PLAYBOOK } from '../model/record.ts';
import { type ResolveResult, resolve } from './resolve.ts';

const Input = z.object({
  incidentId: z.string().min(1),
  resolve: z.object({ restoredAt: z.string().min(1), reason: z.string() }),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentResponse: IncidentResponse },
  input: Input,
  run: async (input, { config, runtime, execution, now }): Promise<ResolveResult> => {
    const home = config.regions[0];
    return resolve(input.incidentId, input.resolve, {
      store: { s3: awsClient(S3Client, home), bucket: runtime.reportsBucket },
      sfn: awsClient(SFNClient, home),
      settings: config.playbooks.incidentResponse,
      notifications: config.notifications,
      sender: { home, topicArn: runtime.topicArn },
      executionId: execution.Id,
      now: now(),
    });
  },
});
