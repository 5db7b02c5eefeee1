// Reads (never changes) the IAM principal a revoke-credentials request names and decides what to do: deactivate a
// long-term key, deny the user, revoke a role's older sessions, or only notify (samples, root, other accounts,
// exempt principals). Unknown users or roles and keys that are not the user's fail here, before any change.
import {
  type AccessKeyMetadata,
  GetLoginProfileCommand,
  GetRoleCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  type IAMClient,
  NoSuchEntityException,
  type Role,
  type User,
} from '@aws-sdk/client-iam';
import {
  DescribeSecretCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { listAccessKeys } from '../../shared/credentials/keys.ts';
import {
  isExempt,
  type KeyFacts,
  LONG_TERM_KEY,
  type RevokePlan,
  SECRET_TAG_REPLACES,
  secretNameFor,
} from '../../shared/credentials/model.ts';
import { listAwsQuarantinePolicies } from '../../shared/credentials/policies.ts';
import { InvalidInputError, ResourceNotFoundError } from '../../shared/errors/errors.ts';
import type { RevokeRequest } from './input.ts';
import { describeRole } from './role.ts';

export interface AssessClients {
  iam: IAMClient;
  secretsManager: SecretsManagerClient;
}

export interface AssessSettings {
  /** The account this playbook runs in (from the execution ARN). */
  accountId: string;
  exemptionTag: string;
  attachDenyPolicy: boolean;
  denyPolicyName: string;
  rotateGraceSeconds: number;
  replacementSecretPrefix: string;
  persistenceWindowHours: number;
  now: Date;
}

const notifyOnly = (plan: RevokePlan, reason: string): RevokePlan => ({ ...plan, kind: 'notify-only', reason });

async function getUser(iam: IAMClient, userName: string): Promise<User> {
  try {
    const { User: user } = await iam.send(new GetUserCommand({ UserName: userName }));
    if (!user) throw new ResourceNotFoundError(`IAM user "${userName}" does not exist in this account`);
    return user;
  } catch (error) {
    if (error instanceof NoSuchEntityException) {
      throw new ResourceNotFoundError(`IAM user "${userName}" does not exist in this account`);
    }
    throw error;
  }
}

async function exists(probe: () => Promise<unknown>): Promise<unknown> {
  try {
    return await probe();
  } catch (error) {
    if (error instanceof NoSuchEntityException || error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** A key that is no longer the user's may have been rotated away by an earlier run of this playbook. */
async function rotatedEarlier(
  secrets: SecretsManagerClient,
  secretName: string,
  accessKeyId: string,
): Promise<boolean> {
  const secret = (await exists(() => secrets.send(new DescribeSecretCommand({ SecretId: secretName })))) as
    | { Tags?: { Key?: string; Value?: string }[] }
    | undefined;
  return secret?.Tags?.some((tag) => tag.Key === SECRET_TAG_REPLACES && tag.Value === accessKeyId) ?? false;
}

/** Shortly before or during the finding's activity (by hand: the last hours): what an attacker would have created. */
interface Window {
  start: number;
  end: number;
}

function persistenceWindow(request: RevokeRequest, settings: AssessSettings): Window {
  const margin = settings.persistenceWindowHours * 3_600_000;
  const now = settings.now.getTime();
  const first = Date.parse(request.finding?.firstSeen ?? '') || now;
  const last = Date.parse(request.finding?.lastSeen ?? '') || now;
  return { start: first - margin, end: Math.max(last, first) + margin };
}

const within = (time: Date | undefined, window: Window) =>
  time !== undefined && time.getTime() >= window.start && time.getTime() <= window.end;

function keyFacts(key: AccessKeyMetadata, window: Window): KeyFacts {
  const created = key.CreateDate ? new Date(key.CreateDate) : undefined;
  return {
    accessKeyId: key.AccessKeyId ?? '',
    status: key.Status ?? 'Unknown',
    createDate: created?.toISOString(),
    recent: within(created, window),
  };
}

async function assessUser(
  request: RevokeRequest & { principal: { userType: 'IAMUser' } },
  base: RevokePlan,
  clients: AssessClients,
  settings: AssessSettings,
): Promise<RevokePlan> {
  const { userName, accessKeyId } = request.principal;
  const user = await getUser(clients.iam, userName);
  const plan: RevokePlan = { ...base, userName, userArn: user.Arn, accessKeyId };
  if (isExempt(user.Tags, settings.exemptionTag, settings.now)) {
    return notifyOnly(plan, `user ${userName} carries the exemption tag ${settings.exemptionTag}: nothing revoked`);
  }
  const window = persistenceWindow(request, settings);
  const keys = (await listAccessKeys(clients.iam, userName)).map((key) => keyFacts(key, window));
  const longTerm = accessKeyId !== undefined && LONG_TERM_KEY.test(accessKeyId);
  const key = keys.find((candidate) => candidate.accessKeyId === accessKeyId);
  let alreadyRotated = false;
  if (longTerm && !key) {
    alreadyRotated = await rotatedEarlier(
      clients.secretsManager,
      secretNameFor(settings.replacementSecretPrefix, userName),
      accessKeyId,
    );
    if (!alreadyRotated) {
      const theirs = keys.map((k) => k.accessKeyId).join(', ') || 'none';
      throw new InvalidInputError(
        `access key ${accessKeyId} does not belong to IAM user ${userName} (the user's keys: ${theirs})`,
      );
    }
  }
  const denyPolicyPresent = Boolean(
    await exists(() =>
      clients.iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: settings.denyPolicyName })),
    ),
  );
  const awsQuarantinePolicies = await listAwsQuarantinePolicies(clients.iam, userName);
  const profile = (await exists(() => clients.iam.send(new GetLoginProfileCommand({ UserName: userName })))) as
    | { LoginProfile?: { CreateDate?: Date } }
    | undefined;
  const profileCreated = profile?.LoginProfile?.CreateDate ? new Date(profile.LoginProfile.CreateDate) : undefined;
  const loginProfile = profile
    ? { createDate: profileCreated?.toISOString(), recent: within(profileCreated, window) }
    : undefined;
  const persistenceSuspects = [
    ...keys
      .filter((k) => k.recent && k.accessKeyId !== accessKeyId)
      .map((k) => `access key ${k.accessKeyId} (${k.status}) created ${k.createDate}`),
    ...(loginProfile?.recent ? [`console password (login profile) created ${loginProfile.createDate}`] : []),
  ];
  const kind = longTerm ? 'user-key' : 'user-deny';
  const described: RevokePlan = {
    ...plan,
    kind,
    key,
    otherKeys: keys.filter((k) => k.accessKeyId !== accessKeyId),
    loginProfile,
    persistenceSuspects,
    denyPolicyPresent,
    awsQuarantinePolicies,
    alreadyRotated,
  };
  if (alreadyRotated) return described;
  if (kind === 'user-deny' && !settings.attachDenyPolicy) {
    return notifyOnly(
      described,
      `no long-term key to deactivate (${accessKeyId ?? 'none named'}) and attachDenyPolicy is off: nothing autopilot can revoke`,
    );
  }
  const rotate = kind === 'user-key' && request.mode === 'rotate';
  return {
    ...described,
    steps: {
      deactivateKey: kind === 'user-key',
      attachDenyPolicy: settings.attachDenyPolicy,
      rotate,
      revokeSessions: false,
    },
    graceSeconds: rotate && !request.dryRun ? settings.rotateGraceSeconds : 0,
  };
}

function roleCannotBeRevoked(role: Role): string | undefined {
  if (role.Path?.startsWith('/aws-service-role/'))
    return 'AWS does not allow revoking the sessions of a service-linked role';
  if (role.RoleName?.startsWith('AWSReservedSSO_')) {
    return 'an IAM Identity Center role: revoke the permission set sessions in IAM Identity Center';
  }
  return undefined;
}

async function assessRole(
  request: RevokeRequest & { principal: { userType: 'AssumedRole' } },
  base: RevokePlan,
  iam: IAMClient,
  settings: AssessSettings,
): Promise<RevokePlan> {
  const { roleName, accessKeyId } = request.principal;
  const role = await exists(() => iam.send(new GetRoleCommand({ RoleName: roleName })));
  const found = (role as { Role?: Role } | undefined)?.Role;
  if (!found) throw new ResourceNotFoundError(`IAM role "${roleName}" does not exist in this account`);
  const plan: RevokePlan = { ...base, roleName, accessKeyId, role: await describeRole(iam, found) };
  if (isExempt(found.Tags, settings.exemptionTag, settings.now)) {
    return notifyOnly(plan, `role ${roleName} carries the exemption tag ${settings.exemptionTag}: nothing revoked`);
  }
  const refusal = roleCannotBeRevoked(found);
  if (refusal) return notifyOnly(plan, `role ${roleName} is ${refusal}`);
  return { ...plan, kind: 'role-sessions', steps: { ...plan.steps, revokeSessions: true } };
}

export async function assess(
  request: RevokeRequest,
  clients: AssessClients,
  settings: AssessSettings,
): Promise<RevokePlan> {
  const base: RevokePlan = {
    kind: 'notify-only',
    dryRun: request.dryRun,
    mode: request.mode,
    source: request.source,
    finding: request.finding,
    lastSeen: request.finding?.lastSeen ?? null,
    accountId: settings.accountId,
    userType: request.principal.userType,
    otherKeys: [],
    persistenceSuspects: [],
    denyPolicyPresent: false,
    awsQuarantinePolicies: [],
    steps: { deactivateKey: false, attachDenyPolicy: false, rotate: false, revokeSessions: false },
    graceSeconds: 0,
  };
  const { principal, finding } = request;
  if (finding?.sample) return notifyOnly(base, 'a GuardDuty sample finding (CreateSampleFindings): nothing to revoke');
  if (finding && finding.accountId !== settings.accountId) {
    return notifyOnly(base, `the finding is about account ${finding.accountId}, not ${settings.accountId}`);
  }
  switch (principal.userType) {
    case 'Root':
      return notifyOnly(
        { ...base, userType: 'Root' },
        'root credentials: IAM policies cannot restrict the root user; a human must rotate the root password and keys and check MFA',
      );
    case 'Other':
      return notifyOnly(
        { ...base, userType: principal.actualType },
        `GuardDuty names a ${principal.actualType} principal${principal.name ? ` (${principal.name})` : ''}; autopilot revokes IAM user keys and role sessions only`,
      );
    case 'IAMUser':
      return assessUser({ ...request, principal }, base, clients, settings);
    case 'AssumedRole':
      return assessRole({ ...request, principal }, base, clients.iam, settings);
  }
}
