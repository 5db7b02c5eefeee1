import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { ContainInstance } from '../../shared/instance/config.ts';
import { readClientsIn } from '../../shared/instance/read.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { gate } from './gate.ts';
import { parseContainInput } from './input.ts';

// `input` is the execution input as it came ($$.Execution.Input: a GuardDuty event or a hand-written request;
// input.ts tells them apart). The re-check after an approval passes the human's answer under `approval`.
const Input = z.object({
  input: z.record(z.string(), z.unknown(), { error: 'the execution input must be a JSON object' }),
  approval: z.looseObject({ approved: z.boolean(), by: z.string().optional() }).optional(),
});

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  config: { containInstance: ContainInstance },
  input: Input,
  run: async (input, { config, runtime, execution, audit, now }) => {
    const { execution: _execution, ...raw } = input.input;
    const homeAccountId = accountOfExecution(execution.Id);
    const parsed = parseContainInput(raw, config, homeAccountId);
    const region = parsed.case.region;
    const recorder = new Recorder(parsed.case.dryRun);
    const result = await recordedStep(audit, recorder, () =>
      gate(parsed, {
        clients: readClientsIn(region, parsed.case.accountId),
        s3: awsClient(S3Client, config.regions[0]),
        bucket: runtime.reportsBucket,
        config,
        executionId: execution.Id,
        now: now(),
        recorder,
        approval: input.approval,
        homeAccountId,
        // Organizations answers in us-east-1 (its one endpoint in the aws partition).
        organizations: () => awsClient(OrganizationsClient, 'us-east-1'),
      }),
    );
    return { ...result, actions: audit.records };
  },
});
