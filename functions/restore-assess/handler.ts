import { IAMClient } from '@aws-sdk/client-iam';
import { RESTORE_PLAYBOOK } from '../revoke-assess/model.ts';
import { awsClient } from '../shared/aws.ts';
import { makeHandler } from '../shared/handler.ts';
import { checkRestore, RestoreRequest } from './check.ts';

export const handler = makeHandler({
  playbook: RESTORE_PLAYBOOK,
  input: RestoreRequest,
  run: async (request, { config }) =>
    checkRestore(awsClient(IAMClient, config.regions[0]), request, config.playbooks.revokeCredentials.denyPolicyName),
});
