import { IAMClient } from '@aws-sdk/client-iam';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { REVOKE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { revokeOlderSessions } from './sessions.ts';

const Input = z.object({
  roleName: z.string().min(1),
  roleArn: z.string().startsWith('arn:'),
  /** The finding's last activity; absent for requests by hand. */
  lastSeen: z.string().nullish(),
  dryRun: z.boolean().default(false),
  /** The account the role is in (a member account is acted in through its member role). */
  accountId: z.string().optional(),
});

export const handler = makeHandler({
  playbook: REVOKE_PLAYBOOK,
  input: Input,
  run: async ({ roleName, roleArn, lastSeen, dryRun, accountId }, { config, audit, execution }) => {
    audit.actIn(accountId);
    const region = config.regions[0];
    const cutoff = new Date(execution.StartTime).toISOString();
    const revocation = await revokeOlderSessions(awsClient(IAMClient, region, { account: accountId }), audit, {
      roleName,
      roleArn,
      cutoff,
      coveredIfAfter: lastSeen ?? cutoff,
      region,
      dryRun,
    });
    return { ...revocation, actions: audit.records };
  },
});
