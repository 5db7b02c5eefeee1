// Who shares a role: revoking its older sessions cuts off every principal that assumed it, so the report says how
// many there are (trust policy principals and instance profiles) before anyone is surprised.
import {
  GetRolePolicyCommand,
  type IAMClient,
  ListInstanceProfilesForRoleCommand,
  NoSuchEntityException,
  type Role,
} from '@aws-sdk/client-iam';
import { decodePolicy, REVOKE_SESSIONS_POLICY, type RoleFacts, revokedBefore } from '../../shared/credentials/model.ts';

type Statement = { Effect?: string; Principal?: unknown };

/** "AWS: arn…", "Service: ec2.amazonaws.com", "Federated: …" and "*" (anyone) from a trust policy's Allow statements. */
export function trustedPrincipals(document: string | undefined): string[] {
  const policy = decodePolicy(document) as { Statement?: Statement | Statement[] } | undefined;
  const statements = Array.isArray(policy?.Statement) ? policy.Statement : policy?.Statement ? [policy.Statement] : [];
  const found = new Set<string>();
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') continue;
    const principal = statement.Principal;
    if (principal === '*') {
      found.add('*');
      continue;
    }
    if (!principal || typeof principal !== 'object') continue;
    for (const [kind, value] of Object.entries(principal as Record<string, unknown>)) {
      for (const item of Array.isArray(value) ? value : [value]) found.add(`${kind}: ${String(item)}`);
    }
  }
  return [...found].sort();
}

export async function describeRole(iam: IAMClient, role: Role): Promise<RoleFacts> {
  const roleName = role.RoleName ?? '';
  const instanceProfiles: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: roleName, Marker }));
    instanceProfiles.push(...(page.InstanceProfiles ?? []).map((profile) => profile.InstanceProfileName ?? ''));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  let existing: string | undefined;
  try {
    const policy = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: REVOKE_SESSIONS_POLICY }));
    existing = revokedBefore(policy.PolicyDocument);
  } catch (error) {
    if (!(error instanceof NoSuchEntityException)) throw error;
  }
  return {
    arn: role.Arn ?? '',
    trustedPrincipals: trustedPrincipals(role.AssumeRolePolicyDocument),
    instanceProfiles,
    ...(existing ? { revokedBefore: existing } : {}),
  };
}
