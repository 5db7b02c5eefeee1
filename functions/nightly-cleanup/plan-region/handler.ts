import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { NightlyCleanup } from '../config.ts';
import { Mode, PLAYBOOK, ResourceType } from '../model/model.ts';
import { planKey } from '../model/work.ts';
import { putJson } from '../model/work-put.ts';
import { planRegion } from './plan.ts';

const Input = z.object({
  region: z.string().min(1),
  mode: Mode,
  resourceTypes: z.array(ResourceType).min(1),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { nightlyCleanup: NightlyCleanup },
  input: Input,
  run: async ({ region, mode, resourceTypes }, { config, runtime, execution, now }) => {
    const settings = config.playbooks.nightlyCleanup;
    const plan = await planRegion(awsClient(EC2Client, region), {
      region,
      mode,
      resourceTypes,
      now: now(),
      snapshotAgeDays: settings.snapshotAgeDays,
      minAgeDays: settings.minAgeDays,
      prices: settings.prices,
      exemptionTag: config.exemptionTag,
      protectedTagKeys: settings.protectedTagKeys,
      candidateLimit: settings.safetyCap.maxDeletionsPerRun,
      concurrency: settings.concurrency,
    });
    const key = planKey(execution.Name, region);
    await putJson({ s3: awsClient(S3Client, config.regions[0]), bucket: runtime.reportsBucket }, key, plan);
    // Only keys and counts go back into the state machine.
    return {
      region,
      planKey: key,
      estate: plan.estate,
      candidates: plan.candidatesTotal.count,
      pending: plan.pending.length,
      due: plan.due.length,
      unmark: plan.unmark.length,
      skipped: plan.skipped.length,
    };
  },
});
