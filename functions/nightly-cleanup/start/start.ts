// Turns a trigger (the nightly schedule, the console, the CLI) into what the run does: its mode, regions and
// resource types. The schedule sends no mode, so scheduled runs use the stage's configured mode (report on a new
// stage); a dry run is always a report.
import * as z from 'zod';
import type { ConfigOf } from '../../shared/config/config.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import type { NightlyCleanup } from '../config.ts';
import { Mode, ResourceType } from '../model/model.ts';

/** Strict, so a misspelt key ("resourceType") fails the run instead of silently widening it. */
export const StartInput = z.strictObject({
  mode: Mode.optional(),
  regions: z.array(z.string()).min(1).optional(),
  resourceTypes: z.array(ResourceType).min(1).optional(),
  dryRun: z.boolean().default(false),
  /** "schedule" from the nightly schedule; anything else is a run by hand. */
  trigger: z.string().optional(),
});
export type StartInput = z.infer<typeof StartInput>;

export interface CleanupRun {
  mode: Mode;
  regions: string[];
  resourceTypes: ResourceType[];
  trigger: string;
}

export function resolveRun(input: StartInput, config: ConfigOf<{ nightlyCleanup: typeof NightlyCleanup }>): CleanupRun {
  const settings = config.playbooks.nightlyCleanup;
  const regions = input.regions ?? config.regions;
  const unknown = regions.filter((region) => !config.regions.includes(region));
  if (unknown.length) {
    throw new InvalidInputError(
      `input.regions: ${unknown.join(', ')} not configured (allowed: ${config.regions.join(', ')})`,
    );
  }
  return {
    mode: input.dryRun ? 'report' : (input.mode ?? settings.mode),
    regions: [...new Set(regions)],
    resourceTypes: [...new Set(input.resourceTypes ?? settings.resourceTypes)],
    trigger: input.trigger ?? 'manual',
  };
}
