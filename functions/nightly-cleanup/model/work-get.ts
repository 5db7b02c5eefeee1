// Reads a work file (see work.ts).
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { WorkStore } from './work.ts';

export async function getJson<T>(store: WorkStore, key: string): Promise<T> {
  const object = await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key }));
  return JSON.parse((await object.Body?.transformToString()) ?? 'null') as T;
}

/** The object, or undefined when it does not exist (NoSuchKey; the role may list the prefix, so no AccessDenied). */
export async function getJsonIfExists<T>(store: WorkStore, key: string): Promise<T | undefined> {
  try {
    return await getJson<T>(store, key);
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey' || (error as Error).name === 'NotFound') return undefined;
    throw error;
  }
}
