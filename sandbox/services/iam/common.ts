// What the IAM operation modules share: lookups with IAM's error codes, Marker pagination, inline policy storage.
// IAM is global: every operation reads state.global.iam whatever region the client was made for.

import { awsError } from '../../errors.ts';
import type { IamUserRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext } from '../types.ts';

/** Inline policies by name, stored as the JSON text given to Put*Policy (the state shape has no field for them). */
export type InlinePolicies = Record<string, string>;
export type UserWithPolicies = IamUserRec & { inlinePolicies?: InlinePolicies };
export type RoleRec = HandlerContext['state']['global']['iam']['roles'][number] & { inlinePolicies?: InlinePolicies };

export const noSuchEntity = (message: string) => awsError('NoSuchEntityException', message, { status: 404 });

export function requireName(value: string | undefined, parameter: string): string {
  if (!value) {
    throw awsError(
      'ValidationError',
      `1 validation error detected: Value null at '${parameter}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function requireUser(ctx: HandlerContext, userName: string | undefined): UserWithPolicies {
  const name = requireName(userName, 'userName');
  const user = ctx.state.global.iam.users.find((candidate) => candidate.UserName === name);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

export function requireRole(ctx: HandlerContext, roleName: string | undefined): RoleRec {
  const name = requireName(roleName, 'roleName');
  const role = ctx.state.global.iam.roles.find((candidate) => candidate.RoleName === name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

/** IAM pages with Marker / MaxItems (default 100) and says IsTruncated. */
export function iamPage<T>(items: T[], keyOf: (item: T) => string, input: { Marker?: string; MaxItems?: number }) {
  const page = paginate(items, keyOf, {
    token: input.Marker,
    pageSize: input.MaxItems ?? 100,
    invalidToken: () => awsError('InvalidInputException', 'Invalid Marker.'),
  });
  return { items: page.items, IsTruncated: page.nextToken !== undefined, Marker: page.nextToken };
}

/** Put{User,Role}Policy: the document must be JSON, and all inline policies of the identity fit its size quota. */
export function putInlinePolicy(
  holder: { inlinePolicies?: InlinePolicies },
  policyName: string | undefined,
  document: string | undefined,
  quota: { chars: number; what: string },
): void {
  const name = requireName(policyName, 'policyName');
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) {
    throw awsError(
      'ValidationError',
      `The specified value for policyName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`,
    );
  }
  const text = requireName(document, 'policyDocument');
  try {
    JSON.parse(text);
  } catch {
    throw awsError('MalformedPolicyDocumentException', 'Syntax errors in policy.');
  }
  const next = { ...holder.inlinePolicies, [name]: text };
  const size = Object.values(next).reduce((sum, doc) => sum + doc.replace(/\s/g, '').length, 0);
  if (size > quota.chars) {
    throw awsError('LimitExceededException', `Maximum policy size of ${quota.chars} bytes exceeded for ${quota.what}`, {
      status: 409,
    });
  }
  holder.inlinePolicies = next;
}

/** Get{User,Role}Policy answers the document URL-encoded, as IAM does. */
export function getInlinePolicy(
  holder: { inlinePolicies?: InlinePolicies },
  policyName: string | undefined,
  what: string,
) {
  const name = requireName(policyName, 'policyName');
  const document = holder.inlinePolicies?.[name];
  if (document === undefined) throw noSuchEntity(`The ${what} policy with name ${name} cannot be found.`);
  return { PolicyName: name, PolicyDocument: encodeURIComponent(document) };
}

export function deleteInlinePolicy(
  holder: { inlinePolicies?: InlinePolicies },
  policyName: string | undefined,
  what: string,
): void {
  const name = requireName(policyName, 'policyName');
  if (holder.inlinePolicies?.[name] === undefined)
    throw noSuchEntity(`The ${what} policy with name ${name} cannot be found.`);
  const { [name]: _removed, ...rest } = holder.inlinePolicies;
  holder.inlinePolicies = rest;
}
