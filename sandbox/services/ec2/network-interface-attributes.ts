// Network interface attributes: ModifyNetworkInterfaceAttribute (security groups, source/dest check, description).
// A change is written to the ENI and to the instance it is attached to (attached-enis.ts); the instance's
// SecurityGroups are the union of its ENIs' groups, and its SourceDestCheck is its primary ENI's.
import type { ModifyNetworkInterfaceAttributeRequest } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { attachedInstance, setEni } from './attached-enis.ts';
import { requireByIds, requireResource } from './resources.ts';

type InstanceRec = Ec2State['instances'][number];
type EniRec = Ec2State['networkInterfaces'][number];

/** Sets an ENI's security groups (all in its VPC); also ModifyInstanceAttribute Groups on the primary ENI. */
export function setGroups(
  ctx: HandlerContext,
  instance: InstanceRec | undefined,
  eni: EniRec,
  groupIds: string[],
): void {
  if (groupIds.length === 0) throw awsError('InvalidParameterValue', 'At least one security group must be specified');
  const groups = requireByIds<Ec2State['securityGroups'][number]>(ctx, 'securityGroups', groupIds);
  const foreign = groups.find((group) => group.VpcId !== eni.VpcId);
  if (foreign) {
    throw awsError(
      'InvalidGroup.NotFound',
      `You have specified two resources that belong to different networks (${foreign.GroupId}).`,
    );
  }
  setEni(instance, eni, { Groups: groups.map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName })) });
  if (instance) {
    const all = new Map<string, { GroupId: string; GroupName?: string }>();
    for (const n of ctx.regional.ec2.networkInterfaces.filter(
      (n) => n.Attachment?.InstanceId === instance.InstanceId,
    )) {
      for (const g of n.Groups ?? []) all.set(g.GroupId!, { GroupId: g.GroupId!, GroupName: g.GroupName });
    }
    instance.SecurityGroups = [...all.values()];
  }
}

function modifyNetworkInterfaceAttribute(ctx: HandlerContext, input: ModifyNetworkInterfaceAttributeRequest) {
  const eni = requireResource(ctx, input.NetworkInterfaceId ?? '').record as unknown as EniRec;
  const instance = attachedInstance(ctx, eni);
  if (input.Groups) setGroups(ctx, instance, eni, input.Groups);
  if (input.SourceDestCheck) {
    setEni(instance, eni, { SourceDestCheck: input.SourceDestCheck.Value !== false });
    if (instance && eni.Attachment?.DeviceIndex === 0) instance.SourceDestCheck = eni.SourceDestCheck;
  }
  if (input.Description) setEni(instance, eni, { Description: input.Description.Value });
  return {};
}

export const networkInterfaceAttributeHandlers: Handlers = {
  ModifyNetworkInterfaceAttribute: modifyNetworkInterfaceAttribute,
};
