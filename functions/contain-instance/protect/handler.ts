import { EC2Client } from '@aws-sdk/client-ec2';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { InstanceEvidence } from '../../shared/instance/evidence.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { protectEvidence } from './protect.ts';

const Input = z.object({ case: CaseInfo, evidence: InstanceEvidence });

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async ({ case: theCase, evidence }, { audit }) => {
    audit.actIn(theCase.accountId);
    const recorder = new Recorder(theCase.dryRun);
    const result = await recordedStep(audit, recorder, () =>
      protectEvidence(
        awsClient(EC2Client, theCase.region, { account: theCase.accountId }),
        theCase,
        evidence,
        recorder,
      ),
    );
    return { ...result, actions: audit.records };
  },
});
