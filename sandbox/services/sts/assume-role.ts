// STS AssumeRole across the sandbox's accounts (the home account and sandbox/seed/accounts/*). As STS does: the
// role must exist in the target account and its trust policy must let the caller in (the caller's account root or
// its role, `sts:ExternalId` when the policy asks for one); otherwise AccessDenied, whatever the reason, so a caller
// learns nothing about the target. The session's credentials are remembered: a client that signs with them acts in
// the target account (sandbox/intercept.ts).
import type { AssumeRoleRequest } from '@aws-sdk/client-sts';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const validation = (message: string) => awsError('ValidationError', message, { status: 400 });

interface TrustStatement {
  Effect?: string;
  Principal?: { AWS?: string | string[] } | string;
  Condition?: { StringEquals?: Record<string, string> };
}

function trusts(document: string | undefined, caller: { accountId: string; arn: string }, externalId?: string) {
  if (!document) return false;
  const policy = JSON.parse(decodeURIComponent(document)) as { Statement?: TrustStatement[] };
  return (policy.Statement ?? []).some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const principal = statement.Principal;
    const aws = typeof principal === 'string' ? [principal] : [principal?.AWS ?? []].flat();
    const callerIn = aws.some(
      (entry) =>
        entry === '*' ||
        entry === caller.accountId ||
        entry === `arn:aws:iam::${caller.accountId}:root` ||
        entry === caller.arn,
    );
    const wanted = statement.Condition?.StringEquals?.['sts:ExternalId'];
    return callerIn && (wanted === undefined || wanted === externalId);
  });
}

function assumeRole(ctx: HandlerContext, input: AssumeRoleRequest) {
  const match = ROLE_ARN.exec(input.RoleArn ?? '');
  if (!match)
    throw validation(`1 validation error detected: Value '${input.RoleArn}' at 'roleArn' failed to satisfy constraint`);
  if (!SESSION_NAME.test(input.RoleSessionName ?? '')) {
    throw validation(
      `1 validation error detected: Value '${input.RoleSessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const duration = input.DurationSeconds ?? 3600;
  if (duration < 900 || duration > 43_200)
    throw validation('The requested DurationSeconds is out of range [900, 43200].');
  const [, targetAccount, roleName] = match;
  const caller = ctx.caller;
  const denied = () =>
    awsError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
      { status: 403 },
    );
  const target = ctx.account.accountView(targetAccount);
  const role = target?.global.iam.roles.find((candidate) => candidate.RoleName === roleName);
  if (!role || !trusts(role.AssumeRolePolicyDocument, caller, input.ExternalId)) throw denied();
  if (duration > (role.MaxSessionDuration ?? 3600)) {
    throw validation(`The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`);
  }
  const expiration = new Date(ctx.now().getTime() + duration * 1000);
  const accessKeyId = `ASIA${String(ctx.account.nextCounter()).padStart(16, '0')}`;
  const arn = `arn:aws:sts::${targetAccount}:assumed-role/${roleName}/${input.RoleSessionName}`;
  ctx.account.openSession(accessKeyId, { accountId: targetAccount, arn, expiration: expiration.toISOString() });
  return {
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: `sandbox-secret-${accessKeyId}`,
      SessionToken: `sandbox-session-${accessKeyId}`,
      Expiration: expiration.toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: `${role.RoleId}:${input.RoleSessionName}`, Arn: arn },
    PackedPolicySize: 0,
  };
}

export const assumeRoleHandlers: Handlers = { AssumeRole: assumeRole };
