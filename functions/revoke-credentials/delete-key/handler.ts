import { IAMClient } from '@aws-sdk/client-iam';
import { awsClient } from '../../shared/aws/clients.ts';
import { KeyStepInput, REVOKE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { deleteCompromisedKey } from './delete.ts';

export const handler = makeHandler({
  playbook: REVOKE_PLAYBOOK,
  input: KeyStepInput,
  run: async (input, { config, audit }) => {
    audit.actIn(input.accountId);
    const region = config.regions[0];
    const deletion = await deleteCompromisedKey(awsClient(IAMClient, region, { account: input.accountId }), audit, {
      ...input,
      region,
    });
    return { ...deletion, actions: audit.records };
  },
});
