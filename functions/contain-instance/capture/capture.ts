// Step 3: the instance's metadata as JSON evidence in the reports bucket, with its SHA-256 (S3 checks it on
// upload; the audit trail and the case report carry it). Written once per case (If-None-Match): a re-run after a
// failure must keep the original, pre-containment record, because that is what a release restores.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isPreconditionFailed } from '../../shared/claims/claims.ts';
import { readText } from '../../shared/claims/read.ts';
import { type CaseInfo, keys } from '../../shared/instance/case.ts';
import { type InstanceEvidence, serializeEvidence, sha256Hex } from '../../shared/instance/evidence.ts';
import type { Recorder } from '../../shared/instance/steps.ts';

export interface Captured {
  bucket: string;
  key: string;
  uri: string;
  sha256: string;
  bytes: number;
  /** True when an earlier run of this case had stored the evidence already (kept as it was). */
  keptExisting: boolean;
}

export async function captureEvidence(
  s3: S3Client,
  bucket: string,
  theCase: CaseInfo,
  evidence: InstanceEvidence,
  recorder: Recorder,
  homeRegion: string,
): Promise<Captured> {
  const key = keys.evidence(theCase.caseId);
  const uri = `s3://${bucket}/${key}`;
  const { body, sha256 } = serializeEvidence(evidence);
  const planned = {
    action: 's3:PutObject',
    resource: uri,
    region: homeRegion,
    detail: { caseId: theCase.caseId, instanceId: theCase.instanceId, sha256, bytes: Buffer.byteLength(body) },
  };
  let exists = false;
  await recorder.act(
    planned,
    () =>
      s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
          ServerSideEncryption: 'AES256',
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
          Metadata: { sha256, 'case-id': theCase.caseId, 'instance-id': theCase.instanceId },
          IfNoneMatch: '*',
        }),
      ),
    {
      alreadyDone: (error) => {
        exists = isPreconditionFailed(error);
        return exists ? 'evidence of this case stored by an earlier run: kept unchanged' : undefined;
      },
    },
  );
  if (!exists) return { bucket, key, uri, sha256, bytes: Buffer.byteLength(body), keptExisting: false };
  const existing = (await readText(s3, bucket, key)) ?? '';
  const keptSha = sha256Hex(existing);
  const record = recorder.actions.findLast((action) => action.resource === uri);
  if (record) record.detail = { ...record.detail, sha256: keptSha, bytes: Buffer.byteLength(existing) };
  return { bucket, key, uri, sha256: keptSha, bytes: Buffer.byteLength(existing), keptExisting: true };
}
