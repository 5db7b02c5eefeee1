// Secrets Manager metadata: DescribeSecret (never the value) and TagResource (tags merge by key, as AWS does).
import type { DescribeSecretRequest, TagResourceRequest } from '@aws-sdk/client-secrets-manager';
import { awsError } from '../../errors.ts';
import type { SecretRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';

/** By name, full ARN, or partial ARN (without the 6-character suffix AWS appends). */
function requireSecret(ctx: HandlerContext, secretId: string | undefined): SecretRec {
  const secret = ctx.regional.secretsManager.secrets.find(
    (s) => s.Name === secretId || s.ARN === secretId || (secretId !== undefined && s.ARN.slice(0, -7) === secretId),
  );
  if (!secret) throw awsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  return secret;
}

function describeSecret(ctx: HandlerContext, input: DescribeSecretRequest) {
  const secret = requireSecret(ctx, input.SecretId);
  return {
    ARN: secret.ARN,
    Name: secret.Name,
    Description: secret.Description,
    KmsKeyId: secret.KmsKeyId,
    CreatedDate: secret.CreatedDate,
    LastChangedDate: secret.LastChangedDate,
    Tags: secret.Tags ?? [],
    VersionIdsToStages: Object.fromEntries(
      secret.versions.map((version) => [version.VersionId, version.VersionStages]),
    ),
  };
}

function tagResource(ctx: HandlerContext, input: TagResourceRequest) {
  const secret = requireSecret(ctx, input.SecretId);
  const tags = [...(secret.Tags ?? [])];
  for (const tag of input.Tags ?? []) {
    const key = tag.Key ?? '';
    const existing = tags.find((candidate) => candidate.Key === key);
    if (existing) existing.Value = tag.Value ?? '';
    else tags.push({ Key: key, Value: tag.Value ?? '' });
  }
  if (tags.length > 50) throw awsError('ValidationException', 'Number of tags exceeds the limit of 50.');
  secret.Tags = tags;
  return {};
}

export const secretMetadataHandlers: Handlers = {
  DescribeSecret: describeSecret,
  TagResource: tagResource,
};
