// guardduty-hardening's block under `playbooks.guarddutyHardening` in config/*.yml.
import * as z from 'zod';
import { scheduleWithDefault } from '../shared/config/primitives.ts';

export const GuarddutyHardening = z.strictObject({
  schedule: scheduleWithDefault('cron(15 6 * * ? *)'),
  findingPublishingFrequency: z.enum(['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS']).default('FIFTEEN_MINUTES'),
});

/** The block with its defaults applied. */
export type GuarddutyHardeningSettings = z.output<typeof GuarddutyHardening>;
