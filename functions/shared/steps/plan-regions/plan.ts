// Turns a playbook's trigger (a schedule, the console, the CLI) into the regions it acts on: every
// configured region unless the input names some, and only configured ones.
import * as z from 'zod';
import type { GlobalConfig } from '../../config/config.ts';
import { InvalidInputError } from '../../errors/errors.ts';

/** A run by hand ({"regions"?, "dryRun"?}) or by the schedule ({"trigger": "schedule"}); other keys are refused. */
export const PlanInput = z.strictObject({
  regions: z.array(z.string()).min(1).optional(),
  dryRun: z.boolean().default(false),
  trigger: z.literal('schedule').optional(),
});
export type PlanInput = z.infer<typeof PlanInput>;

export interface RegionPlan {
  regions: string[];
  dryRun: boolean;
}

export function planRegions(input: PlanInput, config: GlobalConfig): RegionPlan {
  const regions = input.regions ?? config.regions;
  const unknown = regions.filter((region) => !config.regions.includes(region));
  if (unknown.length) {
    throw new InvalidInputError(
      `input.regions: ${unknown.join(', ')} not configured (allowed: ${config.regions.join(', ')})`,
    );
  }
  return { regions: [...new Set(regions)], dryRun: input.dryRun };
}
