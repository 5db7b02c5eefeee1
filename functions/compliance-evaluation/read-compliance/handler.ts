import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { readCompliance } from './read.ts';

const Input = z.object({
  target: z.object({ accountId: z.string().regex(/^\d{12}$/), accountName: z.string(), region: z.string().min(1) }),
  ruleNames: z.array(z.string()),
  startedAt: z.string().min(1),
  poll: z.number().int().min(0).default(0),
});

/** One poll of a target's evaluation (its account's rules, with its member role); the state machine loops. */
export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  input: Input,
  run: async ({ target, ruleNames, startedAt, poll }) => {
    const client = awsClient(ConfigServiceClient, target.region, { account: target.accountId });
    const reading = await readCompliance(client, target.region, ruleNames, startedAt);
    return { ...reading, pendingCount: reading.pending.length, poll: poll + 1 };
  },
});
