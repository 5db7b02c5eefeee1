import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { judgeAccount } from '../../shared/accounts/judge.ts';
import { MemberAccessError } from '../../shared/aws/accounts.ts';
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
    const homeAccountId = accountOfExecution(execution.Id);
    // A finding about a configured member account is acted on there, through its member role; any other account's
    // is refused (notify only, SEV2), and so is one whose member role cannot be assumed.
    const findingAccount = request.finding?.accountId ?? homeAccountId;
    const refuse = (why: string) =>
      assess(
        request,
        { iam: awsClient(IAMClient, home), secretsManager: awsClient(SecretsManagerClient, home) },
        { ...settings, accountId: homeAccountId, exemptionTag: config.exemptionTag, now: now() },
      ).then((plan) => ({ ...plan, kind: 'notify-only' as const, reason: why, refused: true }));
    if (findingAccount !== homeAccountId) {
      const verdict = await judgeAccount(config, homeAccountId, findingAccount, () =>
        awsClient(OrganizationsClient, 'us-east-1'),
      );
      if (verdict.kind === 'unknown') {
        return refuse(
          `account ${findingAccount} is not one of this deployment's accounts (config accounts): not acted on`,
        );
      }
      if (verdict.kind === 'exempt') return refuse(`account ${findingAccount} (${verdict.account.name}) is exempt`);
    }
    try {
      return await assess(
        request,
        {
          iam: awsClient(IAMClient, home, { account: findingAccount }),
          secretsManager: awsClient(SecretsManagerClient, home),
        },
        { ...settings, accountId: findingAccount, exemptionTag: config.exemptionTag, now: now() },
      );
    } catch (error) {
      if (!(error instanceof MemberAccessError)) throw error;
      return refuse(`${error.message}: not acted on`);
    }
  },
});
