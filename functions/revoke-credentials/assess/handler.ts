import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClient } from '../../shared/aws/clients.ts';
import { RevokeCredentials } from '../../shared/credentials/config.ts';
import { REVOKE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { assess } from './assess.ts';
import { parseRevokeInput, RevokeExecutionInput } from './input.ts';

export const handler = makeHandler({
  playbook: REVOKE_PLAYBOOK,
  config: { revokeCredentials: RevokeCredentials },
  input: RevokeExecutionInput,
  run: async (input, { config, execution, now }) => {
    const settings = config.playbooks.revokeCredentials;
    const { execution: _execution, ...raw } = input;
    const request = parseRevokeInput(raw, settings.mode);
    const home = config.regions[0];
    return assess(
      request,
      { iam: awsClient(IAMClient, home), secretsManager: awsClient(SecretsManagerClient, home) },
      { ...settings, accountId: accountOfExecution(execution.Id), exemptionTag: config.exemptionTag, now: now() },
    );
  },
});
