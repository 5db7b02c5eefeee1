// Taking a resolved incident out of the open-incident index (only the resolve step deletes).
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { openIncidentKey } from '../../shared/incidents/keys.ts';
import type { Store } from './store.ts';

/** Removes the incident from incidents/open/ (S3 deletes of a missing key succeed, so a retry is harmless). */
export async function unindexOpen(store: Store, id: string): Promise<void> {
  await store.s3.send(new DeleteObjectCommand({ Bucket: store.bucket, Key: openIncidentKey(id) }));
}
