// release-instance's block under `playbooks.releaseInstance` in config/*.yml.
import * as z from 'zod';
import type { ConfigOf } from '../shared/config/config.ts';
import type { ContainInstance } from '../shared/instance/config.ts';

export const ReleaseInstance = z.strictObject({
  /** How long a release waits for its approval before it fails, changing nothing. */
  approvalTimeoutSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
});

/** The block with its defaults applied. */
export type ReleaseInstanceSettings = z.output<typeof ReleaseInstance>;

/** What release-instance's plan reads of the config: its own block and contain-instance's group names. */
export type ReleaseConfig = ConfigOf<{
  containInstance: typeof ContainInstance;
  releaseInstance: typeof ReleaseInstance;
}>;
