import { IAMClient } from '@aws-sdk/client-iam';
import { awsClient } from '../../shared/aws/clients.ts';
import { RevokeCredentials } from '../../shared/credentials/config.ts';
import { RESTORE_PLAYBOOK, UserStepInput } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { removeDenyPolicy } from './remove.ts';

export const handler = makeHandler({
  playbook: RESTORE_PLAYBOOK,
  config: { revokeCredentials: RevokeCredentials },
  input: UserStepInput,
  run: async (input, { config, audit }) => {
    audit.actIn(input.accountId);
    const region = config.regions[0];
    const policyName = config.playbooks.revokeCredentials.denyPolicyName;
    const result = await removeDenyPolicy(awsClient(IAMClient, region, { account: input.accountId }), audit, {
      ...input,
      policyName,
      region,
    });
    return { ...result, actions: audit.records };
  },
});
