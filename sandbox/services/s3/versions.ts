// S3 object versions: ListObjectVersions (keys in order, each key's versions newest first, delete markers apart;
// KeyMarker/VersionIdMarker paging, MaxKeys up to 1000), CopyObject (a source version named with ?versionId= in
// CopySource becomes the destination's newest version; a delete marker cannot be copied), GetBucketVersioning and
// DeleteObjects (up to 1000 keys; a versioned bucket gets delete markers unless a VersionId is named).
import type {
  CopyObjectRequest,
  DeleteObjectsRequest,
  GetBucketVersioningRequest,
  ListObjectVersionsRequest,
} from '@aws-sdk/client-s3';
import { awsError } from '../../errors.ts';
import type { BucketRec, S3VersionRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { bucketInRegion } from './buckets.ts';
import { findVersion, isVersioned, recordDeleteMarker, recordWrite, removeVersion, versionsOf } from './versioning.ts';

type Entry = S3VersionRec & { IsLatest: boolean };

/** Every version of every key under the prefix, in ListObjectVersions order. */
function entries(bucket: BucketRec, prefix: string): Entry[] {
  const keys = new Set([...Object.keys(bucket.objects), ...Object.keys(bucket.versions ?? {})]);
  return [...keys]
    .filter((key) => key.startsWith(prefix))
    .sort()
    .flatMap((key) => {
      const versions = bucket.versions?.[key]
        ? [...versionsOf(bucket, key)].reverse()
        : bucket.objects[key]
          ? [{ ...bucket.objects[key], VersionId: 'null' } as S3VersionRec]
          : [];
      return versions.map((version, index) => ({ ...version, IsLatest: index === 0 }));
    });
}

function listObjectVersions(ctx: HandlerContext, input: ListObjectVersionsRequest) {
  const bucket = bucketInRegion(ctx, input.Bucket);
  if (input.Delimiter)
    throw awsError('NotImplemented', 'Delimiter is not modelled by the sandbox for this call', { status: 501 });
  if (input.VersionIdMarker && !input.KeyMarker) {
    throw awsError('InvalidArgument', 'A version-id marker cannot be specified without a key marker.');
  }
  const max = Math.min(input.MaxKeys ?? 1000, 1000);
  const all = entries(bucket, input.Prefix ?? '');
  let start = 0;
  if (input.KeyMarker) {
    const marker = input.VersionIdMarker
      ? all.findIndex((e) => e.Key === input.KeyMarker && e.VersionId === input.VersionIdMarker)
      : -1;
    start = marker >= 0 ? marker + 1 : all.findIndex((e) => e.Key > input.KeyMarker!);
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, start + max);
  const truncated = start + max < all.length;
  const last = page.at(-1);
  const versions = page.filter((e) => !e.IsDeleteMarker);
  const markers = page.filter((e) => e.IsDeleteMarker);
  return {
    Name: bucket.Name,
    Prefix: input.Prefix ?? '',
    KeyMarker: input.KeyMarker ?? '',
    VersionIdMarker: input.VersionIdMarker ?? '',
    MaxKeys: max,
    IsTruncated: truncated,
    NextKeyMarker: truncated ? last?.Key : undefined,
    NextVersionIdMarker: truncated ? last?.VersionId : undefined,
    Versions: versions.length
      ? versions.map((v) => ({
          Key: v.Key,
          VersionId: v.VersionId,
          IsLatest: v.IsLatest,
          LastModified: v.LastModified,
          ETag: v.IsDeleteMarker ? undefined : v.ETag,
          Size: v.IsDeleteMarker ? undefined : v.ContentLength,
          StorageClass: 'STANDARD',
        }))
      : undefined,
    DeleteMarkers: markers.length
      ? markers.map((m) => ({ Key: m.Key, VersionId: m.VersionId, IsLatest: m.IsLatest, LastModified: m.LastModified }))
      : undefined,
  };
}

/** `bucket/key?versionId=v`, URL-encoded as the SDK sends it. */
function parseCopySource(source: string | undefined): { bucket: string; key: string; versionId?: string } {
  const [path, query = ''] = (source ?? '').replace(/^\//, '').split('?');
  const slash = path.indexOf('/');
  if (slash <= 0)
    throw awsError('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey');
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined;
  return {
    bucket: decodeURIComponent(path.slice(0, slash)),
    key: decodeURIComponent(path.slice(slash + 1)),
    versionId,
  };
}

function copyObject(ctx: HandlerContext, input: CopyObjectRequest) {
  const target = bucketInRegion(ctx, input.Bucket);
  const source = parseCopySource(input.CopySource);
  const from = ctx.state.global.s3.buckets[source.bucket];
  if (!from)
    throw awsError('NoSuchBucket', 'The specified bucket does not exist', { fields: { BucketName: source.bucket } });
  const version = source.versionId ? findVersion(from, source.key, source.versionId) : undefined;
  if (source.versionId && !version) {
    throw awsError('NoSuchVersion', 'The specified version does not exist.', {
      status: 404,
      fields: { Key: source.key },
    });
  }
  if (version?.IsDeleteMarker) {
    throw awsError(
      'InvalidRequest',
      'The source of a copy request may not specifically refer to a delete marker by version id.',
    );
  }
  const object = version ?? from.objects[source.key];
  if (!object) throw awsError('NoSuchKey', 'The specified key does not exist.', { fields: { Key: source.key } });
  const { VersionId: _id, IsDeleteMarker: _marker, ...body } = object as S3VersionRec & { IsDeleteMarker?: false };
  const copied = {
    ...structuredClone(body),
    Key: input.Key!,
    LastModified: ctx.now().toISOString(),
    ...(input.MetadataDirective === 'REPLACE' ? { Metadata: input.Metadata, ContentType: input.ContentType } : {}),
  };
  target.objects[input.Key!] = copied;
  const VersionId = recordWrite(ctx, target, copied);
  ctx.account.writeOut(`s3/${target.Name}/${input.Key}`, Buffer.from(copied.BodyBase64, 'base64'));
  return {
    CopyObjectResult: { ETag: copied.ETag, LastModified: copied.LastModified },
    VersionId,
    CopySourceVersionId: source.versionId,
    ServerSideEncryption: 'AES256',
  };
}

function getBucketVersioning(ctx: HandlerContext, input: GetBucketVersioningRequest) {
  const bucket = bucketInRegion(ctx, input.Bucket);
  return { Status: bucket.Versioning };
}

function deleteObjects(ctx: HandlerContext, input: DeleteObjectsRequest) {
  const bucket = bucketInRegion(ctx, input.Bucket);
  const objects = input.Delete?.Objects ?? [];
  if (!objects.length || objects.length > 1000)
    throw awsError('MalformedXML', 'The XML you provided was not well-formed');
  const deleted = objects.map(({ Key, VersionId }) => {
    if (VersionId) {
      const removed = removeVersion(bucket, Key!, VersionId);
      return { Key, VersionId, DeleteMarker: removed?.IsDeleteMarker ? true : undefined };
    }
    if (isVersioned(bucket))
      return { Key, DeleteMarker: true, DeleteMarkerVersionId: recordDeleteMarker(ctx, bucket, Key!) };
    delete bucket.objects[Key!];
    return { Key };
  });
  return { Deleted: input.Delete?.Quiet ? undefined : deleted, Errors: undefined };
}

export const objectVersionHandlers: Handlers = {
  ListObjectVersions: listObjectVersions,
  CopyObject: copyObject,
  GetBucketVersioning: getBucketVersioning,
  DeleteObjects: deleteObjects,
};
