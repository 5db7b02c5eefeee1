import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { enableCisStandards } from './enable.ts';

const Input = z.object({
  region: z.string().min(1),
  hubEnabled: z.boolean(),
  missingStandards: z.array(z.string()),
  dryRun: z.boolean().default(false),
});

export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  input: Input,
  run: async (input, { audit, execution }) => {
    const result = await enableCisStandards(awsClient(SecurityHubClient, input.region), audit, {
      ...input,
      account: accountOfExecution(execution.Id),
    });
    return { ...result, actions: audit.records };
  },
});
