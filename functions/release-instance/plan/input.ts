// release-instance starts by hand only (console or `autopilot run`): which instance, optionally which case (the
// instance's autopilot:case tag otherwise), and why.
import * as z from 'zod';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { formatIssues } from '../../shared/handler/handler.ts';
import type { ReleaseConfig } from '../config.ts';

export const ReleaseInput = z.strictObject({
  instanceId: z.string().regex(/^i-([0-9a-f]{8}|[0-9a-f]{17})$/, 'an EC2 instance id such as i-0abc12345def67890'),
  /** The case to release; default the one the instance's autopilot:case tag names. */
  caseId: z
    .string()
    .regex(/^case-[0-9a-f]{16}$/, 'a case id such as case-0123456789abcdef')
    .optional(),
  reason: z.string().trim().min(3, 'say why the instance may go back into service').max(500),
  dryRun: z.boolean().default(false),
  /** The instance's region; default the first configured region. */
  region: z.string().optional(),
  /** The instance's account (a configured member account); default the home account. */
  accountId: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .optional(),
});
export type ReleaseInput = z.infer<typeof ReleaseInput>;

export function parseReleaseInput(
  raw: Record<string, unknown>,
  config: ReleaseConfig,
): ReleaseInput & { region: string } {
  const { execution: _execution, ...rest } = raw;
  const parsed = ReleaseInput.safeParse(rest);
  if (!parsed.success) {
    throw new InvalidInputError(
      `expected {"instanceId": "i-...", "reason": "...", "caseId": "case-..." (optional), "dryRun": false}: ${formatIssues(parsed.error)}`,
    );
  }
  const region = parsed.data.region ?? config.regions[0];
  if (!config.regions.includes(region)) {
    throw new InvalidInputError(`region ${region} is not configured (configured: ${config.regions.join(', ')})`);
  }
  return { ...parsed.data, region };
}
