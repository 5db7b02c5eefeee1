import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { ComplianceEvaluation } from '../config.ts';
import { putWork, workKey } from '../model/work.ts';
import { readCisBenchmark } from './read.ts';

const Input = z.object({ region: z.string().min(1) });

export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  config: { complianceEvaluation: ComplianceEvaluation },
  input: Input,
  run: async ({ region }, { config, runtime, execution, now }) => {
    const { cis } = config.playbooks.complianceEvaluation;
    const reading = await readCisBenchmark(awsClient(SecurityHubClient, region), {
      region,
      account: accountOfExecution(execution.Id),
      standards: cis.standards,
      now: now(),
    });
    const key = workKey(execution.Name, 'cis', region);
    await putWork(awsClient(S3Client, config.regions[0]), runtime.reportsBucket, key, reading);
    const missingStandards = reading.standards.filter((s) => s.status === 'NOT_ENABLED').map((s) => s.id);
    // The state machine enables what is missing only where config says so (Security Hub and its checks cost money).
    const enableNeeded = cis.enable && (!reading.hubEnabled || missingStandards.length > 0);
    return {
      region,
      key,
      hubEnabled: reading.hubEnabled,
      missingStandards,
      failingControls: reading.controls.length,
      enableNeeded,
    };
  },
});
