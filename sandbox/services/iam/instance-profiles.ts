// IAM instance profiles: GetInstanceProfile (which role an instance's profile carries; containment reads it to know
// whose sessions it would revoke).
import type { GetInstanceProfileRequest } from '@aws-sdk/client-iam';
import type { HandlerContext, Handlers } from '../types.ts';
import { noSuchEntity, requireName } from './common.ts';

function getInstanceProfile(ctx: HandlerContext, input: GetInstanceProfileRequest) {
  const name = requireName(input.InstanceProfileName, 'instanceProfileName');
  const profile = ctx.state.global.iam.instanceProfiles.find((candidate) => candidate.InstanceProfileName === name);
  if (!profile) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  const roles = (profile.Roles ?? []).map(
    (member) => ctx.state.global.iam.roles.find((role) => role.RoleName === member?.RoleName) ?? member,
  );
  return { InstanceProfile: { ...profile, Roles: roles } };
}

export const instanceProfileHandlers: Handlers = {
  GetInstanceProfile: getInstanceProfile,
};
