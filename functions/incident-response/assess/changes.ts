// Autopilot's own changes of the last hours, read from the audit-trail journal (model/journal.ts): one
// ListObjectsV2 per day, then the newest records (at most MAX_CHANGES).
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { changeDayPrefixes, type RecentChange } from '../model/journal.ts';

/** Records read at most (the newest). */
const MAX_CHANGES = 20;

async function keysUnder(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!));
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return keys;
}

/** Changes from `hours` before the alarm (`alarmAt`) until `now`, oldest first. */
export async function recentChanges(
  s3: S3Client,
  bucket: string,
  window: { alarmAt: Date; now: Date; hours: number },
): Promise<RecentChange[]> {
  const sinceDate = new Date(window.alarmAt.getTime() - window.hours * 3_600_000);
  const since = sinceDate.toISOString();
  const until = new Date(Math.max(window.now.getTime(), window.alarmAt.getTime()));
  const prefixes = changeDayPrefixes(sinceDate, until);
  const keys = (await Promise.all(prefixes.map((prefix) => keysUnder(s3, bucket, prefix))))
    .flat()
    .sort()
    .slice(-MAX_CHANGES);
  const changes: RecentChange[] = [];
  for (const key of keys) {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const record = JSON.parse((await object.Body?.transformToString()) ?? '{}') as Partial<RecentChange>;
    if (!record.time || record.time < since || record.time > until.toISOString()) continue;
    changes.push({
      time: record.time,
      playbook: String(record.playbook),
      action: String(record.action),
      resource: String(record.resource),
      region: String(record.region),
    });
  }
  return changes;
}
