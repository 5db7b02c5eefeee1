// IAM roles: GetRole, inline policies (Get/Put/Delete/ListRolePolicies: how AWSRevokeOlderSessions is attached) and
// ListInstanceProfilesForRole (who shares a role: every instance launched with one of its profiles).
import type {
  DeleteRolePolicyRequest,
  GetRolePolicyRequest,
  GetRoleRequest,
  ListInstanceProfilesForRoleRequest,
  ListRolePoliciesRequest,
  PutRolePolicyRequest,
} from '@aws-sdk/client-iam';
import type { HandlerContext, Handlers } from '../types.ts';
import { deleteInlinePolicy, getInlinePolicy, iamPage, putInlinePolicy, requireRole } from './common.ts';

/** Aggregate size quota of a role's inline policies (characters, whitespace not counted). */
const ROLE_INLINE_POLICY_CHARS = 10_240;

function getRole(ctx: HandlerContext, input: GetRoleRequest) {
  return { Role: requireRole(ctx, input.RoleName) };
}

function getRolePolicy(ctx: HandlerContext, input: GetRolePolicyRequest) {
  const role = requireRole(ctx, input.RoleName);
  return { RoleName: role.RoleName, ...getInlinePolicy(role, input.PolicyName, 'role') };
}

function putRolePolicy(ctx: HandlerContext, input: PutRolePolicyRequest) {
  const role = requireRole(ctx, input.RoleName);
  putInlinePolicy(role, input.PolicyName, input.PolicyDocument, {
    chars: ROLE_INLINE_POLICY_CHARS,
    what: `role ${role.RoleName}`,
  });
  return {};
}

function deleteRolePolicy(ctx: HandlerContext, input: DeleteRolePolicyRequest) {
  deleteInlinePolicy(requireRole(ctx, input.RoleName), input.PolicyName, 'role');
  return {};
}

function listRolePolicies(ctx: HandlerContext, input: ListRolePoliciesRequest) {
  const role = requireRole(ctx, input.RoleName);
  const page = iamPage(Object.keys(role.inlinePolicies ?? {}), (name) => name, input);
  return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function listInstanceProfilesForRole(ctx: HandlerContext, input: ListInstanceProfilesForRoleRequest) {
  const role = requireRole(ctx, input.RoleName);
  const profiles = ctx.state.global.iam.instanceProfiles.filter((profile) =>
    (profile.Roles ?? []).some((member) => member?.RoleName === role.RoleName),
  );
  const page = iamPage(profiles, (profile) => profile.InstanceProfileName ?? '', input);
  return { InstanceProfiles: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export const iamRoleHandlers: Handlers = {
  GetRole: getRole,
  GetRolePolicy: getRolePolicy,
  PutRolePolicy: putRolePolicy,
  DeleteRolePolicy: deleteRolePolicy,
  ListRolePolicies: listRolePolicies,
  ListInstanceProfilesForRole: listInstanceProfilesForRole,
};
