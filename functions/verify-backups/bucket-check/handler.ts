// The runbook's S3 backup check (`aws s3 sync s3://idp-backup-primary/latest/ ... --dryrun`), as a check: the
// bucket is reachable (HeadBucket) and its newest object under the prefix (ListObjectsV2, every page) is younger
// than the RPO.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { checkBucketReachable } from '../../shared/dr/bucket-check.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { VerifyBackups } from '../config.ts';

export const handler = makeHandler({
  playbook: 'verify-backups',
  config: { verifyBackups: VerifyBackups },
  input: z.object({}),
  run: async (_input, { config, now }) => {
    const check = config.playbooks.verifyBackups.backupBucket;
    if (!check.enabled) return { configured: false, ok: true, text: 'backup bucket check disabled' };
    const region = check.region ?? config.regions[0];
    const s3 = awsClient(S3Client, region);
    const reach = await checkBucketReachable(s3, check.name);
    const where = `s3://${check.name}/${check.prefix}`;
    if (!reach.reachable)
      return { configured: true, ok: false, bucket: check.name, text: `${where} not reachable: ${reach.problem}` };
    let newest: Date | undefined;
    let objects = 0;
    let ContinuationToken: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: check.name, Prefix: check.prefix, ContinuationToken }),
      );
      for (const object of page.Contents ?? []) {
        objects += 1;
        if (object.LastModified && (!newest || object.LastModified > newest)) newest = object.LastModified;
      }
      ContinuationToken = page.NextContinuationToken;
    } while (ContinuationToken);
    if (!newest) return { configured: true, ok: false, bucket: check.name, objects, text: `${where} holds no object` };
    const ageHours = Math.round(((now().getTime() - newest.getTime()) / 3_600_000) * 10) / 10;
    const ok = ageHours <= check.rpoHours;
    return {
      configured: true,
      ok,
      bucket: check.name,
      objects,
      newest: newest.toISOString(),
      ageHours,
      text: `${where}: newest of ${objects} object(s) is ${ageHours} h old${ok ? '' : ` (RPO ${check.rpoHours} h)`}`,
    };
  },
});
