import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClient } from '../../shared/aws/clients.ts';
import { RevokeCredentials } from '../../shared/credentials/config.ts';
import { KeyStepInput, REVOKE_PLAYBOOK, secretNameFor } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { createReplacement } from './replace.ts';

export const handler = makeHandler({
  playbook: REVOKE_PLAYBOOK,
  config: { revokeCredentials: RevokeCredentials },
  input: KeyStepInput,
  run: async ({ userName, userArn, accessKeyId, dryRun, accountId }, { config, audit, execution }) => {
    audit.actIn(accountId);
    const region = config.regions[0];
    const prefix = config.playbooks.revokeCredentials.replacementSecretPrefix;
    const replacement = await createReplacement(
      awsClient(IAMClient, region, { account: accountId }),
      awsClient(SecretsManagerClient, region),
      audit,
      {
        userName,
        userArn,
        compromisedKeyId: accessKeyId,
        secretName: secretNameFor(prefix, userName),
        region,
        dryRun,
        executionId: execution.Id,
      },
    );
    return { ...replacement, actions: audit.records };
  },
});
