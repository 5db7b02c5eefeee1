// Copies the versions current at the restore time back as current versions (CopyObject from `?versionId=`), in
// batches the state machine loops over; objects created after the restore time get a delete marker only when the
// request asked (the versions stay: it can be undone). The plan is re-read from S3 at every batch.
import { CopyObjectCommand, DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Recorder } from '../../shared/instance/steps.ts';
import type { ObjectDecision } from '../objects-plan/versions.ts';
import type { ObjectsPlan } from '../plan/plan.ts';

export interface BatchResult {
  restored: string[];
  deleted: string[];
  reportedNewer: string[];
}

const copySource = (bucket: string, key: string, versionId: string) =>
  `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}?versionId=${encodeURIComponent(versionId)}`;

/** Applies decisions[from, from + size); CopyObject and DeleteObject, each recorded. */
export async function applyBatch(
  s3: S3Client,
  plan: ObjectsPlan,
  decisions: ObjectDecision[],
  recorder: Recorder,
): Promise<BatchResult> {
  const result: BatchResult = { restored: [], deleted: [], reportedNewer: [] };
  for (const decision of decisions) {
    const resource = `arn:aws:s3:::${plan.bucket}/${decision.key}`;
    if (decision.action === 'restore') {
      await recorder.act(
        {
          action: 's3:CopyObject',
          resource,
          region: plan.region,
          detail: { fromVersion: decision.versionId, why: decision.why },
        },
        () =>
          s3.send(
            new CopyObjectCommand({
              Bucket: plan.bucket,
              Key: decision.key,
              CopySource: copySource(plan.bucket, decision.key, decision.versionId!),
              MetadataDirective: 'COPY',
            }),
          ),
        { resultDetail: (output) => ({ newVersion: output.VersionId }) },
      );
      result.restored.push(decision.key);
    } else if (decision.action === 'newer' && plan.deleteNewer) {
      await recorder.act(
        {
          action: 's3:DeleteObject',
          resource,
          region: plan.region,
          detail: { why: decision.why, keeps: 'its versions (a delete marker is added)' },
        },
        () => s3.send(new DeleteObjectCommand({ Bucket: plan.bucket, Key: decision.key })),
      );
      result.deleted.push(decision.key);
    } else if (decision.action === 'newer') {
      result.reportedNewer.push(decision.key);
    }
  }
  return result;
}
