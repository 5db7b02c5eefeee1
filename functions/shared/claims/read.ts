// Reading JSON objects back from the reports bucket (case records, claims, locks); a missing key is `undefined`.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

const isMissing = (error: unknown) => ['NoSuchKey', 'NotFound'].includes((error as Error).name);

/** The object's text, or undefined when the key does not exist. */
export async function readText(s3: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await object.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export async function readJson<T>(s3: S3Client, bucket: string, key: string): Promise<T | undefined> {
  return (await readVersioned<T>(s3, bucket, key))?.value;
}

/** The parsed object and its ETag (for a conditional overwrite with If-Match), or undefined when missing. */
export async function readVersioned<T>(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ value: T; etag: string } | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const text = (await object.Body?.transformToString('utf-8')) ?? 'null';
    return { value: JSON.parse(text) as T, etag: object.ETag ?? '' };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}
