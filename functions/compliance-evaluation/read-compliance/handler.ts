import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { readCompliance } from './read.ts';

const Input = z.object({
  region: z.string().min(1),
  ruleNames: z.array(z.string()),
  startedAt: z.string().min(1),
  poll: z.number().int().min(0).default(0),
});

export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  input: Input,
  run: async ({ region, ruleNames, startedAt, poll }) => {
    const reading = await readCompliance(awsClient(ConfigServiceClient, region), region, ruleNames, startedAt);
    return { ...reading, pendingCount: reading.pending.length, poll: poll + 1 };
  },
});
