import { ECRClient } from '@aws-sdk/client-ecr';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { ComplianceEvaluation } from '../config.ts';
import { putWork, workKey } from '../model/work.ts';
import { readImages } from './images.ts';

const Input = z.object({
  target: z.object({ accountId: z.string().regex(/^\d{12}$/), accountName: z.string(), region: z.string().min(1) }),
});

/**
 * One target of the fan-out (an account's region): the configured images of that account's own registry, read with
 * its member role (the home account with the function's role). The reading goes to a work file; the state machine
 * gets its key and counts.
 */
export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  config: { complianceEvaluation: ComplianceEvaluation },
  input: Input,
  run: async ({ target }, { config, runtime, execution, now }) => {
    const { images } = config.playbooks.complianceEvaluation;
    const { accountId: account, region } = target;
    const reading = await readImages(
      { ecr: awsClient(ECRClient, region, { account }), inspector: awsClient(Inspector2Client, region, { account }) },
      {
        region,
        account,
        repositories: images.repositories.filter((r) => !r.regions || r.regions.includes(region)),
        severities: images.severities,
        now: now(),
      },
    );
    const key = workKey(execution.Name, 'images', region, account);
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
