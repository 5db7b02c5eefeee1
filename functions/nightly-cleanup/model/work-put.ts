// Writes a work file (see work.ts).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { WorkStore } from './work.ts';

export async function putJson(store: WorkStore, key: string, value: unknown): Promise<void> {
  await store.s3.send(
    new PutObjectCommand({
      Bucket: store.bucket,
      Key: key,
      Body: JSON.stringify(value),
      ContentType: 'application/json',
      ServerSideEncryption: 'AES256',
    }),
  );
}
