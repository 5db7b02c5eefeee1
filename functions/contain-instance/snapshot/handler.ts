import { EC2Client } from '@aws-sdk/client-ec2';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { InstanceEvidence, IsolationPlan } from '../../shared/instance/evidence.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { snapshotVolumes } from './snapshot.ts';

const Input = z.object({
  case: CaseInfo,
  evidence: InstanceEvidence,
  plan: IsolationPlan,
});

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async ({ case: theCase, evidence, plan }, { audit, now }) => {
    audit.actIn(theCase.accountId);
    const recorder = new Recorder(theCase.dryRun);
    const result = await recordedStep(audit, recorder, () =>
      snapshotVolumes(
        awsClient(EC2Client, theCase.region, { account: theCase.accountId }),
        theCase,
        evidence,
        plan,
        recorder,
        now(),
      ),
    );
    return { ...result, actions: audit.records };
  },
});
