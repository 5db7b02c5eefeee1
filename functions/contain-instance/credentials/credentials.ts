// Step 8: the instance's credentials. Its instance profile is replaced by the configured deny-all profile, so the
// next credentials it fetches from IMDS can do nothing. Credentials it already fetched stay valid until they expire
// (hours): revoking every session of the role issued before now closes that, but hits every instance and service
// using the same role, hence opt-in (containInstance.revokeRoleSessions).
import {
  DisassociateIamInstanceProfileCommand,
  type EC2Client,
  ReplaceIamInstanceProfileAssociationCommand,
} from '@aws-sdk/client-ec2';
import { GetInstanceProfileCommand, type IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { REVOKE_SESSIONS_POLICY, revokeOlderSessionsPolicy } from '../../shared/credentials/session-policies.ts';
import type { CaseInfo } from '../../shared/instance/case.ts';
import type { InstanceEvidence } from '../../shared/instance/evidence.ts';
import { type Recorder, settleAll } from '../../shared/instance/steps.ts';

/**
 * Codes with which EC2 (or an AWS-compatible endpoint) may refuse ReplaceIamInstanceProfileAssociation for a
 * profile that does not exist. Which one it was is never guessed from the message: IAM is asked.
 */
const MAYBE_MISSING_PROFILE = new Set([
  'InvalidParameterValue',
  'InvalidParameter',
  'NoSuchEntity',
  'NoSuchEntityException',
  'InvalidIamInstanceProfile.NotFound',
]);

/** Whether the instance profile exists (IAM GetInstanceProfile; NoSuchEntity means no). */
async function profileExists(iam: IAMClient, name: string): Promise<boolean> {
  try {
    await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }));
    return true;
  } catch (error) {
    if (['NoSuchEntity', 'NoSuchEntityException'].includes((error as Error).name)) return false;
    throw error;
  }
}

export interface CredentialSettings {
  quarantineInstanceProfile: string;
  revokeRoleSessions: boolean;
}

export async function replaceCredentials(
  clients: { ec2: EC2Client; iam: IAMClient },
  theCase: CaseInfo,
  evidence: InstanceEvidence,
  settings: CredentialSettings,
  recorder: Recorder,
  now: Date,
): Promise<{ profile?: { from: string; to: string }; revokedRoles: string[] }> {
  const { instanceId, region, caseId } = theCase;
  const profile = evidence.instanceProfile;
  const planned = { action: 'ec2:ReplaceIamInstanceProfileAssociation', resource: instanceId, region };
  if (!profile) {
    recorder.note({ ...planned, outcome: 'skipped', detail: { caseId, why: 'the instance has no instance profile' } });
    return { revokedRoles: [] };
  }
  if (profile.name === settings.quarantineInstanceProfile) {
    recorder.note({ ...planned, outcome: 'already-done', detail: { caseId, profile: profile.name } });
    return { profile: { from: profile.name, to: profile.name }, revokedRoles: [] };
  }
  let to = settings.quarantineInstanceProfile;
  const swap = async () => {
    let missing = false;
    await recorder
      .act(
        { ...planned, detail: { caseId, profile: { from: profile.name, to } } },
        () =>
          clients.ec2.send(
            new ReplaceIamInstanceProfileAssociationCommand({
              AssociationId: profile.associationId,
              IamInstanceProfile: { Name: settings.quarantineInstanceProfile },
            }),
          ),
        {
          resultDetail: (result) => ({ associationId: result.IamInstanceProfileAssociation?.AssociationId }),
          alreadyDone: async (error) => {
            missing =
              MAYBE_MISSING_PROFILE.has((error as Error).name) &&
              !(await profileExists(clients.iam, settings.quarantineInstanceProfile));
            return undefined;
          },
        },
      )
      .catch(async (error) => {
        if (!missing) throw error;
        // The configured deny-all profile does not exist (a deployment fault, reported): the instance must not keep
        // its credentials meanwhile, so its profile is removed instead.
        to = '(none: profile removed, the quarantine profile is missing)';
        await recorder.act(
          {
            action: 'ec2:DisassociateIamInstanceProfile',
            resource: instanceId,
            region,
            detail: {
              caseId,
              profile: profile.name,
              why: `instance profile ${settings.quarantineInstanceProfile} does not exist`,
            },
          },
          () => clients.ec2.send(new DisassociateIamInstanceProfileCommand({ AssociationId: profile.associationId })),
        );
      });
  };
  const work: Promise<unknown>[] = [swap()];
  const revokedRoles = settings.revokeRoleSessions ? profile.roleNames : [];
  for (const roleName of revokedRoles) {
    work.push(
      recorder.act(
        {
          action: 'iam:PutRolePolicy',
          resource: roleName,
          region,
          detail: { caseId, policyName: REVOKE_SESSIONS_POLICY, revokedBefore: now.toISOString() },
        },
        () =>
          clients.iam.send(
            new PutRolePolicyCommand({
              RoleName: roleName,
              PolicyName: REVOKE_SESSIONS_POLICY,
              PolicyDocument: revokeOlderSessionsPolicy(now.toISOString()),
            }),
          ),
      ),
    );
  }
  await settleAll(work);
  return { profile: { from: profile.name, to }, revokedRoles };
}
