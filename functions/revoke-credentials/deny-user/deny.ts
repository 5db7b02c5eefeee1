// Attaches the inline deny-all policy to the user: an explicit deny beats every allow, so the user's console
// password, its other keys and any temporary credentials it minted stop working too. AWS-attached quarantine
// policies (AWSCompromisedKeyQuarantine*) are managed policies and stay as they are.
import { GetUserPolicyCommand, type IAMClient, NoSuchEntityException, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { decodePolicy, denyAllPolicy } from '../../shared/credentials/model.ts';

export interface DenyTarget {
  userName: string;
  userArn: string;
  policyName: string;
  region: string;
  dryRun: boolean;
}

export async function currentUserPolicy(
  iam: IAMClient,
  userName: string,
  policyName: string,
): Promise<string | undefined> {
  try {
    const policy = await iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: policyName }));
    return policy.PolicyDocument;
  } catch (error) {
    if (error instanceof NoSuchEntityException) return undefined;
    throw error;
  }
}

export async function attachDenyPolicy(iam: IAMClient, audit: AuditTrail, target: DenyTarget) {
  const { userName, userArn, policyName, region, dryRun } = target;
  const wanted = denyAllPolicy();
  const existing = await currentUserPolicy(iam, userName, policyName);
  const action = 'iam:PutUserPolicy';
  const detail = { userName, policyName };
  if (existing !== undefined && JSON.stringify(decodePolicy(existing)) === JSON.stringify(JSON.parse(wanted))) {
    await audit.record({ action, resource: userArn, region, outcome: 'already-done', detail });
    return { policyName, attached: true, changed: false };
  }
  if (!dryRun) {
    await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: policyName, PolicyDocument: wanted }));
  }
  await audit.record({
    action,
    resource: userArn,
    region,
    outcome: dryRun ? 'dry-run' : 'done',
    detail: { ...detail, ...(existing !== undefined ? { replaced: 'a different document under the same name' } : {}) },
  });
  return { policyName, attached: !dryRun, changed: !dryRun };
}
