// Checks a restore-credentials request against the account before anything changes: the user exists, the key is
// the user's, and what is there to undo (an inactive key, our deny-all policy). AWS quarantine policies are listed
// so the report can say they stay.
import { GetUserCommand, GetUserPolicyCommand, type IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import * as z from 'zod';
import { listAccessKeys } from '../../shared/credentials/keys.ts';
import { ACCESS_KEY_ID, IAM_NAME, LONG_TERM_KEY } from '../../shared/credentials/model.ts';
import { listAwsQuarantinePolicies } from '../../shared/credentials/policies.ts';
import { InvalidInputError, ResourceNotFoundError } from '../../shared/errors/errors.ts';

export const RestoreRequest = z.strictObject({
  userName: z.string().regex(IAM_NAME, 'an IAM user name'),
  accessKeyId: z
    .string()
    .regex(ACCESS_KEY_ID, 'an access key id (AKIA…)')
    .refine((id) => LONG_TERM_KEY.test(id), 'only long-term keys (AKIA…) can be re-enabled')
    .optional(),
  /** Remove the deny-all policy revoke-credentials attached (default true). */
  removeDenyPolicy: z.boolean().default(true),
  dryRun: z.boolean().default(false),
  /** The user's account (a configured member account, acted in through its member role); default home. */
  accountId: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .optional(),
});
export type RestoreRequest = z.infer<typeof RestoreRequest>;

export interface RestorePlan {
  dryRun: boolean;
  /** The account the user is in (the home account when the request named none). */
  accountId?: string;
  userName: string;
  userArn: string;
  accessKeyId?: string;
  keyStatus?: string;
  denyPolicyName: string;
  denyPolicyPresent: boolean;
  awsQuarantinePolicies: string[];
  steps: { enableKey: boolean; removeDenyPolicy: boolean };
}

async function missingAs<T>(probe: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await probe();
  } catch (error) {
    if (error instanceof NoSuchEntityException) return fallback;
    throw error;
  }
}

export async function checkRestore(
  iam: IAMClient,
  request: RestoreRequest,
  denyPolicyName: string,
): Promise<RestorePlan> {
  const { userName, accessKeyId, removeDenyPolicy, dryRun } = request;
  if (!accessKeyId && !removeDenyPolicy) {
    throw new InvalidInputError('input: nothing to restore: name an accessKeyId and/or leave removeDenyPolicy true');
  }
  const user = await missingAs(
    async () => (await iam.send(new GetUserCommand({ UserName: userName }))).User,
    undefined,
  );
  if (!user) throw new ResourceNotFoundError(`IAM user "${userName}" does not exist in this account`);
  let keyStatus: string | undefined;
  if (accessKeyId) {
    const keys = await listAccessKeys(iam, userName);
    const key = keys.find((candidate) => candidate.AccessKeyId === accessKeyId);
    if (!key) {
      const theirs = keys.map((k) => k.AccessKeyId).join(', ') || 'none';
      throw new InvalidInputError(
        `access key ${accessKeyId} does not belong to IAM user ${userName} (the user's keys: ${theirs})`,
      );
    }
    keyStatus = key.Status;
  }
  const denyPolicyPresent = await missingAs(
    async () => Boolean(await iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: denyPolicyName }))),
    false,
  );
  return {
    dryRun,
    ...(request.accountId ? { accountId: request.accountId } : {}),
    userName,
    userArn: user.Arn ?? '',
    accessKeyId,
    keyStatus,
    denyPolicyName,
    denyPolicyPresent,
    awsQuarantinePolicies: await listAwsQuarantinePolicies(iam, userName),
    steps: { enableKey: Boolean(accessKeyId), removeDenyPolicy },
  };
}
