// IAM instance profile associations: Describe (association ids, instance-id and state filters), Associate, Replace
// and Disassociate. The association is kept on the instance record: its IamInstanceProfile and, once an association
// was made through the API, IamInstanceProfileAssociationId; a seeded instance's association id is derived from the
// instance and its profile, so it is stable across reads. A profile named by ARN or name must exist in IAM.
import { createHash } from 'node:crypto';
import type {
  AssociateIamInstanceProfileRequest,
  DescribeIamInstanceProfileAssociationsRequest,
  DisassociateIamInstanceProfileRequest,
  ReplaceIamInstanceProfileAssociationRequest,
} from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters } from './filters.ts';
import { requireInstance } from './resources.ts';

type InstanceRec = Ec2State['instances'][number];

/** The instance profile named by ARN or name; EC2 answers InvalidParameterValue for one that does not exist. */
function requireProfile(ctx: HandlerContext, wanted: { Arn?: string; Name?: string }) {
  const profile = ctx.state.global.iam.instanceProfiles.find((p) =>
    wanted.Arn ? p.Arn === wanted.Arn : p.InstanceProfileName === wanted.Name,
  );
  if (!profile) {
    const which = wanted.Arn ? `arn (${wanted.Arn})` : `name (${wanted.Name})`;
    throw awsError(
      'InvalidParameterValue',
      `Value ${which} for parameter iamInstanceProfile is invalid. Invalid IAM Instance Profile ${wanted.Arn ? 'ARN' : 'name'}`,
    );
  }
  return profile;
}

function associationIdOf(instance: InstanceRec): string {
  if (instance.IamInstanceProfileAssociationId) return instance.IamInstanceProfileAssociationId;
  const hex = createHash('sha256').update(`${instance.InstanceId}:${instance.IamInstanceProfile?.Arn}`).digest('hex');
  return `iip-assoc-${hex.slice(0, 17)}`;
}

function associationOf(instance: InstanceRec) {
  return {
    AssociationId: associationIdOf(instance),
    InstanceId: instance.InstanceId,
    IamInstanceProfile: { Arn: instance.IamInstanceProfile?.Arn, Id: instance.IamInstanceProfile?.Id },
    State: 'associated',
  };
}

function describeIamInstanceProfileAssociations(
  ctx: HandlerContext,
  input: DescribeIamInstanceProfileAssociationsRequest,
) {
  const all = ctx.regional.ec2.instances
    .filter((instance) => instance.IamInstanceProfile?.Arn && instance.State?.Name !== 'terminated')
    .map(associationOf);
  const selected = input.AssociationIds?.length
    ? all.filter((a) => input.AssociationIds!.includes(a.AssociationId))
    : all;
  const matching = applyFilters(
    selected,
    input.Filters,
    { 'instance-id': (a) => a.InstanceId, state: (a) => a.State },
    () => [],
  );
  return { IamInstanceProfileAssociations: matching };
}

function replaceIamInstanceProfileAssociation(ctx: HandlerContext, input: ReplaceIamInstanceProfileAssociationRequest) {
  const instance = ctx.regional.ec2.instances.find(
    (candidate) => candidate.IamInstanceProfile?.Arn && associationIdOf(candidate) === input.AssociationId,
  );
  if (!instance)
    throw awsError('InvalidAssociationID.NotFound', `An association with ID ${input.AssociationId} does not exist.`);
  const profile = requireProfile(ctx, input.IamInstanceProfile ?? {});
  instance.IamInstanceProfile = { Arn: profile.Arn, Id: profile.InstanceProfileId };
  instance.IamInstanceProfileAssociationId = ctx.account.newId('iip-assoc');
  return { IamInstanceProfileAssociation: associationOf(instance) };
}

function disassociateIamInstanceProfile(ctx: HandlerContext, input: DisassociateIamInstanceProfileRequest) {
  const instance = ctx.regional.ec2.instances.find(
    (candidate) => candidate.IamInstanceProfile?.Arn && associationIdOf(candidate) === input.AssociationId,
  );
  if (!instance)
    throw awsError('InvalidAssociationID.NotFound', `An association with ID ${input.AssociationId} does not exist.`);
  const association = { ...associationOf(instance), State: 'disassociating' };
  delete instance.IamInstanceProfile;
  delete instance.IamInstanceProfileAssociationId;
  return { IamInstanceProfileAssociation: association };
}

function associateIamInstanceProfile(ctx: HandlerContext, input: AssociateIamInstanceProfileRequest) {
  const instance = requireInstance(ctx, input.InstanceId);
  if (instance.IamInstanceProfile?.Arn) {
    throw awsError('IncorrectState', `There is an existing association for instance ${instance.InstanceId}`);
  }
  const profile = requireProfile(ctx, input.IamInstanceProfile ?? {});
  instance.IamInstanceProfile = { Arn: profile.Arn, Id: profile.InstanceProfileId };
  instance.IamInstanceProfileAssociationId = ctx.account.newId('iip-assoc');
  return { IamInstanceProfileAssociation: { ...associationOf(instance), State: 'associating' } };
}

export const iamInstanceProfileAssociationHandlers: Handlers = {
  DescribeIamInstanceProfileAssociations: describeIamInstanceProfileAssociations,
  AssociateIamInstanceProfile: associateIamInstanceProfile,
  ReplaceIamInstanceProfileAssociation: replaceIamInstanceProfileAssociation,
  DisassociateIamInstanceProfile: disassociateIamInstanceProfile,
};
