// An unplanned failover waits for a human (task token): the request states the estimated data loss (the replication
// lag at the last reading), what the failover will do and what the pre-checks found wrong.
import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { approvalNotice } from '../../shared/instance/approval.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { Readiness } from '../readiness/readiness.ts';

const Input = z.object({
  taskToken: z.string().min(1),
  begin: z.object({
    primaryRegion: z.string(),
    secondaryRegion: z.string(),
    approvalTimeoutSeconds: z.number().int().positive(),
  }),
  readiness: z.custom<Readiness>(
    (value) => typeof value === 'object' && value !== null && 'estimatedDataLoss' in value,
  ),
});

export const handler = makeHandler({
  playbook: 'regional-failover',
  input: Input,
  run: async ({ taskToken, begin, readiness }, ctx) => {
    const notice = approvalNotice({
      taskToken,
      title: `Approval needed: UNPLANNED failover from ${begin.primaryRegion} to ${begin.secondaryRegion}, estimated data loss ${readiness.lastLagMs === null ? 'unknown' : `${readiness.lastLagMs} ms`}`,
      severity: 'SEV1',
      action: `Fails the database over to ${begin.secondaryRegion} with data loss allowed, scales the secondary capacity and points DNS at ${begin.secondaryRegion}`,
      reasons: [
        `estimated data loss: ${readiness.estimatedDataLoss}`,
        ...readiness.problems.map((p) => `${p.check}: ${p.text}`),
      ],
      timeoutSeconds: begin.approvalTimeoutSeconds,
      facts: {
        'Estimated data loss': readiness.estimatedDataLoss,
        'Pre-check problems': readiness.problems.length
          ? readiness.problems
              .map((p) => p.text)
              .join('; ')
              .slice(0, 1000)
          : 'none',
        Execution: ctx.execution.Name,
      },
      dedupKey: ctx.execution.Id,
    });
    const recorder = new Recorder(false);
    const published = await recordedStep(ctx.audit, recorder, async () => {
      const sent = await publishReport('regional-failover', { json: undefined }, notice, ctx);
      recorder.note({
        action: 'autopilot:RequestApproval',
        resource: `failover:${begin.secondaryRegion}`,
        region: begin.secondaryRegion,
        outcome: 'done',
        detail: { estimatedDataLoss: readiness.estimatedDataLoss, timeoutSeconds: begin.approvalTimeoutSeconds },
      });
      return sent;
    });
    return { requested: true, ...published, actions: ctx.audit.records };
  },
});
