import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CaseInfo, RELEASE_PLAYBOOK } from '../../shared/instance/case.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import type { RestoreStep } from '../plan/model.ts';
import { restore } from './restore.ts';

const Input = z.object({
  case: CaseInfo,
  steps: z.array(z.custom<RestoreStep>((value) => typeof value === 'object' && value !== null && 'kind' in value)),
});

export const handler = makeHandler({
  playbook: RELEASE_PLAYBOOK,
  input: Input,
  run: async ({ case: theCase, steps }, { config, runtime, audit }) => {
    audit.actIn(theCase.accountId);
    const recorder = new Recorder(theCase.dryRun);
    const region = theCase.region;
    const home = config.regions[0];
    const clients = {
      ec2: awsClient(EC2Client, region, { account: theCase.accountId }),
      autoScaling: awsClient(AutoScalingClient, region, { account: theCase.accountId }),
      elb: awsClient(ElasticLoadBalancingV2Client, region, { account: theCase.accountId }),
    };
    const bucket = { s3: awsClient(S3Client, home), name: runtime.reportsBucket, homeRegion: home };
    const result = await recordedStep(audit, recorder, () => restore(clients, bucket, theCase, steps, recorder));
    return { ...result, actions: audit.records };
  },
});
