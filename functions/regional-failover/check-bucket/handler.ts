// Pre-check: the backup bucket is reachable from the secondary region (the runbook's `head-bucket`).
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { checkBucketReachable } from '../../shared/dr/bucket-check.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { result } from '../checks.ts';
import { RegionalFailover } from '../config.ts';
import { topologyOf } from '../topology.ts';

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: z.object({}),
  run: async (_input, { config }) => {
    const { backupBucket, secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const check = 'backup bucket';
    const reach = await checkBucketReachable(awsClient(S3Client, secondaryRegion), backupBucket);
    return reach.reachable
      ? result(check, [`${backupBucket} reachable from ${secondaryRegion}`], [])
      : result(
          check,
          [],
          [
            {
              check,
              text: `${backupBucket} not reachable from ${secondaryRegion}: ${reach.problem}`,
              blocks: 'planned',
            },
          ],
        );
  },
});
