import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { TransientAwsError } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { NightlyCleanup } from '../config.ts';
import { type Batch, PLAYBOOK } from '../model/model.ts';
import { getJson } from '../model/work-get.ts';
import { putJson } from '../model/work-put.ts';
import { applyBatch } from './apply.ts';
import { isAccountUnreachable } from './errors.ts';

const Input = z.object({ batchKey: z.string().startsWith('work/') });

/** One batch of the apply Map: marks, unmarks or deletes its items in its account and region; results into its file. */
export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { nightlyCleanup: NightlyCleanup },
  input: Input,
  run: async ({ batchKey }, { config, runtime, execution, audit, now }) => {
    const settings = config.playbooks.nightlyCleanup;
    const store = { s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket };
    const batch = await getJson<Batch>(store, batchKey);
    audit.actIn(batch.accountId);
    const { results, stopped } = await applyBatch(batch, {
      // The batch's account: a member account through its member role, so its calls see that account only.
      ec2: awsClient(EC2Client, batch.region, { account: batch.accountId }),
      audit,
      rules: {
        region: batch.region,
        now: now(),
        snapshotAgeDays: settings.snapshotAgeDays,
        minAgeDays: settings.minAgeDays,
        prices: settings.prices,
        exemptionTag: config.exemptionTag,
        protectedTagKeys: settings.protectedTagKeys,
      },
      finalSnapshot: settings.finalSnapshot.enabled,
      concurrency: settings.concurrency,
      executionName: execution.Name,
    });
    // The results go into the batch file (the report and the next pass read them), not into the state machine.
    await putJson(store, batchKey, { ...batch, results, passes: (batch.passes ?? 0) + 1 } satisfies Batch);
    if (stopped && isAccountUnreachable(stopped.cause)) throw stopped.cause;
    if (stopped) {
      throw new TransientAwsError(
        `${batch.name}: AWS kept failing (${stopped.message}); ${results.length} of ${batch.items.length} done, the rest is retried`,
      );
    }
    const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
    return {
      batch: batch.name,
      items: batch.items.length,
      awaiting: count('awaiting-final-snapshot'),
      failed: count('failed'),
      // Audit records go to EventBridge and outcomes to the batch file; only their number comes back.
      actions: audit.records.length,
    };
  },
});
