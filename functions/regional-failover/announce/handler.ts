// Tells everyone a failover starts, with the runbook's templates: an unplanned one as the service disruption alert
// (SEV1, paged), a planned one as an update.
import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { Readiness } from '../readiness/readiness.ts';

// The execution state ($): the begin step's result, the readiness, and the approval when there was one.
const Input = z.object({
  state: z.looseObject({
    begin: z
      .object({ mode: z.enum(['planned', 'unplanned']), primaryRegion: z.string(), secondaryRegion: z.string() })
      .loose(),
    readiness: z.custom<Readiness>((value) => typeof value === 'object' && value !== null && 'found' in value),
    approval: z.looseObject({ by: z.string().optional() }).optional(),
  }),
});

export const handler = makeHandler({
  playbook: 'regional-failover',
  input: Input,
  run: async ({ state }, ctx) => {
    const { begin, readiness, approval } = state;
    const unplanned = begin.mode === 'unplanned';
    const published = await publishReport(
      'regional-failover',
      { json: undefined },
      unplanned
        ? {
            kind: 'alert',
            severity: 'SEV1',
            title: `Regional failover from ${begin.primaryRegion} to ${begin.secondaryRegion} in progress (unplanned${approval?.by ? `, approved by ${approval.by}` : ''})`,
            impact: `The IDP is served from ${begin.secondaryRegion} once DNS has switched; estimated data loss ${readiness.estimatedDataLoss}`,
            status: 'Failing over: capacity, database, DNS',
            nextUpdate: 'When the failover completes or stops',
            facts: { Execution: ctx.execution.Name },
            dedupKey: ctx.execution.Id,
          }
        : {
            kind: 'update',
            severity: 'SEV3',
            title: `Planned regional failover from ${begin.primaryRegion} to ${begin.secondaryRegion} started`,
            status: 'Switching over: capacity, database (no data loss), DNS',
            facts: { Execution: ctx.execution.Name },
            dedupKey: ctx.execution.Id,
          },
      ctx,
    );
    return { at: ctx.now().toISOString(), ...published };
  },
});
