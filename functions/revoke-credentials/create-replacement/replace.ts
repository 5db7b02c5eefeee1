// The runbook's "create-access-key" half of a rotation: a new key for the same user, stored straight away in
// Secrets Manager for its owner (the secret key exists only in CreateAccessKey's answer, so it is never logged or
// returned). The compromised key is deleted later, after the grace period, by another step.
import { CreateAccessKeyCommand, DeleteAccessKeyCommand, type IAMClient } from '@aws-sdk/client-iam';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { listAccessKeys } from '../../shared/credentials/keys.ts';
import { SECRET_TAG_KEY, SECRET_TAG_OWNER, SECRET_TAG_REPLACES } from '../../shared/credentials/model.ts';
import { AutopilotError } from '../../shared/errors/errors.ts';
import { holdTags } from '../../shared/holds/holds.ts';

/** IAM allows two access keys per user: a replacement needs a free slot. */
export class KeyQuotaError extends AutopilotError {}

const KEYS_PER_USER = 2;

export interface ReplacementTarget {
  userName: string;
  userArn: string;
  compromisedKeyId: string;
  secretName: string;
  region: string;
  dryRun: boolean;
  executionId: string;
}

export interface Replacement {
  secretName: string;
  secretArn?: string;
  newAccessKeyId?: string;
}

type Tags = { Key?: string; Value?: string }[];

async function describeSecret(secrets: SecretsManagerClient, secretName: string) {
  try {
    return await secrets.send(new DescribeSecretCommand({ SecretId: secretName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

const tagValue = (tags: Tags | undefined, key: string) => tags?.find((tag) => tag.Key === key)?.Value;

async function storeSecret(
  secrets: SecretsManagerClient,
  target: ReplacementTarget,
  exists: boolean,
  value: string,
  tags: { Key: string; Value: string }[],
): Promise<{ arn?: string; action: string }> {
  if (exists) {
    const put = await secrets.send(new PutSecretValueCommand({ SecretId: target.secretName, SecretString: value }));
    await secrets.send(new TagResourceCommand({ SecretId: target.secretName, Tags: tags }));
    return { arn: put.ARN, action: 'secretsmanager:PutSecretValue' };
  }
  const created = await secrets.send(
    new CreateSecretCommand({
      Name: target.secretName,
      Description: `Access key of IAM user ${target.userName}, created by idp-autopilot revoke-credentials to replace ${target.compromisedKeyId}`,
      SecretString: value,
      Tags: tags,
    }),
  );
  return { arn: created.ARN, action: 'secretsmanager:CreateSecret' };
}

export async function createReplacement(
  iam: IAMClient,
  secrets: SecretsManagerClient,
  audit: AuditTrail,
  target: ReplacementTarget,
): Promise<Replacement> {
  const { userName, userArn, compromisedKeyId, secretName, region, dryRun } = target;
  const keys = await listAccessKeys(iam, userName);
  const secret = await describeSecret(secrets, secretName);
  const storedKey = tagValue(secret?.Tags, SECRET_TAG_KEY);
  if (
    tagValue(secret?.Tags, SECRET_TAG_REPLACES) === compromisedKeyId &&
    keys.some((key) => key.AccessKeyId === storedKey)
  ) {
    await audit.record({
      action: 'iam:CreateAccessKey',
      resource: userArn,
      region,
      outcome: 'already-done',
      detail: { userName, newAccessKeyId: storedKey, replaces: compromisedKeyId, secretName },
    });
    return { secretName, secretArn: secret?.ARN, newAccessKeyId: storedKey };
  }
  if (keys.length >= KEYS_PER_USER) {
    throw new KeyQuotaError(
      `IAM user ${userName} already has ${keys.length} access keys (${keys.map((key) => `${key.AccessKeyId} ${key.Status}`).join(', ')}): ` +
        `no slot for a replacement. ${compromisedKeyId} stays deactivated; free a slot or rotate by hand`,
    );
  }
  if (dryRun) {
    await audit.recordMany([
      {
        action: 'iam:CreateAccessKey',
        resource: userArn,
        region,
        outcome: 'dry-run',
        detail: { userName, replaces: compromisedKeyId },
      },
      {
        action: secret ? 'secretsmanager:PutSecretValue' : 'secretsmanager:CreateSecret',
        resource: secret?.ARN ?? secretName,
        // Replacement keys are kept in the home account's Secrets Manager, whichever account the user is in.
        account: audit.homeAccount,
        region,
        outcome: 'dry-run',
        detail: { secretName },
      },
    ]);
    return { secretName, secretArn: secret?.ARN };
  }
  const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  const newAccessKeyId = key?.AccessKeyId ?? '';
  const value = JSON.stringify({
    UserName: userName,
    AccessKeyId: newAccessKeyId,
    SecretAccessKey: key?.SecretAccessKey,
    Replaces: compromisedKeyId,
    CreatedBy: target.executionId,
  });
  const tags = [
    { Key: SECRET_TAG_OWNER, Value: userName },
    { Key: SECRET_TAG_REPLACES, Value: compromisedKeyId },
    { Key: SECRET_TAG_KEY, Value: newAccessKeyId },
    // The quarantined user's way back: no destructive playbook may delete it while the revocation holds.
    ...holdTags(`revoke-credentials/${userName}`, `replacement access key of quarantined user ${userName}`),
  ];
  let stored: { arn?: string; action: string };
  try {
    stored = await storeSecret(secrets, target, Boolean(secret), value, tags);
  } catch (error) {
    // Without the stored secret nobody could ever use the new key: take it back, then fail (the step is retried).
    await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: newAccessKeyId }));
    await audit.recordMany([
      {
        action: 'iam:CreateAccessKey',
        resource: userArn,
        region,
        outcome: 'done',
        detail: { userName, newAccessKeyId },
      },
      {
        action: 'iam:DeleteAccessKey',
        resource: userArn,
        region,
        outcome: 'done',
        detail: {
          userName,
          accessKeyId: newAccessKeyId,
          why: `storing it in ${secretName} failed: ${(error as Error).name}`,
        },
      },
    ]);
    throw error;
  }
  await audit.recordMany([
    {
      action: 'iam:CreateAccessKey',
      resource: userArn,
      region,
      outcome: 'done',
      detail: { userName, newAccessKeyId, replaces: compromisedKeyId },
    },
    {
      action: stored.action,
      resource: stored.arn ?? secretName,
      account: audit.homeAccount,
      region,
      outcome: 'done',
      detail: { secretName, owner: userName },
    },
  ]);
  return { secretName, secretArn: stored.arn, newAccessKeyId };
}
