// Temporary credentials cannot be deactivated; what AWS offers (IAM console "Revoke active sessions") is an inline
// policy on the role denying everything to sessions issued before a cut-off (aws:TokenIssueTime). Every principal
// that assumed the role before it loses its session and must assume the role again.
import { GetRolePolicyCommand, type IAMClient, NoSuchEntityException, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { REVOKE_SESSIONS_POLICY, revokedBefore, revokeOlderSessionsPolicy } from '../../shared/credentials/model.ts';

export interface SessionsTarget {
  roleName: string;
  roleArn: string;
  /** Sessions issued before this are revoked (the execution's start: stable across retries). */
  cutoff: string;
  /** Already revoked when an existing cut-off is at or after this (the finding's last activity). */
  coveredIfAfter: string;
  region: string;
  dryRun: boolean;
}

export interface SessionsRevocation {
  roleName: string;
  revokedBefore?: string;
  changed: boolean;
}

async function existingCutoff(iam: IAMClient, roleName: string): Promise<string | undefined> {
  try {
    const policy = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: REVOKE_SESSIONS_POLICY }));
    return revokedBefore(policy.PolicyDocument);
  } catch (error) {
    if (error instanceof NoSuchEntityException) return undefined;
    throw error;
  }
}

export async function revokeOlderSessions(
  iam: IAMClient,
  audit: AuditTrail,
  target: SessionsTarget,
): Promise<SessionsRevocation> {
  const { roleName, roleArn, cutoff, coveredIfAfter, region, dryRun } = target;
  const existing = await existingCutoff(iam, roleName);
  const action = 'iam:PutRolePolicy';
  if (existing && Date.parse(existing) >= Date.parse(coveredIfAfter)) {
    await audit.record({
      action,
      resource: roleArn,
      region,
      outcome: 'already-done',
      detail: { roleName, policyName: REVOKE_SESSIONS_POLICY, revokedBefore: existing },
    });
    return { roleName, revokedBefore: existing, changed: false };
  }
  if (!dryRun) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: REVOKE_SESSIONS_POLICY,
        PolicyDocument: revokeOlderSessionsPolicy(cutoff),
      }),
    );
  }
  await audit.record({
    action,
    resource: roleArn,
    region,
    outcome: dryRun ? 'dry-run' : 'done',
    detail: { roleName, policyName: REVOKE_SESSIONS_POLICY, revokedBefore: cutoff, previous: existing ?? null },
  });
  return { roleName, revokedBefore: dryRun ? existing : cutoff, changed: !dryRun };
}
