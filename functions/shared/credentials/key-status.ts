// Deactivates exactly the compromised access key (never the user's other keys). Deactivating, not deleting, keeps
// the key for the investigation and lets restore-credentials undo a false positive.
import { type IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import type { AuditTrail } from '../audit/audit.ts';
import { ResourceNotFoundError } from '../errors/errors.ts';
import { listAccessKeys } from './keys.ts';

export interface KeyTarget {
  userName: string;
  userArn: string;
  accessKeyId: string;
  region: string;
  dryRun: boolean;
}

export interface KeyChange {
  accessKeyId: string;
  before: string;
  after: string;
}

export async function keyStatus(iam: IAMClient, userName: string, accessKeyId: string): Promise<string | undefined> {
  const key = (await listAccessKeys(iam, userName)).find((candidate) => candidate.AccessKeyId === accessKeyId);
  return key?.Status;
}

export async function setKeyStatus(
  iam: IAMClient,
  audit: AuditTrail,
  target: KeyTarget,
  status: 'Active' | 'Inactive',
): Promise<KeyChange> {
  const { userName, userArn, accessKeyId, region, dryRun } = target;
  const before = await keyStatus(iam, userName, accessKeyId);
  if (!before) throw new ResourceNotFoundError(`access key ${accessKeyId} of IAM user ${userName} no longer exists`);
  const action = 'iam:UpdateAccessKey';
  const detail = { userName, accessKeyId, from: before, to: status };
  if (before === status) {
    await audit.record({ action, resource: userArn, region, outcome: 'already-done', detail });
    return { accessKeyId, before, after: before };
  }
  if (!dryRun) {
    await iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId, Status: status }));
  }
  await audit.record({ action, resource: userArn, region, outcome: dryRun ? 'dry-run' : 'done', detail });
  return { accessKeyId, before, after: dryRun ? before : status };
}
