// One item of the planning Map: an account's region (a member account through its member role). Writes the plan
// and the target's result to S3; only counts come back (the Map's results are written to S3 too, see the ASL).
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { resultKey } from '../../shared/fanout/targets.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { NightlyCleanup } from '../config.ts';
import { Mode, PLAYBOOK, ResourceType, type TargetPlanned } from '../model/model.ts';
import { planKey } from '../model/work.ts';
import { putJson } from '../model/work-put.ts';
import { planRegion } from './plan.ts';

const Input = z.object({
  target: z.object({ accountId: z.string().regex(/^\d{12}$/), accountName: z.string(), region: z.string().min(1) }),
  mode: Mode,
  resourceTypes: z.array(ResourceType).min(1),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { nightlyCleanup: NightlyCleanup },
  input: Input,
  run: async ({ target, mode, resourceTypes }, { config, runtime, execution, now }) => {
    const settings = config.playbooks.nightlyCleanup;
    const { accountId, accountName, region } = target;
    const plan = await planRegion(awsClient(EC2Client, target.region, { account: target.accountId }), {
      accountId,
      accountName,
      region,
      mode,
      resourceTypes,
      now: now(),
      snapshotAgeDays: settings.snapshotAgeDays,
      minAgeDays: settings.minAgeDays,
      prices: settings.prices,
      exemptionTag: config.exemptionTag,
      protectedTagKeys: settings.protectedTagKeys,
      // No run marks more than either cap allows in one account.
      candidateLimit: Math.min(settings.safetyCap.maxDeletionsPerRun, settings.safetyCap.maxDeletionsPerAccount),
      concurrency: settings.concurrency,
    });
    const store = { s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket };
    const key = planKey(execution.Name, accountId, region);
    await putJson(store, key, plan);
    const planned: TargetPlanned = {
      planKey: key,
      estate: plan.estate.volume + plan.estate.snapshot + plan.estate.address,
      candidates: plan.candidatesTotal.count,
      pending: plan.pending.length,
      due: plan.due.length,
      unmark: plan.unmark.length,
      skipped: plan.skipped.length,
    };
    // The target's result, beside the failures the Map's Catch records (recordTargetFailure): the gate reads both.
    await putJson(store, resultKey(PLAYBOOK, execution.Name, target), { ...target, ok: true, result: planned });
    // Only counts go back into the state machine.
    return { accountId, region, candidates: planned.candidates, due: planned.due };
  },
});
