import { IAMClient } from '@aws-sdk/client-iam';
import { z } from 'zod';
import { REVOKE_PLAYBOOK } from '../revoke-assess/model.ts';
import { awsClient } from '../shared/aws.ts';
import { makeHandler } from '../shared/handler.ts';
import { attachDenyPolicy } from './deny.ts';

const Input = z.object({
  userName: z.string().min(1),
  userArn: z.string().startsWith('arn:'),
  dryRun: z.boolean().default(false),
});

export const handler = makeHandler({
  playbook: REVOKE_PLAYBOOK,
  input: Input,
  run: async (input, { config, audit }) => {
    const region = config.regions[0];
    const policyName = config.playbooks.revokeCredentials.denyPolicyName;
    const result = await attachDenyPolicy(awsClient(IAMClient, region), audit, { ...input, policyName, region });
    return { ...result, actions: audit.records };
  },
});
