import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { failureNotice } from '../../shared/notify/refusal.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { failureMessage } from '../report/analyze.ts';

const Input = z.object({
  /** What the state machine's Catch caught. */
  error: z.object({ Error: z.string(), Cause: z.string().optional() }),
  input: z.record(z.string(), z.unknown()).optional(),
});

/** The run could not produce its report (bad input, the reports bucket unwritable): say so, then the run fails. */
export const handler = makeHandler({
  playbook: 'cost-report',
  input: Input,
  run: async ({ error, input }, ctx) => {
    const message = failureMessage({ status: 'error', error });
    const published = await publishReport(
      'cost-report',
      // Only the notice: writing a report may be what failed.
      { json: undefined },
      failureNotice(
        {
          kind: 'report',
          severity: 'SEV3',
          title: `Cost report failed: ${error.Error}`,
          status: message,
          facts: { Execution: ctx.execution.Name, Input: JSON.stringify(input ?? {}).slice(0, 200) },
        },
        error,
      ),
      ctx,
    );
    return { summary: `Cost report failed: ${error.Error}: ${message}`, ...published };
  },
});
