// The managed policies attached to a user, shared by revoke and restore (both report AWS's quarantine policies).
import { type IAMClient, ListAttachedUserPoliciesCommand } from '@aws-sdk/client-iam';
import { AWS_QUARANTINE_POLICY } from './model.ts';

export async function attachedPolicyArns(iam: IAMClient, userName: string): Promise<string[]> {
  const arns: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName, Marker }));
    arns.push(...(page.AttachedPolicies ?? []).map((policy) => policy.PolicyArn ?? ''));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return arns;
}

/** AWS's AWSCompromisedKeyQuarantine policies on the user: autopilot reports them and never detaches them. */
export async function listAwsQuarantinePolicies(iam: IAMClient, userName: string): Promise<string[]> {
  return (await attachedPolicyArns(iam, userName)).filter((arn) => AWS_QUARANTINE_POLICY.test(arn));
}
