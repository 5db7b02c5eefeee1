// Reading and changing incident records with S3 conditional writes: create with If-None-Match: *, change with
// If-Match on the ETag read, re-reading and re-applying the change when another step wrote in between.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isPreconditionFailed, putOnce } from '../../shared/claims/claims.ts';
import { readVersioned } from '../../shared/claims/read.ts';
import { ResourceNotFoundError, TransientAwsError } from '../../shared/errors/errors.ts';
import { latest } from './clock.ts';
import { type IncidentRecord, lastStamp, recordKey, type TimelineEntry } from './record.ts';

/** Where records live: the stack's reports bucket, through its home-region client. */
export interface Store {
  s3: S3Client;
  bucket: string;
}

/** Attempts at a conditional update before giving up to the state machine's retrier. */
const UPDATE_ATTEMPTS = 5;

/** The record and its ETag, or undefined when there is no such incident. */
export async function readRecord(store: Store, id: string) {
  return readVersioned<IncidentRecord>(store.s3, store.bucket, recordKey(id));
}

/** The record; @throws ResourceNotFoundError naming the incident when it does not exist. */
export async function requireRecord(store: Store, id: string): Promise<IncidentRecord> {
  const found = await readRecord(store, id);
  if (!found) throw new ResourceNotFoundError(`incident ${id} not found (no ${recordKey(id)} in ${store.bucket})`);
  return found.value;
}

/** Creates the record if its key is free; false when it exists already. */
export async function createRecord(store: Store, record: IncidentRecord): Promise<boolean> {
  return putOnce(store.s3, store.bucket, recordKey(record.id), record);
}

async function writeIfMatch(store: Store, record: IncidentRecord, etag: string): Promise<boolean> {
  try {
    await store.s3.send(
      new PutObjectCommand({
        Bucket: store.bucket,
        Key: recordKey(record.id),
        Body: `${JSON.stringify(record, null, 2)}\n`,
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
        IfMatch: etag,
      }),
    );
    return true;
  } catch (error) {
    if (isPreconditionFailed(error) || (error as Error).name === 'ConditionalRequestConflict') return false;
    throw error;
  }
}

/**
 * Applies `change` to the current record and writes it only if nobody wrote in between (If-Match); on a conflict
 * reads again and re-applies. `change` returns false to leave the record as it is (nothing written). Returns the
 * record as written (or as read when unchanged) and whether this call changed it.
 * @throws ResourceNotFoundError when the incident does not exist; TransientAwsError after repeated conflicts.
 */
export async function updateRecord(
  store: Store,
  id: string,
  change: (record: IncidentRecord) => boolean,
): Promise<{ record: IncidentRecord; changed: boolean }> {
  for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
    const found = await readRecord(store, id);
    if (!found) throw new ResourceNotFoundError(`incident ${id} not found (no ${recordKey(id)} in ${store.bucket})`);
    const record = structuredClone(found.value);
    if (!change(record)) return { record: found.value, changed: false };
    if (await writeIfMatch(store, record, found.etag)) return { record, changed: true };
  }
  throw new TransientAwsError(`incident ${id} changed ${UPDATE_ATTEMPTS} times while updating it, retry`);
}

/** Appends a timeline line stamped no earlier than the last one (and than `notBefore`); returns its stamp. */
export function addLine(
  record: IncidentRecord,
  entry: Omit<TimelineEntry, 'at'>,
  now: Date,
  notBefore?: string,
): string {
  const at = latest(now, lastStamp(record), notBefore);
  record.timeline.push({ at, ...entry });
  return at;
}
