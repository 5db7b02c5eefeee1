// The Catch target of playbooks that have no failure step of their own: tell the humans what failed and why,
// then the state machine ends in Fail (and the stack's execution alarm fires too). Refused input is reported as
// such (SNS only), never as an outage.

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { awsClient } from '../../aws/clients.ts';
import { makeHandler } from '../../handler/handler.ts';
import { notify, undelivered } from '../../notify/notify.ts';
import { failureNotice } from './notice.ts';

const Input = z.object({
  playbook: z.string().min(1),
  /** What the state machine's Catch caught. */
  error: z.object({ Error: z.string(), Cause: z.string().optional() }),
});

export const handler = makeHandler({
  playbook: 'shared',
  input: Input,
  run: async ({ playbook, error }, { config, runtime, execution }) => {
    const home = config.regions[0];
    const notified = await notify(failureNotice(playbook, error, execution), {
      sns: awsClient(SNSClient, home),
      ssm: awsClient(SSMClient, home),
      secretsManager: awsClient(SecretsManagerClient, home),
      topicArn: runtime.topicArn,
      notifications: config.notifications,
    });
    const lost = undelivered(notified);
    return { notified, ...(lost.length ? { undelivered: lost } : {}) };
  },
});
