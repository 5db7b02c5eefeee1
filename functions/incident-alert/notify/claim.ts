// One notice per alarm event, however often EventBridge delivers it: the first execution to create
// work/incident-alert/<event id>.json (functions/shared/claims) sends; a redelivery finds the claim and sends nothing.
import type { S3Client } from '@aws-sdk/client-s3';
import { claimFor, keyPart } from '../../shared/claims/claims.ts';

export const claimKey = (eventId: string) => `work/incident-alert/${keyPart(eventId)}.json`;

export interface Claim {
  eventId: string;
  executionId: string;
  alarmName: string;
  state: string;
}

/** True when this execution holds the claim for the event (it created it now, or on an earlier attempt). */
export async function claimEvent(s3: S3Client, bucket: string, claim: Claim): Promise<boolean> {
  return claimFor(s3, bucket, claimKey(claim.eventId), { ...claim });
}
