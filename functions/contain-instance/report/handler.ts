import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CONTAIN_PLAYBOOK, keys } from '../../shared/instance/case.ts';
import { firstTime } from '../../shared/instance/s3-write.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { letGo } from '../../shared/instance/unclaim.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import type { GateResult } from '../gate/gate.ts';
import { tagCase } from './finalize.ts';
import { type ContainSteps, outcomeOf, summarizeContainment } from './summarize.ts';

const Input = z.object({
  /** contained: the whole path ran; decided: the gate decided not to contain; rejected: a human said no. */
  outcome: z.enum(['contained', 'decided', 'rejected']),
  gate: z.custom<GateResult>((value) => typeof value === 'object' && value !== null && 'case' in value),
  steps: z.custom<ContainSteps>((value) => typeof value === 'object' && value !== null).optional(),
  approvalError: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async (input, ctx) => {
    const { config, runtime, audit, execution } = ctx;
    const gate = input.gate;
    const theCase = gate.case;
    const outcome = outcomeOf(gate, input.outcome);
    const recorder = new Recorder(theCase.dryRun);
    audit.actIn(theCase.accountId);
    const home = config.regions[0];
    const bucket = { s3: awsClient(S3Client, home), name: runtime.reportsBucket, homeRegion: home };
    const ec2 = awsClient(EC2Client, theCase.region, { account: theCase.accountId });
    const now = ctx.now();
    let notify = true;
    await recordedStep(audit, recorder, async () => {
      if (outcome === 'contained' || outcome === 'dry-run') await tagCase(ec2, theCase, 'contained', now, recorder);
      else if (outcome === 'rejected') {
        // The human's no is kept per case: a redelivery or a repeat of this finding asks nobody again (the gate reads
        // it) and this message goes out once.
        notify = await firstTime(
          bucket,
          keys.notice(theCase.caseId, 'rejected'),
          { why: gate.why, at: now.toISOString(), error: input.approvalError },
          recorder,
        );
        await Promise.all([
          tagCase(ec2, theCase, 'rejected', now, recorder),
          letGo(bucket, theCase, (holder) => holder.executionId === execution.Id, recorder),
        ]);
      } else if (outcome === 'update') {
        const findingId = theCase.finding?.id ?? `manual-${theCase.caseId}`;
        const existing = gate.existingCase?.caseId ?? theCase.caseId;
        notify =
          !theCase.dryRun &&
          (await firstTime(
            bucket,
            keys.finding(existing, findingId),
            { ...theCase, recordedAt: now.toISOString() },
            recorder,
          ));
      } else if (outcome === 'sample' || (outcome === 'skipped' && gate.notify)) {
        notify =
          !theCase.dryRun &&
          (await firstTime(
            bucket,
            keys.notice(theCase.caseId, outcome),
            { why: gate.why, at: now.toISOString() },
            recorder,
          ));
      }
    });
    const summary = summarizeContainment({
      outcome,
      gate,
      steps: input.steps,
      approvalError: input.approvalError,
      finalActions: audit.records,
    });
    const published = await publishReport(
      CONTAIN_PLAYBOOK,
      { json: summary.report, html: summary.html },
      notify && summary.notice ? { ...summary.notice, dryRun: theCase.dryRun } : undefined,
      ctx,
    );
    return { caseId: theCase.caseId, instanceId: theCase.instanceId, outcome, summary: summary.title, ...published };
  },
});
