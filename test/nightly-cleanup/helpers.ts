// Test support for nightly-cleanup: its config, runs on the sandbox, and reading the account and the report back
// through real SDK clients.
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeAddressesCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { type RunResult, runPlaybook } from '../../cli/runner.ts';
import { MARK_TAG } from '../../functions/nightly-cleanup/model/model.ts';
import type { CleanupReport, ReportItem } from '../../functions/nightly-cleanup/model/report.ts';
import type { Config } from '../../functions/playbooks.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount, SandboxOptions } from '../../sandbox/account.ts';
import { homeOnlyConfig } from '../support/accounts.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

export const BUCKET = 'idp-autopilot-dev-reports-123456789012';
export const EAST = 'us-east-1';
export const WEST = 'us-west-2';
export type Settings = Config['playbooks']['nightlyCleanup'];

/**
 * The dev config on the home account alone (test/nightly-cleanup/accounts.test.ts runs it across accounts) with a
 * safety cap the small seed estate does not hit (tests of the cap set their own).
 */
export function cleanupConfig(change: (settings: Settings) => void = () => {}): Config {
  const config = homeOnlyConfig();
  config.playbooks.nightlyCleanup.mode = 'report';
  config.playbooks.nightlyCleanup.safetyCap = {
    maxDeletionsPerRun: 100,
    maxDeletionsPerAccount: 100,
    maxEstateShare: 1,
  };
  change(config.playbooks.nightlyCleanup);
  return config;
}

export function runCleanup(
  account: SandboxAccount,
  input: object,
  config: Config = cleanupConfig(),
): Promise<RunResult> {
  return runPlaybook({ playbook: 'nightly-cleanup', input, account, config, skipWaits: true });
}

const ec2 = (region: string) => awsClient(EC2Client, region);

export async function setTags(account: SandboxAccount, region: string, ids: string[], tags: Record<string, string>) {
  await readBack(account, () =>
    ec2(region).send(
      new CreateTagsCommand({ Resources: ids, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }),
    ),
  );
}

export async function removeTags(account: SandboxAccount, region: string, ids: string[], keys: string[]) {
  await readBack(account, () =>
    ec2(region).send(new DeleteTagsCommand({ Resources: ids, Tags: keys.map((Key) => ({ Key })) })),
  );
}

/** Resource id -> its mark, for every resource of the region that carries one. */
export async function marks(account: SandboxAccount, region: string): Promise<Record<string, string>> {
  return readBack(account, async () => {
    const found: Record<string, string> = {};
    let NextToken: string | undefined;
    do {
      const page = await ec2(region).send(
        new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: [MARK_TAG] }], NextToken }),
      );
      for (const tag of page.Tags ?? []) found[tag.ResourceId!] = tag.Value!;
      NextToken = page.NextToken;
    } while (NextToken);
    return found;
  });
}

/** The ids of every volume, own snapshot and Elastic IP in the region. */
export async function inventory(account: SandboxAccount, region: string): Promise<string[]> {
  return readBack(account, async () => {
    const client = ec2(region);
    const volumes = (await client.send(new DescribeVolumesCommand({}))).Volumes ?? [];
    const snapshots = (await client.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))).Snapshots ?? [];
    const addresses = (await client.send(new DescribeAddressesCommand({}))).Addresses ?? [];
    return [
      ...volumes.map((v) => v.VolumeId!),
      ...snapshots.map((s) => s.SnapshotId!),
      ...addresses.map((a) => a.AllocationId!),
    ].sort();
  });
}

export async function snapshotsTagged(account: SandboxAccount, region: string, key: string, value: string) {
  return readBack(
    account,
    async () =>
      (
        await ec2(region).send(
          new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: `tag:${key}`, Values: [value] }] }),
        )
      ).Snapshots ?? [],
  );
}

/** The JSON report of a run, read from the reports bucket. */
export async function reportOf(account: SandboxAccount, result: RunResult): Promise<CleanupReport> {
  const execution = result.executionArn.split(':').at(-1)!;
  return readBack(account, async () => {
    const s3 = awsClient(S3Client, EAST);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/nightly-cleanup/' }));
    const key = (listed.Contents ?? []).map((object) => object.Key!).find((k) => k.endsWith(`${execution}.json`));
    if (!key) throw new Error(`no report for ${execution}`);
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return JSON.parse(await object.Body!.transformToString()) as CleanupReport;
  });
}

export const idsWith = (report: CleanupReport, outcome: ReportItem['outcome']) =>
  report.items
    .filter((item) => item.outcome === outcome)
    .map((item) => item.resourceId)
    .sort();

export const itemOf = (report: CleanupReport, id: string) => report.items.find((item) => item.resourceId === id);

export const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Calls that change EC2 resources. */
export const mutatingEc2Calls = (account: SandboxAccount) =>
  account.calls.filter((call) => call.service === 'EC2' && !/^Describe/.test(call.operation));

/** A fresh seed account without the marks an earlier run left in the seed, for tests that arrange their own. */
export async function unmarkedAccount(options: SandboxOptions = {}): Promise<SandboxAccount> {
  const account = freshAccount(options);
  for (const region of [EAST, WEST]) {
    const marked = Object.keys(await marks(account, region));
    if (marked.length) await removeTags(account, region, marked, [MARK_TAG]);
  }
  account.calls.length = 0;
  return account;
}
