// Secrets Manager: GetSecretValue, CreateSecret, PutSecretValue with staging labels as AWS keeps them: a new
// AWSCURRENT version pushes the old one to AWSPREVIOUS; ClientRequestToken makes a write idempotent (the SDK
// would generate one on the wire; the sandbox generates the VersionId when the caller gave none).
import type {
  CreateSecretRequest,
  GetSecretValueRequest,
  PutSecretValueRequest,
} from '@aws-sdk/client-secrets-manager';
import { awsError } from '../../errors.ts';
import type { SecretRec, SecretVersionRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const notFound = (detail = 'secret') =>
  awsError('ResourceNotFoundException', `Secrets Manager can't find the specified ${detail}.`);

/** By name, full ARN, or partial ARN (without the 6-character suffix AWS appends). */
function requireSecret(ctx: HandlerContext, secretId: string | undefined): SecretRec {
  const secret = ctx.regional.secretsManager.secrets.find(
    (s) => s.Name === secretId || s.ARN === secretId || (secretId !== undefined && s.ARN.slice(0, -7) === secretId),
  );
  if (!secret) throw notFound();
  return secret;
}

function secretValue(input: { SecretString?: string; SecretBinary?: Uint8Array }): Partial<SecretVersionRec> {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    throw awsError(
      'InvalidParameterException',
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (input.SecretBinary !== undefined) return { SecretBinary: Buffer.from(input.SecretBinary).toString('base64') };
  return input.SecretString !== undefined ? { SecretString: input.SecretString } : {};
}

function getSecretValue(ctx: HandlerContext, input: GetSecretValueRequest) {
  const secret = requireSecret(ctx, input.SecretId);
  const stage = input.VersionStage ?? (input.VersionId ? undefined : 'AWSCURRENT');
  const version = secret.versions.find(
    (v) => (!input.VersionId || v.VersionId === input.VersionId) && (!stage || v.VersionStages.includes(stage)),
  );
  if (!version) {
    throw notFound(
      input.VersionId ? `secret value for VersionId: ${input.VersionId}` : `secret value for staging label: ${stage}`,
    );
  }
  return { ARN: secret.ARN, Name: secret.Name, ...version };
}

function createSecret(ctx: HandlerContext, input: CreateSecretRequest) {
  const name = input.Name ?? '';
  if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) {
    throw awsError(
      'InvalidParameterException',
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
    );
  }
  if (ctx.regional.secretsManager.secrets.some((s) => s.Name === name)) {
    throw awsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
  }
  const now = ctx.now().toISOString();
  const value = secretValue(input);
  const secret: SecretRec = {
    ARN: `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${name}-${ctx.account.newId('x', 6).slice(2)}`,
    Name: name,
    Description: input.Description,
    KmsKeyId: input.KmsKeyId,
    CreatedDate: now,
    LastChangedDate: now,
    Tags: input.Tags?.map((t) => ({ Key: t.Key!, Value: t.Value ?? '' })),
    versions: [],
  };
  let versionId: string | undefined;
  if (value.SecretString !== undefined || value.SecretBinary !== undefined) {
    versionId = input.ClientRequestToken ?? ctx.account.newUuid();
    secret.versions.push({ VersionId: versionId, ...value, VersionStages: ['AWSCURRENT'], CreatedDate: now });
  }
  ctx.regional.secretsManager.secrets.push(secret);
  return { ARN: secret.ARN, Name: secret.Name, VersionId: versionId };
}

/** Moves each label to `target`; moving AWSCURRENT turns the previous current version into AWSPREVIOUS. */
function moveStages(secret: SecretRec, target: SecretVersionRec, stages: string[]): void {
  for (const stage of stages) {
    const holder = secret.versions.find((v) => v !== target && v.VersionStages.includes(stage));
    if (holder) holder.VersionStages = holder.VersionStages.filter((s) => s !== stage);
    if (stage === 'AWSCURRENT' && holder) {
      for (const v of secret.versions) v.VersionStages = v.VersionStages.filter((s) => s !== 'AWSPREVIOUS');
      holder.VersionStages.push('AWSPREVIOUS');
    }
    if (!target.VersionStages.includes(stage)) target.VersionStages.push(stage);
  }
}

function putSecretValue(ctx: HandlerContext, input: PutSecretValueRequest) {
  const secret = requireSecret(ctx, input.SecretId);
  const value = secretValue(input);
  if (value.SecretString === undefined && value.SecretBinary === undefined) {
    throw awsError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
  }
  const existing = input.ClientRequestToken && secret.versions.find((v) => v.VersionId === input.ClientRequestToken);
  if (existing) {
    if (existing.SecretString !== value.SecretString || existing.SecretBinary !== value.SecretBinary) {
      throw awsError(
        'ResourceExistsException',
        "You can't modify an existing version, you can only create a new version.",
      );
    }
    return { ARN: secret.ARN, Name: secret.Name, VersionId: existing.VersionId, VersionStages: existing.VersionStages };
  }
  const now = ctx.now().toISOString();
  const version: SecretVersionRec = {
    VersionId: input.ClientRequestToken ?? ctx.account.newUuid(),
    ...value,
    VersionStages: [],
    CreatedDate: now,
  };
  secret.versions.push(version);
  moveStages(secret, version, input.VersionStages?.length ? input.VersionStages : ['AWSCURRENT']);
  secret.LastChangedDate = now;
  return { ARN: secret.ARN, Name: secret.Name, VersionId: version.VersionId, VersionStages: version.VersionStages };
}

export const secretHandlers: Handlers = {
  GetSecretValue: getSecretValue,
  CreateSecret: createSecret,
  PutSecretValue: putSecretValue,
};
