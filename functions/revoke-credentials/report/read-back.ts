// What a revocation really changed, read back from IAM and compared with the assessment's before-state. A step can
// change IAM and then fail before its audit record is written (PutEvents throttled, the Lambda timed out); its retry
// then finds the change "already done". The report must neither say "nothing changed" nor call the run's own change
// pre-existing. Each change found is listed as verified by reading back.
import { GetRolePolicyCommand, GetUserPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { ActionInput } from '../../shared/audit/audit.ts';
import { listAccessKeys } from '../../shared/credentials/keys.ts';
import { REVOKE_SESSIONS_POLICY, type RevokePlan } from '../../shared/credentials/model.ts';

const isMissing = (error: unknown) => (error as Error).name === 'NoSuchEntityException';

async function policyPresent(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

const verified = (action: string, resource: string, region: string, what: string): ActionInput => ({
  action,
  resource,
  region,
  outcome: 'done',
  detail: { verified: `read back: ${what}` },
});

/**
 * The changes a run made to the plan's principal, from IAM's current state against `plan` (ListAccessKeys,
 * GetUserPolicy, GetRolePolicy). Throws what IAM throws (the caller reports an unverifiable state as such).
 */
export async function changesReadBack(
  iam: IAMClient,
  plan: RevokePlan,
  denyPolicyName: string,
  region: string,
): Promise<ActionInput[]> {
  const found: ActionInput[] = [];
  if (plan.userName) {
    const keys = await listAccessKeys(iam, plan.userName);
    const compromised = plan.key && keys.find((key) => key.AccessKeyId === plan.key?.accessKeyId);
    if (plan.key && !compromised) {
      found.push(verified('iam:DeleteAccessKey', plan.key.accessKeyId, region, 'the key no longer exists'));
    } else if (plan.key?.status === 'Active' && compromised?.Status === 'Inactive') {
      found.push(verified('iam:UpdateAccessKey', plan.key.accessKeyId, region, 'the key is Inactive'));
    }
    const known = new Set([plan.key?.accessKeyId, ...plan.otherKeys.map((key) => key.accessKeyId)]);
    for (const key of keys.filter((candidate) => !known.has(candidate.AccessKeyId))) {
      found.push(verified('iam:CreateAccessKey', key.AccessKeyId ?? '', region, `a new key ${key.AccessKeyId}`));
    }
    const userName = plan.userName;
    const denied = await policyPresent(() =>
      iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: denyPolicyName })),
    );
    if (denied && !plan.denyPolicyPresent) {
      found.push(verified('iam:PutUserPolicy', plan.userArn ?? userName, region, `${denyPolicyName} is attached`));
    }
  }
  if (plan.roleName && plan.role) {
    const roleName = plan.roleName;
    const present = await policyPresent(() =>
      iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: REVOKE_SESSIONS_POLICY })),
    );
    if (present && !plan.role.revokedBefore) {
      found.push(verified('iam:PutRolePolicy', plan.role.arn, region, `${REVOKE_SESSIONS_POLICY} is attached`));
    }
  }
  return found;
}
