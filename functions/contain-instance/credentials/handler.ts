import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { ContainInstance } from '../../shared/instance/config.ts';
import { InstanceEvidence } from '../../shared/instance/evidence.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { replaceCredentials } from './credentials.ts';

const Input = z.object({ case: CaseInfo, evidence: InstanceEvidence });

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  config: { containInstance: ContainInstance },
  input: Input,
  run: async ({ case: theCase, evidence }, { config, audit, now }) => {
    audit.actIn(theCase.accountId);
    const recorder = new Recorder(theCase.dryRun);
    const clients = {
      ec2: awsClient(EC2Client, theCase.region, { account: theCase.accountId }),
      iam: awsClient(IAMClient, theCase.region, { account: theCase.accountId }),
    };
    const result = await recordedStep(audit, recorder, () =>
      replaceCredentials(clients, theCase, evidence, config.playbooks.containInstance, recorder, now()),
    );
    return { ...result, actions: audit.records };
  },
});
