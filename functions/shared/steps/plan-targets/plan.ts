// Turns a scheduled playbook's trigger (the schedule, the console, the CLI) into the targets it acts on: every
// account of the stage (functions/shared/accounts/resolve.ts) x each of its regions, narrowed by the input, exempt
// accounts listed apart. Only configured accounts and regions may be named.
import * as z from 'zod';
import type { TargetAccount } from '../../accounts/resolve.ts';
import type { GlobalConfig } from '../../config/config.ts';
import { InvalidInputError } from '../../errors/errors.ts';
import type { Target } from '../../fanout/targets.ts';

/** A run by hand ({"regions"?, "accounts"?, "dryRun"?}) or by the schedule ({"trigger": "schedule"}); other keys are refused. */
export const PlanTargetsInput = z.strictObject({
  regions: z.array(z.string()).min(1).optional(),
  /** Account ids (of the stage's accounts) to act in; default all of them. */
  accounts: z
    .array(z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'))
    .min(1)
    .optional(),
  dryRun: z.boolean().default(false),
  trigger: z.literal('schedule').optional(),
});
export type PlanTargetsInput = z.infer<typeof PlanTargetsInput>;

export interface TargetPlan {
  dryRun: boolean;
  targets: Target[];
  /** Accounts listed but never acted on. */
  exempt: { id: string; name: string }[];
  accounts: number;
}

/** @throws InvalidInputError naming a region or account that is not configured. */
export function planTargets(input: PlanTargetsInput, accounts: TargetAccount[], config: GlobalConfig): TargetPlan {
  const unknownRegions = (input.regions ?? []).filter((region) => !config.regions.includes(region));
  if (unknownRegions.length) {
    throw new InvalidInputError(
      `input.regions: ${unknownRegions.join(', ')} not configured (allowed: ${config.regions.join(', ')})`,
    );
  }
  const known = new Set(accounts.map((account) => account.id));
  const unknownAccounts = (input.accounts ?? []).filter((id) => !known.has(id));
  if (unknownAccounts.length) {
    throw new InvalidInputError(
      `input.accounts: ${unknownAccounts.join(', ')} not among this stage's accounts (${[...known].join(', ')})`,
    );
  }
  const chosen = accounts.filter((account) => !input.accounts || input.accounts.includes(account.id));
  const targets = chosen
    .filter((account) => !account.exempt)
    .flatMap((account) =>
      account.regions
        .filter((region) => !input.regions || input.regions.includes(region))
        .map((region) => ({ accountId: account.id, accountName: account.name, region })),
    );
  return {
    dryRun: input.dryRun,
    targets,
    exempt: chosen.filter((account) => account.exempt).map(({ id, name }) => ({ id, name })),
    accounts: chosen.length,
  };
}
