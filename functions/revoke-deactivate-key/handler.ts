import { IAMClient } from '@aws-sdk/client-iam';
import { KeyStepInput, REVOKE_PLAYBOOK } from '../revoke-assess/model.ts';
import { awsClient } from '../shared/aws.ts';
import { makeHandler } from '../shared/handler.ts';
import { setKeyStatus } from './deactivate.ts';

export const handler = makeHandler({
  playbook: REVOKE_PLAYBOOK,
  input: KeyStepInput,
  run: async (input, { config, audit }) => {
    const region = config.regions[0];
    const change = await setKeyStatus(awsClient(IAMClient, region), audit, { ...input, region }, 'Inactive');
    return { ...change, actions: audit.records };
  },
});
