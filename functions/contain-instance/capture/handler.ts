import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { CaseInfo, CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import { InstanceEvidence } from '../../shared/instance/evidence.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { captureEvidence } from './capture.ts';

const Input = z.object({
  case: CaseInfo,
  evidence: InstanceEvidence,
});

export const handler = makeHandler({
  playbook: CONTAIN_PLAYBOOK,
  input: Input,
  run: async ({ case: theCase, evidence }, { config, runtime, audit }) => {
    const recorder = new Recorder(theCase.dryRun);
    const home = config.regions[0];
    const captured = await recordedStep(audit, recorder, () =>
      captureEvidence(awsClient(S3Client, home), runtime.reportsBucket, theCase, evidence, recorder, home),
    );
    return { ...captured, actions: audit.records };
  },
});
