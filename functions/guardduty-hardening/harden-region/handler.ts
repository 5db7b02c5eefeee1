import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { putJson, resultKey } from '../../shared/fanout/targets.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { GuarddutyHardening } from '../config.ts';
import { hardenRegion } from './harden.ts';

const Input = z.object({
  target: z.object({ accountId: z.string(), accountName: z.string(), region: z.string().min(1) }),
  dryRun: z.boolean().default(false),
});

/** One target of the fan-out (an account's region): hardens its detectors, writes the result for the report. */
export const handler = makeHandler({
  playbook: 'guardduty-hardening',
  config: { guarddutyHardening: GuarddutyHardening },
  input: Input,
  run: async ({ target, dryRun }, { config, audit, runtime, execution }) => {
    audit.actIn(target.accountId);
    const result = await hardenRegion(awsClient(GuardDutyClient, target.region, { account: target.accountId }), audit, {
      region: target.region,
      dryRun,
      frequency: config.playbooks.guarddutyHardening.findingPublishingFrequency,
    });
    const key = resultKey('guardduty-hardening', execution.Name, target);
    await putJson(awsClient(S3Client, config.regions[0]), runtime.reportsBucket, key, {
      ...target,
      ok: true,
      result: { ...result, actions: audit.records },
    });
    return { ...target, changed: result.detectors.filter((detector) => detector.changed).length };
  },
});
