// Which version of each object was current at the restore time: ListObjectVersions under the prefix (every page;
// a key's versions come newest first, delete markers apart), then per key the newest version or delete marker not
// later than the restore time. A key whose current version differs from it gets that version back; a key that did
// not exist then (or was deleted then) but exists now was created after the restore time.
import { ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';

export interface ObjectDecision {
  key: string;
  /** restore: copy `versionId` back as the current version; newer: created after the restore time; unchanged. */
  action: 'restore' | 'newer' | 'unchanged';
  /** The version current at the restore time (restore). */
  versionId?: string;
  /** The current version now (or `deleted` when the newest entry is a delete marker). */
  currentVersionId?: string;
  /** Why, in words (the report shows it). */
  why: string;
}

interface Entry {
  versionId: string;
  lastModified: string;
  deleteMarker: boolean;
  isLatest: boolean;
  etag?: string;
}

/** Every version and delete marker under the prefix, per key (ListObjectVersions, paginated). */
export async function listVersions(s3: S3Client, bucket: string, prefix: string): Promise<Map<string, Entry[]>> {
  const byKey = new Map<string, Entry[]>();
  const add = (key: string, entry: Entry) => byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker, VersionIdMarker }),
    );
    for (const v of page.Versions ?? []) {
      add(v.Key!, {
        versionId: v.VersionId!,
        lastModified: v.LastModified!.toISOString(),
        deleteMarker: false,
        isLatest: Boolean(v.IsLatest),
        etag: v.ETag,
      });
    }
    for (const m of page.DeleteMarkers ?? []) {
      add(m.Key!, {
        versionId: m.VersionId!,
        lastModified: m.LastModified!.toISOString(),
        deleteMarker: true,
        isLatest: Boolean(m.IsLatest),
      });
    }
    KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (KeyMarker);
  return byKey;
}

/** What to do with one key, given its versions and the restore time (ISO). */
export function decide(key: string, entries: Entry[], restoreTime: string): ObjectDecision {
  const newestFirst = [...entries].sort((a, b) => b.lastModified.localeCompare(a.lastModified));
  const current = newestFirst.find((e) => e.isLatest) ?? newestFirst[0];
  const then = newestFirst.find((e) => e.lastModified <= restoreTime);
  const currentVersionId = current.deleteMarker ? 'deleted' : current.versionId;
  if (!then || then.deleteMarker) {
    return current.deleteMarker
      ? { key, action: 'unchanged', currentVersionId, why: 'absent then and now' }
      : { key, action: 'newer', currentVersionId, why: `created after the restore time (${current.lastModified})` };
  }
  // The same version, or a copy of it made by an earlier (retried) restore: nothing to do.
  if (current.versionId === then.versionId || (!current.deleteMarker && current.etag && current.etag === then.etag)) {
    return {
      key,
      action: 'unchanged',
      versionId: then.versionId,
      currentVersionId,
      why: 'unchanged since the restore time',
    };
  }
  return {
    key,
    action: 'restore',
    versionId: then.versionId,
    currentVersionId,
    why: current.deleteMarker
      ? `deleted at ${current.lastModified}: version of ${then.lastModified} restored`
      : `overwritten at ${current.lastModified}: version of ${then.lastModified} restored`,
  };
}
