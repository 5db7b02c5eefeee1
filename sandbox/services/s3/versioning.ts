// S3 versioning, shared by the object operations: in a bucket whose versioning is Enabled every write keeps the
// earlier versions (bucket.versions, oldest first), a delete without a version id adds a delete marker, and the
// current object (bucket.objects) is the newest version unless that is a delete marker. Buckets that were never
// versioned keep no history, as on S3.
import { hexFromCounter } from '../../ids.ts';
import type { BucketRec, S3ObjectRec, S3VersionRec } from '../../state.ts';
import type { HandlerContext } from '../types.ts';

/** S3 version ids are opaque 32-character strings. */
export const newVersionId = (ctx: HandlerContext) => hexFromCounter(ctx.account.nextCounter(), 32);

export const isVersioned = (bucket: BucketRec) => bucket.Versioning === 'Enabled';

export function versionsOf(bucket: BucketRec, key: string): S3VersionRec[] {
  return bucket.versions?.[key] ?? [];
}

/** After a PutObject or CopyObject wrote `object`: keep it as the newest version; its VersionId, if versioned. */
export function recordWrite(ctx: HandlerContext, bucket: BucketRec, object: S3ObjectRec): string | undefined {
  if (!isVersioned(bucket)) return undefined;
  const VersionId = newVersionId(ctx);
  bucket.versions ??= {};
  bucket.versions[object.Key] = [...versionsOf(bucket, object.Key), { ...structuredClone(object), VersionId }];
  return VersionId;
}

/** A delete without version id in a versioned bucket: a delete marker becomes the newest version. */
export function recordDeleteMarker(ctx: HandlerContext, bucket: BucketRec, key: string): string {
  const VersionId = newVersionId(ctx);
  bucket.versions ??= {};
  bucket.versions[key] = [
    ...versionsOf(bucket, key),
    { Key: key, VersionId, IsDeleteMarker: true, LastModified: ctx.now().toISOString() },
  ];
  delete bucket.objects[key];
  return VersionId;
}

/** Removes one version for good; the current object becomes the newest remaining version (if not a marker). */
export function removeVersion(bucket: BucketRec, key: string, versionId: string): S3VersionRec | undefined {
  // 'null' names the object of a bucket that was never versioned.
  if (versionId === 'null' && !bucket.versions?.[key]) {
    const object = bucket.objects[key];
    delete bucket.objects[key];
    return object ? { ...object, VersionId: 'null' } : undefined;
  }
  const versions = versionsOf(bucket, key);
  const removed = versions.find((v) => v.VersionId === versionId);
  if (!removed) return undefined;
  const remaining = versions.filter((v) => v !== removed);
  bucket.versions![key] = remaining;
  const newest = remaining.at(-1);
  if (!newest || newest.IsDeleteMarker) delete bucket.objects[key];
  else {
    const { VersionId: _id, IsDeleteMarker: _marker, ...object } = newest;
    bucket.objects[key] = structuredClone(object);
  }
  return removed;
}

/** The version with this id ('null' names the object of a bucket that was never versioned). */
export function findVersion(bucket: BucketRec, key: string, versionId: string): S3VersionRec | undefined {
  if (versionId === 'null' && !bucket.versions?.[key]) {
    const object = bucket.objects[key];
    return object ? { ...object, VersionId: 'null' } : undefined;
  }
  return versionsOf(bucket, key).find((v) => v.VersionId === versionId);
}
