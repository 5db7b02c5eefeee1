import { IAMClient } from '@aws-sdk/client-iam';
import { awsClient } from '../../shared/aws/clients.ts';
import { setKeyStatus } from '../../shared/credentials/key-status.ts';
import { KeyStepInput, RESTORE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';

// Re-enables exactly the named key (the counterpart of revoke-deactivate-key, same idempotent status change).
export const handler = makeHandler({
  playbook: RESTORE_PLAYBOOK,
  input: KeyStepInput,
  run: async (input, { config, audit }) => {
    audit.actIn(input.accountId);
    const region = config.regions[0];
    const change = await setKeyStatus(
      awsClient(IAMClient, region, { account: input.accountId }),
      audit,
      { ...input, region },
      'Active',
    );
    return { ...change, actions: audit.records };
  },
});
