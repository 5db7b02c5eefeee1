import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { causeMessage, InvalidInputError } from '../../shared/errors/errors.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { IncidentResponse } from '../config.ts';
import { actionsFor } from '../model/mitigations.ts';
import { PLAYBOOK } from '../model/record.ts';
import { requireRecord } from '../model/store.ts';
import { type MitigateDeps, refuseAction, runAction, startMitigations } from './mitigate.ts';

// Two kinds of calls: when the incident opens ({incidentId, dryRun}); after the approval wait of a gated action
// ({incidentId, index, approval}: started when approved, recorded as not started otherwise).
const Input = z.object({
  incidentId: z.string().min(1),
  dryRun: z.boolean().default(false),
  index: z.number().int().min(0).optional(),
  /** The human's answer ({approved, by}), or the error that ended the wait ({Error, Cause}: rejected, timed out). */
  approval: z
    .looseObject({
      approved: z.boolean().optional(),
      by: z.string().optional(),
      Error: z.string().optional(),
      Cause: z.string().optional(),
    })
    .optional(),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentResponse: IncidentResponse },
  input: Input,
  run: async (input, { config, runtime, execution, audit, now }) => {
    const settings = config.playbooks.incidentResponse;
    const home = config.regions[0];
    const store = { s3: awsClient(S3Client, home), bucket: runtime.reportsBucket };
    const record = await requireRecord(store, input.incidentId);
    const recorder = new Recorder(input.dryRun);
    const deps: MitigateDeps = {
      store,
      autoscaling: (region) => awsClient(AutoScalingClient, region),
      ssm: (region) => awsClient(SSMClient, region),
      sfn: awsClient(SFNClient, home),
      settings,
      home,
      account: accountOfExecution(execution.Id),
      stage: runtime.stage,
      execution,
      recorder,
      now,
    };
    return recordedStep(audit, recorder, async () => {
      if (input.index === undefined) {
        const started = await startMitigations(record.id, record.source.alarmName, deps, input.dryRun);
        return { incidentId: record.id, ...started, actions: audit.records };
      }
      const action = actionsFor(settings, record.source.alarmName)[input.index];
      if (!action)
        throw new InvalidInputError(`input.index: no mitigation ${input.index} for ${record.source.alarmName}`);
      const approved = input.approval?.approved === true;
      const text = approved
        ? await runAction(record.id, input.index, action, deps, {
            dryRun: false,
            approvedBy: input.approval?.by ?? 'someone',
          })
        : await refuseAction(
            record.id,
            action,
            input.approval?.Error
              ? `${input.approval.Error}${input.approval.Cause ? ` (${causeMessage(input.approval.Cause)})` : ''}`
              : 'not approved',
            deps,
          );
      return { incidentId: record.id, done: [text], pending: [], actions: audit.records };
    });
  },
});
