import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import * as z from 'zod';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../contain-common/case.ts';
import { InstanceEvidence } from '../contain-common/evidence.ts';
import { Recorder, recordedStep } from '../contain-common/steps.ts';
import { awsClient } from '../shared/aws.ts';
import { makeHandler } from '../shared/handler.ts';
import { replaceCredentials } from './credentials.ts';

const Input = z.object({ case: CaseInfo, evidence: InstanceEvidence });

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async ({ case: theCase, evidence }, { config, audit, now }) => {
    const recorder = new Recorder(theCase.dryRun);
    const clients = { ec2: awsClient(EC2Client, theCase.region), iam: awsClient(IAMClient, theCase.region) };
    const result = await recordedStep(audit, recorder, () =>
      replaceCredentials(clients, theCase, evidence, config.playbooks.containInstance, recorder, now()),
    );
    return { ...result, actions: audit.records };
  },
});
