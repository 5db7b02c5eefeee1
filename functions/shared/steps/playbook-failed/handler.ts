// The Catch target of playbooks that have no failure step of their own: tell the humans what failed and why,
// then the state machine ends in Fail (and the stack's execution alarm fires too).

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { awsClient } from '../../aws/clients.ts';
import { Severity } from '../../config/primitives.ts';
import { makeHandler } from '../../handler/handler.ts';
import { notify } from '../../notify/notify.ts';

const Input = z.object({
  playbook: z.string().min(1),
  /** What the state machine's Catch caught. */
  error: z.object({ Error: z.string(), Cause: z.string().optional() }),
  /** Worse than the default SEV3 when the failure may have left something half done (it pages at minSeverity). */
  severity: Severity.default('SEV3'),
  /** What the failure means for the estate, when the playbook knows better than the default. */
  impact: z.string().max(500).optional(),
});

export const handler = makeHandler({
  playbook: 'shared',
  input: Input,
  run: async ({ playbook, error, severity, impact }, { config, runtime, execution }) => {
    const home = config.regions[0];
    const notified = await notify(
      {
        kind: 'alert',
        severity,
        playbook,
        title: `Playbook ${playbook} failed: ${error.Error}`,
        impact: impact ?? 'The playbook stopped; what it did before is in the audit trail',
        status: (error.Cause ?? 'no cause given').slice(0, 500),
        facts: { Execution: execution.Name },
        dedupKey: execution.Id,
      },
      {
        sns: awsClient(SNSClient, home),
        ssm: awsClient(SSMClient, home),
        secretsManager: awsClient(SecretsManagerClient, home),
        topicArn: runtime.topicArn,
        notifications: config.notifications,
      },
    );
    return { notified };
  },
});
