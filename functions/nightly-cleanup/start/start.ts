// Turns a trigger (the nightly schedule, the console, the CLI) into what the run does: its mode, regions, accounts
// and resource types. The schedule sends no mode, so scheduled runs use the stage's configured mode (report on a new
// stage); a dry run is always a report. Which account x region targets that means is resolved by the shared
// planTargets step from `targeting` (the accounts named must be the stage's; it refuses others).
import * as z from 'zod';
import type { ConfigOf } from '../../shared/config/config.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import type { NightlyCleanup } from '../config.ts';
import { Mode, ResourceType } from '../model/model.ts';

/** Strict, so a misspelt key ("resourceType") fails the run instead of silently widening it. */
export const StartInput = z.strictObject({
  mode: Mode.optional(),
  regions: z.array(z.string()).min(1).optional(),
  /** Account ids (of the stage's accounts: home, members, the organization's) to act in; default all of them. */
  accounts: z
    .array(z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'))
    .min(1)
    .optional(),
  resourceTypes: z.array(ResourceType).min(1).optional(),
  dryRun: z.boolean().default(false),
  /** "schedule" from the nightly schedule; anything else is a run by hand. */
  trigger: z.string().optional(),
});
export type StartInput = z.infer<typeof StartInput>;

/** The run as the state machine carries it ($.run): small, whatever the number of accounts. */
export interface CleanupRun {
  mode: Mode;
  /** The regions named, else the stage's (a member account may list its own in config). */
  regions: string[];
  resourceTypes: ResourceType[];
  trigger: string;
  /** The input of the shared planTargets step (functions/shared/steps/plan-targets): what narrows the targets. */
  targeting: { regions?: string[]; accounts?: string[]; dryRun: boolean };
}

/** @throws InvalidInputError naming a region that is not configured. */
export function resolveRun(input: StartInput, config: ConfigOf<{ nightlyCleanup: typeof NightlyCleanup }>): CleanupRun {
  const settings = config.playbooks.nightlyCleanup;
  const regions = input.regions ?? config.regions;
  const unknown = regions.filter((region) => !config.regions.includes(region));
  if (unknown.length) {
    throw new InvalidInputError(
      `input.regions: ${unknown.join(', ')} not configured (allowed: ${config.regions.join(', ')})`,
    );
  }
  const mode = input.dryRun ? 'report' : (input.mode ?? settings.mode);
  return {
    mode,
    regions: [...new Set(regions)],
    resourceTypes: [...new Set(input.resourceTypes ?? settings.resourceTypes)],
    trigger: input.trigger ?? 'manual',
    targeting: {
      ...(input.regions ? { regions: [...new Set(input.regions)] } : {}),
      ...(input.accounts ? { accounts: [...new Set(input.accounts)] } : {}),
      dryRun: mode === 'report',
    },
  };
}
