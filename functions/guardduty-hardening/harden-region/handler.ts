import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { GuarddutyHardening } from '../config.ts';
import { hardenRegion } from './harden.ts';

const Input = z.object({ region: z.string().min(1), dryRun: z.boolean().default(false) });

export const handler = makeHandler({
  playbook: 'guardduty-hardening',
  config: { guarddutyHardening: GuarddutyHardening },
  input: Input,
  run: async ({ region, dryRun }, { config, audit }) => {
    const result = await hardenRegion(awsClient(GuardDutyClient, region), audit, {
      region,
      dryRun,
      frequency: config.playbooks.guarddutyHardening.findingPublishingFrequency,
    });
    return { ...result, actions: audit.records };
  },
});
