// The objects that make "one incident per alarm" and "INC-YYYYMMDD-NNN without gaps or duplicates" atomic under
// concurrent openings, all conditional writes in the reports bucket:
//   incidents/by-alarm/<region>/<alarm>.json  which incident an alarm has (opening, open, or resolved and when),
//   incidents/ids/<YYYYMMDD>/<NNN>.json        one per number, created only by the execution that takes it,
//   incidents/open/<INC-id>.json               the open-incident index other playbooks read (shared/incidents/open.ts).
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { claimFor, isPreconditionFailed, keyPart, putOnce } from '../../shared/claims/claims.ts';
import { readVersioned } from '../../shared/claims/read.ts';
import type { Severity } from '../../shared/config/config.ts';
import { TransientAwsError } from '../../shared/errors/errors.ts';
import { type OpenIncident, openIncidentKey } from '../../shared/incidents/keys.ts';
import type { Store } from './store.ts';

/** What an alarm's pointer says. `since` is the alarm time of the last status change. */
export interface AlarmPointer {
  alarmName: string;
  region: string;
  status: 'opening' | 'open' | 'resolved';
  /** The execution that is opening (or opened) the current incident. */
  executionId: string;
  incidentId?: string;
  since: string;
}

/** Numbers per day: INC-YYYYMMDD-001 to -999. */
const MAX_PER_DAY = 999;

export const pointerKey = (region: string, alarmName: string) =>
  `incidents/by-alarm/${region}/${keyPart(alarmName)}.json`;

export async function readPointer(store: Store, region: string, alarmName: string) {
  return readVersioned<AlarmPointer>(store.s3, store.bucket, pointerKey(region, alarmName));
}

async function putJson(s3: S3Client, bucket: string, key: string, value: unknown, ifMatch: string): Promise<boolean> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: `${JSON.stringify(value, null, 2)}\n`,
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
        IfMatch: ifMatch,
      }),
    );
    return true;
  } catch (error) {
    if (isPreconditionFailed(error) || (error as Error).name === 'ConditionalRequestConflict') return false;
    throw error;
  }
}

/**
 * Writes the alarm's pointer: created when `etag` is undefined (If-None-Match), else replaced only if unchanged
 * (If-Match). False when another execution got there first (read it again to see what it did).
 */
export async function writePointer(store: Store, pointer: AlarmPointer, etag?: string): Promise<boolean> {
  const key = pointerKey(pointer.region, pointer.alarmName);
  if (etag === undefined) return putOnce(store.s3, store.bucket, key, pointer);
  return putJson(store.s3, store.bucket, key, pointer, etag);
}

/**
 * The next free number of `day` for this execution: INC-<day>-NNN. Numbers are taken in order with create-only
 * writes, so two openings never share one and none is skipped; a retry of the same execution finds the number it
 * took before. @throws TransientAwsError when the day has no number left.
 */
export async function takeIncidentId(
  store: Store,
  day: string,
  claim: { executionId: string; alarmName: string },
): Promise<string> {
  for (let n = 1; n <= MAX_PER_DAY; n += 1) {
    const number = String(n).padStart(3, '0');
    if (await claimFor(store.s3, store.bucket, `incidents/ids/${day}/${number}.json`, { ...claim })) {
      return `INC-${day}-${number}`;
    }
  }
  throw new TransientAwsError(`no incident number left for ${day} (${MAX_PER_DAY} taken)`);
}

/** Adds (or refreshes) the incident in the open-incident index. */
export async function indexOpen(store: Store, incident: OpenIncident): Promise<void> {
  await store.s3.send(
    new PutObjectCommand({
      Bucket: store.bucket,
      Key: openIncidentKey(incident.id),
      Body: `${JSON.stringify(incident, null, 2)}\n`,
      ContentType: 'application/json',
      ServerSideEncryption: 'AES256',
    }),
  );
}

/** The index entry of an incident. */
export const openEntry = (id: string, severity: Severity, source: string, openedAt: string): OpenIncident => ({
  id,
  severity,
  source,
  openedAt,
});
