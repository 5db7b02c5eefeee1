import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { logger } from '../../shared/handler/logger.ts';
import { CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { casePage } from '../../shared/instance/render.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { letGo } from '../../shared/instance/unclaim.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { GateResult } from '../gate/gate.ts';
import { tagCase } from '../report/finalize.ts';
import type { ContainSteps } from '../report/summarize.ts';
import { summarizeFailure } from './failure.ts';

const StepResult = z.looseObject({ actions: z.array(z.custom<AuditRecord>()).optional() });

// The whole execution state ($) when a Catch sent it here: the gate's result and each step's result as far as the
// run got, and the caught error under `error`.
const Input = z.object({
  input: z.record(z.string(), z.unknown()).optional(),
  state: z.looseObject({
    gate: z.custom<GateResult>((value) => typeof value === 'object' && value !== null && 'case' in value).optional(),
    capture: StepResult.optional(),
    protect: StepResult.optional(),
    outOfService: z.object({ snapshot: StepResult, detach: StepResult, prepare: StepResult }).optional(),
    isolate: StepResult.optional(),
    credentials: StepResult.optional(),
    verify: StepResult.optional(),
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }),
  }),
});

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async ({ input, state }, ctx) => {
    const { config, runtime, audit, execution } = ctx;
    const { gate, error, outOfService, ...rest } = state;
    const steps = { ...rest, ...outOfService } as ContainSteps;
    const run = { input, gate, error, steps };
    const theCase = gate?.case;
    if (theCase) {
      const recorder = new Recorder(theCase.dryRun);
      audit.actIn(theCase.accountId);
      const home = config.regions[0];
      const bucket = { s3: awsClient(S3Client, home), name: runtime.reportsBucket, homeRegion: home };
      await recordedStep(audit, recorder, async () => {
        // Marked failed, the instance is finished under this case by the next trigger (same or newer finding).
        const tagged = tagCase(
          awsClient(EC2Client, theCase.region, { account: theCase.accountId }),
          theCase,
          'failed',
          ctx.now(),
          recorder,
        ).catch((error) => logger.warn('could not tag the instance as failed', { error: (error as Error).message }));
        await Promise.all([tagged, letGo(bucket, theCase, (holder) => holder.executionId === execution.Id, recorder)]);
      });
    }
    const { report, notice, title, facts, actions } = summarizeFailure(run);
    const all = [...actions, ...audit.records];
    const html = casePage(title, notice.impact ?? '', facts, all);
    const published = await publishReport(
      CONTAIN_PLAYBOOK,
      { json: { ...report, actions: all }, html },
      { ...notice, dryRun: theCase?.dryRun },
      ctx,
    );
    return { caseId: theCase?.caseId, outcome: 'failed', summary: title, ...published };
  },
});
