import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { letGoOfLock } from '../lock.ts';
import type { FailoverState } from '../run-state.ts';
import { summarizeFailure } from './failure.ts';

const Input = z.object({ state: z.custom<FailoverState>((value) => typeof value === 'object' && value !== null) });

export const handler = makeHandler({
  playbook: 'regional-failover',
  input: Input,
  run: async ({ state }, ctx) => {
    const { report, notice, title } = summarizeFailure(state);
    const html = htmlPage(
      'Regional failover stopped',
      `<p>${escapeHtml(title)}</p><ul>${Object.entries(notice.facts ?? {})
        .map(([label, value]) => `<li>${escapeHtml(label)}: ${escapeHtml(String(value))}</li>`)
        .join('')}</ul>`,
    );
    const published = await publishReport('regional-failover', { json: report, html }, notice, ctx);
    // A refused run never held the lock (or holds it only if Begin took it): release only this execution's.
    const released = await letGoOfLock(
      ctx.config.regions[0],
      ctx.runtime.reportsBucket,
      state.begin?.lockTarget,
      ctx.execution.Id,
    );
    return { summary: title, lockReleased: released, ...published };
  },
});
