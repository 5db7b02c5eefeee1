// The prerequisites `autopilot doctor` checks, each one AWS read (nothing is changed, no secret value is printed):
// the caller's credentials and account, what `serverless deploy` creates (reports bucket, notification topic,
// quarantine instance profile), what an operator creates once per account (the secrets the config references, a
// GuardDuty detector per configured region), and the deny-all policy name.
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

/** A check that needs the account id; `what` is known before it runs (for "not checked" lines). */
export interface Check {
  what: string;
  run: (accountId: string) => Promise<CheckResult>;
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

/** A failed read in words: missing (with the fix), not allowed (with the permission), or what AWS said. */
function failed(what: string, error: unknown, fixes: { missing: string; permission: string }): CheckResult {
  const { name, message } = error as Error;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (NOT_FOUND.has(name) || status === 404) return { ok: false, what, found: 'missing', fix: fixes.missing };
  if (DENIED.has(name) || status === 403) {
    return {
      ok: false,
      what,
      found: `not allowed to read it (${name})`,
      fix: `the credentials need ${fixes.permission}`,
    };
  }
  if (status === 301) return { ok: false, what, found: 'it is in another region', fix: fixes.missing };
  return { ok: false, what, found: awsAccessProblem(error) ?? `could not check (${name}: ${message.split('\n')[0]})` };
}

async function check(
  what: string,
  read: () => Promise<string>,
  fixes: { missing: string; permission: string },
): Promise<CheckResult> {
  try {
    return { ok: true, what, found: await read() };
  } catch (error) {
    return failed(what, error, fixes);
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

/** Every SSM parameter and Secrets Manager secret the config references ({ssmParameter} / {secretId}), once each. */
export function secretReferences(config: unknown): { ssmParameter?: string; secretId?: string }[] {
  const found = new Map<string, { ssmParameter?: string; secretId?: string }>();
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

/** The checks after the credentials one, in the order doctor prints them. */
export function stackChecks(target: DoctorTarget, accountName: string): Check[] {
  const { service, stage, home, config } = target;
  const deploy = `npx serverless deploy --stage ${stage} (the stack creates it)`;
  const topicName = `${service}-${stage}-notifications`;
  const profile = config.playbooks.containInstance.quarantineInstanceProfile;
  const denyPolicy = config.playbooks.revokeCredentials.denyPolicyName;
  const checks: Check[] = [
    {
      what: `reports bucket ${service}-${stage}-reports-${accountName}`,
      run: (account) =>
        check(
          `reports bucket ${service}-${stage}-reports-${account}`,
          async () => {
            await awsClient(S3Client, home).send(
              new HeadBucketCommand({ Bucket: `${service}-${stage}-reports-${account}` }),
            );
            return `exists in ${home}`;
          },
          { missing: deploy, permission: 's3:ListBucket on it' },
        ),
    },
    {
      what: `notification topic ${topicName}`,
      run: (account) => {
        const arn = `arn:aws:sns:${home}:${account}:${topicName}`;
        return check(
          `notification topic ${arn}`,
          async () => {
            const { Attributes } = await awsClient(SNSClient, home).send(
              new GetTopicAttributesCommand({ TopicArn: arn }),
            );
            const confirmed = Number(Attributes?.SubscriptionsConfirmed ?? 0);
            return `exists, ${confirmed} confirmed subscription(s)${confirmed ? '' : ' (subscribe the on-call address)'}`;
          },
          { missing: deploy, permission: 'sns:GetTopicAttributes on it' },
        );
      },
    },
    {
      what: `quarantine instance profile ${profile}`,
      run: () =>
        check(
          `quarantine instance profile ${profile}`,
          async () => {
            const { InstanceProfile } = await awsClient(IAMClient, home).send(
              new GetInstanceProfileCommand({ InstanceProfileName: profile }),
            );
            const roles = (InstanceProfile?.Roles ?? []).map((role) => role.RoleName).join(', ');
            return `exists (role ${roles || 'none'})`;
          },
          { missing: deploy, permission: 'iam:GetInstanceProfile on it' },
        ),
    },
    ...secretReferences(config).map(
      (ref): Check =>
        ref.ssmParameter
          ? {
              what: `SSM parameter ${ref.ssmParameter}`,
              run: () =>
                check(
                  `SSM parameter ${ref.ssmParameter}`,
                  async () => {
                    // The value is never decrypted nor printed: its existence and type are what counts.
                    const { Parameter } = await awsClient(SSMClient, home).send(
                      new GetParameterCommand({ Name: ref.ssmParameter, WithDecryption: false }),
                    );
                    return `exists in ${home} (${Parameter?.Type})`;
                  },
                  {
                    missing: `aws ssm put-parameter --type SecureString --name ${ref.ssmParameter} --value '<value>' --region ${home}`,
                    permission: 'ssm:GetParameter on it',
                  },
                ),
            }
          : {
              what: `Secrets Manager secret ${ref.secretId}`,
              run: () =>
                check(
                  `Secrets Manager secret ${ref.secretId}`,
                  async () => {
                    await awsClient(SecretsManagerClient, home).send(
                      new DescribeSecretCommand({ SecretId: ref.secretId }),
                    );
                    return `exists in ${home}`;
                  },
                  {
                    missing: `aws secretsmanager create-secret --name ${ref.secretId} --secret-string '<value>' --region ${home}`,
                    permission: 'secretsmanager:DescribeSecret on it',
                  },
                ),
            },
    ),
    {
      what: `deny-all policy name ${denyPolicy}`,
      // An inline user policy: nothing to create; revoke-credentials attaches it, restore-credentials removes exactly it.
      run: async () => {
        const valid = /^[\w+=,.@-]{1,128}$/.test(denyPolicy);
        return {
          ok: valid,
          what: `deny-all policy name ${denyPolicy}`,
          found: valid
            ? 'a valid IAM inline policy name (revoke attaches it, restore removes exactly it)'
            : 'not a valid IAM policy name',
          fix: valid ? undefined : 'set playbooks.revokeCredentials.denyPolicyName to letters, digits and +=,.@_-',
        };
      },
    },
    ...config.regions.map(
      (region): Check => ({
        what: `GuardDuty detector in ${region}`,
        run: () =>
          check(
            `GuardDuty detector in ${region}`,
            async () => {
              const { DetectorIds = [] } = await awsClient(GuardDutyClient, region).send(new ListDetectorsCommand({}));
              if (DetectorIds.length === 0) throw Object.assign(new Error('no detector'), { name: 'NotFound' });
              return `detector ${DetectorIds.join(', ')}`;
            },
            {
              missing: `aws guardduty create-detector --enable --region ${region} (an account decision; guardduty-hardening alerts until then)`,
              permission: 'guardduty:ListDetectors',
            },
          ),
      }),
    ),
  ];
  return checks;
}
