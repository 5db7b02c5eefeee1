// The Catch target of playbooks that have no failure step of their own: tell the humans what failed and why,
// then the state machine ends in Fail (and the stack's execution alarm fires too). Refused input is reported as
// such (SNS only), never as an outage.

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { awsClient } from '../../aws/clients.ts';
import { Severity } from '../../config/primitives.ts';
import { isDryRunExecution, makeHandler } from '../../handler/handler.ts';
import { notify, undelivered } from '../../notify/notify.ts';
import { failureNotice, NoticeNotPublishedError } from './notice.ts';

/**
 * SDK attempts of the notifier's SNS publish, twice an ordinary step's 5: the Catch path must outlast the faults
 * that stopped the steps it reports on. Its Lambda timeout (functions/shared/steps/steps.ts) covers their waits.
 */
export const NOTIFIER_SNS_ATTEMPTS = 10;

const Input = z.object({
  playbook: z.string().min(1),
  /** What the state machine's Catch caught. */
  error: z.object({ Error: z.string(), Cause: z.string().optional() }),
  /** Worse than the default SEV3 when the failure may have left something half done (it pages at minSeverity). */
  severity: Severity.optional(),
  /** What the failure means for the estate, when the playbook knows better than the default. */
  impact: z.string().max(500).optional(),
});

export const handler = makeHandler({
  playbook: 'shared',
  input: Input,
  run: async ({ playbook, error, severity, impact }, { config, runtime, execution }) => {
    const home = config.regions[0];
    const notice = failureNotice(playbook, error, execution, { severity, impact });
    // A dry run that failed (or was refused) is still a dry run: its notice is held back like any dry run's.
    const notified = await notify(isDryRunExecution(execution) ? { ...notice, dryRun: true } : notice, {
      sns: awsClient(SNSClient, home, { maxAttempts: NOTIFIER_SNS_ATTEMPTS }),
      ssm: awsClient(SSMClient, home),
      secretsManager: awsClient(SecretsManagerClient, home),
      topicArn: runtime.topicArn,
      notifications: config.notifications,
    }).catch((failed: Error) => {
      throw new NoticeNotPublishedError(
        `the failure notice was not published to SNS: ${failed.name}: ${failed.message}`,
        {
          cause: failed,
        },
      );
    });
    const lost = undelivered(notified);
    return { notified, ...(lost.length ? { undelivered: lost } : {}) };
  },
});
