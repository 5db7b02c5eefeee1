import { ECRClient } from '@aws-sdk/client-ecr';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { accountOfExecution, makeHandler } from '../../shared/handler/handler.ts';
import { ComplianceEvaluation } from '../config.ts';
import { putWork, workKey } from '../model/work.ts';
import { readImages } from './images.ts';

const Input = z.object({ region: z.string().min(1) });

export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  config: { complianceEvaluation: ComplianceEvaluation },
  input: Input,
  run: async ({ region }, { config, runtime, execution, now }) => {
    const { images } = config.playbooks.complianceEvaluation;
    const reading = await readImages(
      { ecr: awsClient(ECRClient, region), inspector: awsClient(Inspector2Client, region) },
      {
        region,
        account: accountOfExecution(execution.Id),
        repositories: images.repositories.filter((r) => !r.regions || r.regions.includes(region)),
        severities: images.severities,
        now: now(),
      },
    );
    const key = workKey(execution.Name, 'images', region);
    await putWork(awsClient(S3Client, config.regions[0]), runtime.reportsBucket, key, reading);
    return {
      region,
      key,
      scanner: reading.scanner,
      images: reading.images.length,
      vulnerabilities: reading.images.reduce((sum, image) => sum + image.vulnerabilities.length, 0),
    };
  },
});
