import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { InstanceEvidence } from '../../shared/instance/evidence.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { takeOutOfService } from './detach.ts';

const Input = z.object({ case: CaseInfo, evidence: InstanceEvidence });

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async ({ case: theCase, evidence }, { audit }) => {
    audit.actIn(theCase.accountId);
    const recorder = new Recorder(theCase.dryRun);
    const clients = {
      autoScaling: awsClient(AutoScalingClient, theCase.region, { account: theCase.accountId }),
      elb: awsClient(ElasticLoadBalancingV2Client, theCase.region, { account: theCase.accountId }),
    };
    const result = await recordedStep(audit, recorder, () => takeOutOfService(clients, theCase, evidence, recorder));
    return { ...result, actions: audit.records };
  },
});
