// IAM users: GetUser, access keys (List/Create/Update/Delete, at most two per user), the console password
// (GetLoginProfile), attached managed policies and inline policies (Get/Put/Delete/ListUserPolicies).
import type {
  CreateAccessKeyRequest,
  DeleteAccessKeyRequest,
  DeleteUserPolicyRequest,
  GetLoginProfileRequest,
  GetUserPolicyRequest,
  GetUserRequest,
  ListAccessKeysRequest,
  ListAttachedUserPoliciesRequest,
  ListUserPoliciesRequest,
  PutUserPolicyRequest,
  UpdateAccessKeyRequest,
} from '@aws-sdk/client-iam';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import {
  deleteInlinePolicy,
  getInlinePolicy,
  iamPage,
  noSuchEntity,
  putInlinePolicy,
  requireName,
  requireUser,
  type UserWithPolicies,
} from './common.ts';

const ACCESS_KEYS_PER_USER = 2;
/** Aggregate size quota of a user's inline policies (characters, whitespace not counted). */
const USER_INLINE_POLICY_CHARS = 2048;

function requireKey(user: UserWithPolicies, accessKeyId: string | undefined) {
  const id = requireName(accessKeyId, 'accessKeyId');
  const key = user.accessKeys.find((candidate) => candidate.AccessKeyId === id);
  if (!key) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  return key;
}

function getUser(ctx: HandlerContext, input: GetUserRequest) {
  return { User: requireUser(ctx, input.UserName) };
}

function listAccessKeys(ctx: HandlerContext, input: ListAccessKeysRequest) {
  const user = requireUser(ctx, input.UserName);
  const page = iamPage(user.accessKeys, (key) => key.AccessKeyId ?? '', input);
  const AccessKeyMetadata = page.items.map(({ AccessKeyId, Status, CreateDate }) => ({
    UserName: user.UserName,
    AccessKeyId,
    Status,
    CreateDate,
  }));
  return { AccessKeyMetadata, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function createAccessKey(ctx: HandlerContext, input: CreateAccessKeyRequest) {
  const user = requireUser(ctx, input.UserName);
  if (user.accessKeys.length >= ACCESS_KEYS_PER_USER) {
    throw awsError('LimitExceededException', `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`, {
      status: 409,
    });
  }
  const key = {
    UserName: user.UserName,
    AccessKeyId: `AKIA${ctx.account.newId('k', 16).slice(2).toUpperCase()}`,
    Status: 'Active' as const,
    CreateDate: ctx.now().toISOString(),
  };
  user.accessKeys.push(key);
  // The secret half exists only in this answer, as with AWS.
  return { AccessKey: { ...key, SecretAccessKey: ctx.account.newId('s', 40).slice(2) } };
}

function updateAccessKey(ctx: HandlerContext, input: UpdateAccessKeyRequest) {
  const user = requireUser(ctx, input.UserName);
  const key = requireKey(user, input.AccessKeyId);
  if (input.Status !== 'Active' && input.Status !== 'Inactive') {
    throw awsError(
      'ValidationError',
      `Value '${input.Status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
    );
  }
  key.Status = input.Status;
  return {};
}

function deleteAccessKey(ctx: HandlerContext, input: DeleteAccessKeyRequest) {
  const user = requireUser(ctx, input.UserName);
  const key = requireKey(user, input.AccessKeyId);
  user.accessKeys = user.accessKeys.filter((candidate) => candidate !== key);
  return {};
}

function getLoginProfile(ctx: HandlerContext, input: GetLoginProfileRequest) {
  const user = requireUser(ctx, input.UserName);
  if (!user.loginProfile) throw noSuchEntity(`Login Profile for User ${user.UserName} cannot be found.`);
  return { LoginProfile: { ...user.loginProfile, UserName: user.UserName } };
}

function listAttachedUserPolicies(ctx: HandlerContext, input: ListAttachedUserPoliciesRequest) {
  const user = requireUser(ctx, input.UserName);
  const page = iamPage(user.attachedPolicyArns, (arn) => arn, input);
  const AttachedPolicies = page.items.map((arn) => ({
    PolicyArn: arn,
    PolicyName: arn.slice(arn.lastIndexOf('/') + 1),
  }));
  return { AttachedPolicies, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function getUserPolicy(ctx: HandlerContext, input: GetUserPolicyRequest) {
  const user = requireUser(ctx, input.UserName);
  return { UserName: user.UserName, ...getInlinePolicy(user, input.PolicyName, 'user') };
}

function putUserPolicy(ctx: HandlerContext, input: PutUserPolicyRequest) {
  const user = requireUser(ctx, input.UserName);
  putInlinePolicy(user, input.PolicyName, input.PolicyDocument, {
    chars: USER_INLINE_POLICY_CHARS,
    what: `user ${user.UserName}`,
  });
  return {};
}

function deleteUserPolicy(ctx: HandlerContext, input: DeleteUserPolicyRequest) {
  deleteInlinePolicy(requireUser(ctx, input.UserName), input.PolicyName, 'user');
  return {};
}

function listUserPolicies(ctx: HandlerContext, input: ListUserPoliciesRequest) {
  const user = requireUser(ctx, input.UserName);
  const page = iamPage(Object.keys(user.inlinePolicies ?? {}), (name) => name, input);
  return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export const iamUserHandlers: Handlers = {
  GetUser: getUser,
  ListAccessKeys: listAccessKeys,
  CreateAccessKey: createAccessKey,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
  GetLoginProfile: getLoginProfile,
  ListAttachedUserPolicies: listAttachedUserPolicies,
  GetUserPolicy: getUserPolicy,
  PutUserPolicy: putUserPolicy,
  DeleteUserPolicy: deleteUserPolicy,
  ListUserPolicies: listUserPolicies,
};
