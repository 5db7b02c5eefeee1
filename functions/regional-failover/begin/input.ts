// What regional-failover is asked: by hand {"mode": "planned"|"unplanned", "dryRun": true|false}; the nightly
// readiness check {"trigger": "schedule"} (the pre-checks of a planned failover, nothing changed). Strict.
import * as z from 'zod';

export const FailoverInput = z
  .strictObject({
    /** planned: the primary is healthy, switch over without data loss (lag below the limit); unplanned: the primary
     *  is failing, fail over accepting the data not yet replicated, after a human approves. */
    mode: z.enum(['planned', 'unplanned']).optional(),
    /** Run the pre-checks and report readiness; change nothing. */
    dryRun: z.boolean().default(false),
    trigger: z.literal('schedule').optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.mode && !input.trigger) {
      ctx.addIssue({ code: 'custom', message: 'say "planned" or "unplanned"', path: ['mode'] });
    }
  });
export type FailoverInput = z.output<typeof FailoverInput>;
