import { EC2Client } from '@aws-sdk/client-ec2';
import * as z from 'zod';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../contain-common/case.ts';
import { InstanceEvidence } from '../contain-common/evidence.ts';
import { Recorder, recordedStep } from '../contain-common/steps.ts';
import { awsClient } from '../shared/aws.ts';
import { makeHandler } from '../shared/handler.ts';
import { isolateNetwork } from './isolate.ts';

const Input = z.object({
  case: CaseInfo,
  evidence: InstanceEvidence,
  groups: z.array(z.object({ vpcId: z.string(), isolationGroupId: z.string(), untrackGroupId: z.string() })),
});

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async ({ case: theCase, evidence, groups }, { audit }) => {
    const recorder = new Recorder(theCase.dryRun);
    const result = await recordedStep(audit, recorder, () =>
      isolateNetwork(awsClient(EC2Client, theCase.region), theCase, evidence, groups, recorder),
    );
    return { ...result, actions: audit.records };
  },
});
