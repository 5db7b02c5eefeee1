import { IAMClient } from '@aws-sdk/client-iam';
import { awsClient } from '../../shared/aws/clients.ts';
import { RevokeCredentials } from '../../shared/credentials/config.ts';
import { RESTORE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { checkRestore, RestoreRequest } from './check.ts';

export const handler = makeHandler({
  playbook: RESTORE_PLAYBOOK,
  config: { revokeCredentials: RevokeCredentials },
  input: RestoreRequest,
  run: async (request, { config, execution }) => {
    // The home account is the default (its clients use the function's own role).
    const account = request.accountId ?? accountOfExecution(execution.Id);
    const iam = awsClient(IAMClient, config.regions[0], { account });
    return checkRestore(iam, { ...request, accountId: account }, config.playbooks.revokeCredentials.denyPolicyName);
  },
});
