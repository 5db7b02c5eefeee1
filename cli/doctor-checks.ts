// The prerequisites `autopilot doctor` checks, each one AWS read (nothing is changed, no secret value is printed):
// the caller's credentials and account, what `serverless deploy` creates (reports bucket, notification topic,
// quarantine instance profile), what an operator creates once per account (the secrets the config references, a
// GuardDuty detector per configured region), and the deny-all policy name (config, no AWS call).
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetInstanceProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Config } from '../functions/playbooks.ts';
import { awsClient } from '../functions/shared/aws/clients.ts';
import { awsAccessProblem } from './errors.ts';

export interface CheckResult {
  ok: boolean;
  /** What was checked: `reports bucket idp-autopilot-dev-reports-123456789012`. */
  what: string;
  /** What was found. */
  found: string;
  /** How to make a failed check pass. */
  fix?: string;
}

export interface DoctorTarget {
  service: string;
  stage: string;
  /** The stack's home region (reports, notifications, secrets). */
  home: string;
  config: Config;
}

/** One prerequisite: how to read it, and how to create it (or be allowed to read it) when that fails. */
export interface Check {
  /** What is checked, for the report; names that carry the account id get it filled in. */
  what: (account: string) => string;
  /** Resolves to what was found; throws (the AWS error) when it is not there. */
  read: (account: string) => Promise<string>;
  fixes: { missing: string; permission: string };
}

const NOT_FOUND = new Set([
  'NotFound',
  'NoSuchBucket',
  'NotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'ParameterNotFound',
  'ResourceNotFoundException',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'AuthorizationError', 'AuthorizationErrorException']);

/** Runs one check: found, missing (with the fix), not allowed (with the permission), or what AWS said. */
export async function runCheck(check: Check, account: string): Promise<CheckResult> {
  const what = check.what(account);
  try {
    return { ok: true, what, found: await check.read(account) };
  } catch (error) {
    const { name, message } = error as Error;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (NOT_FOUND.has(name) || status === 404) return { ok: false, what, found: 'missing', fix: check.fixes.missing };
    if (DENIED.has(name) || status === 403) {
      const found = `not allowed to read it (${name})`;
      return { ok: false, what, found, fix: `the credentials need ${check.fixes.permission}` };
    }
    if (status === 301) return { ok: false, what, found: 'it is in another region', fix: check.fixes.missing };
    const found = awsAccessProblem(error) ?? `could not check (${name}: ${message.split('\n')[0]})`;
    return { ok: false, what, found };
  }
}

/** The caller behind the credentials, or why there is none. */
export async function checkCredentials(home: string): Promise<CheckResult & { accountId?: string }> {
  try {
    const identity = await awsClient(STSClient, home).send(new GetCallerIdentityCommand({}));
    return {
      ok: true,
      what: 'credentials',
      found: `${identity.Arn} (account ${identity.Account})`,
      accountId: identity.Account,
    };
  } catch (error) {
    const problem = awsAccessProblem(error);
    const { name, message } = error as Error;
    return { ok: false, what: 'credentials', found: problem ?? `STS GetCallerIdentity failed (${name}: ${message})` };
  }
}

type SecretReference = { ssmParameter?: string; secretId?: string };

/** Every SSM parameter and Secrets Manager secret the config references ({ssmParameter} / {secretId}), once each. */
export function secretReferences(config: unknown): SecretReference[] {
  const found = new Map<string, SecretReference>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value && typeof value === 'object') {
      const ref = value as { ssmParameter?: unknown; secretId?: unknown };
      if (typeof ref.ssmParameter === 'string')
        found.set(`ssm:${ref.ssmParameter}`, { ssmParameter: ref.ssmParameter });
      else if (typeof ref.secretId === 'string') found.set(`sm:${ref.secretId}`, { secretId: ref.secretId });
      else for (const item of Object.values(value)) visit(item);
    }
  };
  visit(config);
  return [...found.values()];
}

const notFound = (message: string) => Object.assign(new Error(message), { name: 'NotFound' });

function secretCheck(home: string, { ssmParameter, secretId }: SecretReference): Check {
  if (ssmParameter) {
    return {
      what: () => `SSM parameter ${ssmParameter}`,
      read: async () => {
        // Never decrypted, never printed: that it exists, and its type, is what counts.
        const { Parameter } = await awsClient(SSMClient, home).send(
          new GetParameterCommand({ Name: ssmParameter, WithDecryption: false }),
        );
        return `exists in ${home} (${Parameter?.Type})`;
      },
      fixes: {
        missing: `aws ssm put-parameter --type SecureString --name ${ssmParameter} --value '<value>' --region ${home}`,
        permission: 'ssm:GetParameter on it',
      },
    };
  }
  return {
    what: () => `Secrets Manager secret ${secretId}`,
    read: async () => {
      await awsClient(SecretsManagerClient, home).send(new DescribeSecretCommand({ SecretId: secretId }));
      return `exists in ${home}`;
    },
    fixes: {
      missing: `aws secretsmanager create-secret --name ${secretId} --secret-string '<value>' --region ${home}`,
      permission: 'secretsmanager:DescribeSecret on it',
    },
  };
}

function detectorCheck(region: string): Check {
  return {
    what: () => `GuardDuty detector in ${region}`,
    read: async () => {
      const { DetectorIds = [] } = await awsClient(GuardDutyClient, region).send(new ListDetectorsCommand({}));
      if (DetectorIds.length === 0) throw notFound('no detector');
      return `detector ${DetectorIds.join(', ')}`;
    },
    fixes: {
      missing: `aws guardduty create-detector --enable --region ${region} (an account decision; guardduty-hardening alerts until then)`,
      permission: 'guardduty:ListDetectors',
    },
  };
}

/** The checks after the credentials one, in the order doctor prints them. */
export function stackChecks({ service, stage, home, config }: DoctorTarget): Check[] {
  const deploy = `npx serverless deploy --stage ${stage} (the stack creates it)`;
  const bucket = (account: string) => `${service}-${stage}-reports-${account}`;
  const topic = (account: string) => `arn:aws:sns:${home}:${account}:${service}-${stage}-notifications`;
  const profile = config.playbooks.containInstance.quarantineInstanceProfile;
  const denyPolicy = config.playbooks.revokeCredentials.denyPolicyName;
  return [
    {
      what: (account) => `reports bucket ${bucket(account)}`,
      read: async (account) => {
        await awsClient(S3Client, home).send(new HeadBucketCommand({ Bucket: bucket(account) }));
        return `exists in ${home}`;
      },
      fixes: { missing: deploy, permission: 's3:ListBucket on it' },
    },
    {
      what: (account) => `notification topic ${topic(account)}`,
      read: async (account) => {
        const { Attributes } = await awsClient(SNSClient, home).send(
          new GetTopicAttributesCommand({ TopicArn: topic(account) }),
        );
        const confirmed = Number(Attributes?.SubscriptionsConfirmed ?? 0);
        return `exists, ${confirmed} confirmed subscription(s)${confirmed ? '' : ' (subscribe the on-call address)'}`;
      },
      fixes: { missing: deploy, permission: 'sns:GetTopicAttributes on it' },
    },
    {
      what: () => `quarantine instance profile ${profile}`,
      read: async () => {
        const { InstanceProfile } = await awsClient(IAMClient, home).send(
          new GetInstanceProfileCommand({ InstanceProfileName: profile }),
        );
        return `exists (role ${(InstanceProfile?.Roles ?? []).map((role) => role.RoleName).join(', ') || 'none'})`;
      },
      fixes: { missing: deploy, permission: 'iam:GetInstanceProfile on it' },
    },
    ...secretReferences(config).map((reference) => secretCheck(home, reference)),
    {
      // An inline user policy: nothing in the account to look at, only a name IAM must accept (config checks it too).
      what: () => `deny-all policy name ${denyPolicy}`,
      read: async () =>
        'a valid IAM inline policy name (revoke-credentials attaches it, restore-credentials removes exactly it)',
      fixes: { missing: '', permission: '' },
    },
    ...config.regions.map(detectorCheck),
  ];
}
