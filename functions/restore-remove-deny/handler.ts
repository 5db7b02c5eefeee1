import { IAMClient } from '@aws-sdk/client-iam';
import { z } from 'zod';
import { RESTORE_PLAYBOOK } from '../revoke-assess/model.ts';
import { awsClient } from '../shared/aws.ts';
import { makeHandler } from '../shared/handler.ts';
import { removeDenyPolicy } from './remove.ts';

const Input = z.object({
  userName: z.string().min(1),
  userArn: z.string().startsWith('arn:'),
  dryRun: z.boolean().default(false),
});

export const handler = makeHandler({
  playbook: RESTORE_PLAYBOOK,
  input: Input,
  run: async (input, { config, audit }) => {
    const region = config.regions[0];
    const policyName = config.playbooks.revokeCredentials.denyPolicyName;
    const result = await removeDenyPolicy(awsClient(IAMClient, region), audit, { ...input, policyName, region });
    return { ...result, actions: audit.records };
  },
});
