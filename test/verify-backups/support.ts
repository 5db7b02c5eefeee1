// Shared arrangements of the verify-backups tests: runs on a sandbox account, what they sent, and what they left.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { runPlaybook } from '../../cli/runner.ts';
import { type Config, loadStageConfig } from '../../functions/playbooks.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { readBack } from '../support/sandbox.ts';

export type Loose = Record<string, any>;

export const BUCKET = 'idp-autopilot-dev-reports-123456789012';

export const run = (account: SandboxAccount, input: object, config?: Config) =>
  runPlaybook({ playbook: 'verify-backups', input, account, skipWaits: true, ...(config ? { config } : {}) });

/** The dev config with the verify-backups block changed. */
export function configWith(change: (block: Loose) => void): Config {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  change(config.playbooks.verifyBackups as Loose);
  return config;
}

export function snsMessages(account: SandboxAccount): { Subject: string; Message: string }[] {
  return account.callsTo('SNS', 'Publish').map((call) => call.input as { Subject: string; Message: string });
}

/** Every test copy still in the account (restored clusters, instances, volumes, instances, buckets). */
export function testCopies(account: SandboxAccount): string[] {
  const found: string[] = [];
  for (const [region, state] of Object.entries(account.state.regions)) {
    for (const c of state.rds.clusters)
      if (c.DBClusterIdentifier.startsWith('autopilot-verify-') && c.Status !== 'deleting')
        found.push(`${region} cluster ${c.DBClusterIdentifier}`);
    for (const i of state.rds.instances ?? [])
      if (i.DBInstanceIdentifier.startsWith('autopilot-verify-') && i.DBInstanceStatus !== 'deleting')
        found.push(`${region} db ${i.DBInstanceIdentifier}`);
    for (const v of state.ec2.volumes)
      if (v.Tags?.some((t) => t.Key === 'autopilot:created-by')) found.push(`${region} volume ${v.VolumeId}`);
    for (const i of state.ec2.instances)
      if (i.Tags?.some((t) => t.Key === 'autopilot:created-by') && i.State?.Name !== 'terminated')
        found.push(`${region} instance ${i.InstanceId}`);
  }
  for (const name of Object.keys(account.state.global.s3.buckets))
    if (name.startsWith('autopilot-verify-')) found.push(`bucket ${name}`);
  return found;
}

/** The JSON report of the last run. */
export async function lastReport(account: SandboxAccount): Promise<Loose> {
  return readBack(account, async () => {
    const s3 = awsClient(S3Client, 'us-east-1');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/verify-backups/2' }));
    const key = (listed.Contents ?? [])
      .map((o) => o.Key!)
      .filter((k) => k.endsWith('.json'))
      .sort()
      .at(-1)!;
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return JSON.parse(await object.Body!.transformToString());
  });
}

/** The restore jobs of a region as the sandbox holds them. */
export const restoreJobs = (account: SandboxAccount, region = 'us-east-1') =>
  account.state.regions[region].backup.restoreJobs ?? [];
