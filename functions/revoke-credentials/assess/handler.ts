import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { REVOKE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { assess } from './assess.ts';
import { parseRevokeInput } from './input.ts';

// The execution input is either a GuardDuty finding event or a hand-written request. This schema only shows the
// two shapes (`autopilot list`) and keeps every member; input.ts validates them with messages naming the field.
const Input = z.union([
  z.looseObject({
    'detail-type': z.literal('GuardDuty Finding'),
    detail: z.looseObject({}),
    dryRun: z.boolean().optional(),
  }),
  z.looseObject({
    userName: z.string().optional(),
    roleName: z.string().optional(),
    accessKeyId: z.string().optional(),
    mode: z.string().optional(),
    dryRun: z.boolean().optional(),
  }),
]);

/** arn:aws:states:<region>:<account>:execution:<machine>:<name> -> <account>. */
export function accountOf(executionId: string): string {
  return executionId.split(':')[4] ?? '';
}

export const handler = makeHandler({
  playbook: REVOKE_PLAYBOOK,
  input: Input,
  run: async (input, { config, execution, now }) => {
    const settings = config.playbooks.revokeCredentials;
    const { execution: _execution, ...raw } = input;
    const request = parseRevokeInput(raw, settings.mode);
    const home = config.regions[0];
    return assess(
      request,
      { iam: awsClient(IAMClient, home), secretsManager: awsClient(SecretsManagerClient, home) },
      { ...settings, accountId: accountOf(execution.Id), exemptionTag: config.exemptionTag, now: now() },
    );
  },
});
