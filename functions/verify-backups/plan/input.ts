// What verify-backups is asked: by hand {"vaults"?, "resourceTypes"?, "regions"?, "dryRun"?}, by the schedule
// {"trigger": "schedule"}. Strict: unknown keys are refused by name.
import * as z from 'zod';
import { ResourceType } from '../config.ts';

export const VerifyInput = z.strictObject({
  /** Vaults to verify (default: the configured ones). */
  vaults: z.array(z.string().min(2).max(50)).min(1).optional(),
  /** Resource types to restore (default: the configured ones). */
  resourceTypes: z.array(ResourceType).min(1).optional(),
  /** Regions to verify (default: every configured region). */
  regions: z.array(z.string()).min(1).optional(),
  dryRun: z.boolean().default(false),
  trigger: z.literal('schedule').optional(),
});
export type VerifyInput = z.output<typeof VerifyInput>;
