import { IAMClient } from '@aws-sdk/client-iam';
import { awsClient } from '../../shared/aws/clients.ts';
import { RevokeCredentials } from '../../shared/credentials/config.ts';
import { RESTORE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { checkRestore, RestoreRequest } from './check.ts';

export const handler = makeHandler({
  playbook: RESTORE_PLAYBOOK,
  config: { revokeCredentials: RevokeCredentials },
  input: RestoreRequest,
  run: async (request, { config }) =>
    checkRestore(awsClient(IAMClient, config.regions[0]), request, config.playbooks.revokeCredentials.denyPolicyName),
});
