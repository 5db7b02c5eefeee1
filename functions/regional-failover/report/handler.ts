import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { letGoOfLock } from '../lock.ts';
import type { FailoverState } from '../run-state.ts';
import { summarizeFailover } from './summarize.ts';

const Input = z.object({
  outcome: z.enum(['readiness', 'done', 'rejected']),
  state: z.custom<FailoverState>((value) => typeof value === 'object' && value !== null && 'begin' in value),
});

export const handler = makeHandler({
  playbook: 'regional-failover',
  input: Input,
  run: async ({ outcome, state }, ctx) => {
    const { report, html, notice, title } = summarizeFailover(state, outcome);
    const published = await publishReport('regional-failover', { json: report, html }, notice, ctx);
    const released = await letGoOfLock(
      ctx.config.regions[0],
      ctx.runtime.reportsBucket,
      state.begin?.lockTarget,
      ctx.execution.Id,
    );
    return { summary: title, outcome, lockReleased: released, ...published };
  },
});
