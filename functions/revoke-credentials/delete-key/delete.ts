// The runbook's "delete-access-key" half of a rotation, run only after the state machine's grace-period Wait. A key
// that a human re-activated in the meantime (restore-credentials: a false positive) is left alone and reported.
import { DeleteAccessKeyCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { listAccessKeys } from '../../shared/credentials/keys.ts';

export interface DeleteTarget {
  userName: string;
  userArn: string;
  accessKeyId: string;
  region: string;
  dryRun: boolean;
}

export interface Deletion {
  accessKeyId: string;
  deleted: boolean;
  /** Why it was not deleted. */
  reason?: string;
}

export async function deleteCompromisedKey(iam: IAMClient, audit: AuditTrail, target: DeleteTarget): Promise<Deletion> {
  const { userName, userArn, accessKeyId, region, dryRun } = target;
  const key = (await listAccessKeys(iam, userName)).find((candidate) => candidate.AccessKeyId === accessKeyId);
  const action = 'iam:DeleteAccessKey';
  if (!key) {
    await audit.record({
      action,
      resource: userArn,
      region,
      outcome: 'already-done',
      detail: { userName, accessKeyId },
    });
    return { accessKeyId, deleted: true };
  }
  if (key.Status === 'Active' && !dryRun) {
    const reason = 'the key was re-activated during the grace period (restore-credentials?): not deleted';
    await audit.record({
      action,
      resource: userArn,
      region,
      outcome: 'skipped',
      detail: { userName, accessKeyId, reason },
    });
    return { accessKeyId, deleted: false, reason };
  }
  if (!dryRun) await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }));
  await audit.record({
    action,
    resource: userArn,
    region,
    outcome: dryRun ? 'dry-run' : 'done',
    detail: { userName, accessKeyId },
  });
  return { accessKeyId, deleted: !dryRun };
}
