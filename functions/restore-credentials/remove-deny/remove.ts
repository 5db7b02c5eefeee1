// Removes exactly the inline deny-all policy revoke-credentials attached (by its configured name). Managed policies,
// AWS's quarantine policies among them, are never touched.
import {
  DeleteUserPolicyCommand,
  GetUserPolicyCommand,
  type IAMClient,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import type { AuditTrail } from '../../shared/audit/audit.ts';

export interface RemoveTarget {
  userName: string;
  userArn: string;
  policyName: string;
  region: string;
  dryRun: boolean;
}

async function present(iam: IAMClient, userName: string, policyName: string): Promise<boolean> {
  try {
    await iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: policyName }));
    return true;
  } catch (error) {
    if (error instanceof NoSuchEntityException) return false;
    throw error;
  }
}

export async function removeDenyPolicy(iam: IAMClient, audit: AuditTrail, target: RemoveTarget) {
  const { userName, userArn, policyName, region, dryRun } = target;
  const action = 'iam:DeleteUserPolicy';
  const detail = { userName, policyName };
  if (!(await present(iam, userName, policyName))) {
    await audit.record({ action, resource: userArn, region, outcome: 'already-done', detail });
    return { policyName, removed: false };
  }
  if (!dryRun) {
    try {
      await iam.send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName: policyName }));
    } catch (error) {
      // Deleted between our read and our delete (a concurrent restore): the outcome we wanted.
      if (!(error instanceof NoSuchEntityException)) throw error;
    }
  }
  await audit.record({ action, resource: userArn, region, outcome: dryRun ? 'dry-run' : 'done', detail });
  return { policyName, removed: !dryRun };
}
