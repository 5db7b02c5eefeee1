// What maintenance-window takes by hand ({"durationMinutes": 60, "reason": "..."}) or from its schedule
// ({"trigger": "schedule"}: the configured window). A strict schema: an unknown key is refused by name.
import * as z from 'zod';

export const ManualInput = z
  .strictObject({
    durationMinutes: z.number().int().min(1).max(1440).optional(),
    reason: z.string().min(5).max(500).optional(),
    trigger: z.literal('schedule').optional(),
    dryRun: z.boolean().default(false),
  })
  .refine(
    (input) => input.trigger === 'schedule' || (input.durationMinutes !== undefined && input.reason !== undefined),
    {
      message: 'give durationMinutes and reason (a scheduled run takes them from config)',
    },
  );
export type ManualInput = z.output<typeof ManualInput>;
