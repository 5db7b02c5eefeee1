// What each run leaves for the next ones, in the reports bucket under reports/verify-backups/history/ (kept as long
// as reports): per test its outcome and measured RTO (the trend), and the restore jobs still running when it ended
// (the sweep deletes what they created). Keys sort by the run's start, so the newest runs are the last keys.

import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { keyPart } from '../shared/claims/key-part.ts';
import { readJson } from '../shared/claims/read.ts';

export const HISTORY_PREFIX = 'reports/verify-backups/history/';

export interface RunHistory {
  executionName: string;
  startedAt: string;
  tests: { resourceType: string; region: string; outcome: string; rtoSeconds: number | null }[];
  pendingJobs: { region: string; restoreJobId: string }[];
}

export const historyKey = (startedAt: string, executionName: string) =>
  `${HISTORY_PREFIX}${startedAt.replace(/[:.]/g, '-')}-${keyPart(executionName)}.json`;

/** The last `count` runs before this one, oldest first (ListObjectsV2 under the prefix, every page; GetObject each). */
export async function earlierRuns(s3: S3Client, bucket: string, count: number, thisKey: string): Promise<RunHistory[]> {
  const keys: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: HISTORY_PREFIX, ContinuationToken }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!).filter((key) => key < thisKey));
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  const recent = keys.sort().slice(-count);
  const runs = await Promise.all(recent.map((key) => readJson<RunHistory>(s3, bucket, key)));
  return runs.filter((run): run is RunHistory => run !== undefined);
}
