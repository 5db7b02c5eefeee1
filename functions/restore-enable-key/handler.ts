import { IAMClient } from '@aws-sdk/client-iam';
import { KeyStepInput, RESTORE_PLAYBOOK } from '../revoke-assess/model.ts';
import { setKeyStatus } from '../revoke-deactivate-key/deactivate.ts';
import { awsClient } from '../shared/aws.ts';
import { makeHandler } from '../shared/handler.ts';

// Re-enables exactly the named key (the counterpart of revoke-deactivate-key, same idempotent status change).
export const handler = makeHandler({
  playbook: RESTORE_PLAYBOOK,
  input: KeyStepInput,
  run: async (input, { config, audit }) => {
    const region = config.regions[0];
    const change = await setKeyStatus(awsClient(IAMClient, region), audit, { ...input, region }, 'Active');
    return { ...change, actions: audit.records };
  },
});
