import { EC2Client } from '@aws-sdk/client-ec2';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { verifyIsolation } from './verify.ts';

const Input = z.object({
  case: CaseInfo,
  networkInterfaces: z.array(z.object({ networkInterfaceId: z.string(), isolationGroupId: z.string() })),
});

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async ({ case: theCase, networkInterfaces }, { audit }) => {
    audit.actIn(theCase.accountId);
    const recorder = new Recorder(theCase.dryRun);
    const result = await recordedStep(audit, recorder, () =>
      verifyIsolation(
        awsClient(EC2Client, theCase.region, { account: theCase.accountId }),
        theCase,
        networkInterfaces,
        recorder,
      ),
    );
    return { ...result, actions: audit.records };
  },
});
