// An ENI attached to an instance is shown twice by EC2: as itself (DescribeNetworkInterfaces) and as the instance's
// copy of it (DescribeInstances NetworkInterfaces), and the primary ENI's source/dest check, public IP and security
// groups also as the instance's own. The modules that change an ENI (instance and network interface attributes,
// Elastic IP associations) find both sides here and write a change to both.
import type { Ec2State } from '../../state.ts';
import type { HandlerContext } from '../types.ts';

type InstanceRec = Ec2State['instances'][number];
type EniRec = Ec2State['networkInterfaces'][number];

/** The instance's ENI at device index 0. */
export function primaryEni(ctx: HandlerContext, instance: InstanceRec): EniRec | undefined {
  return ctx.regional.ec2.networkInterfaces.find(
    (eni) => eni.Attachment?.InstanceId === instance.InstanceId && eni.Attachment?.DeviceIndex === 0,
  );
}

export function attachedInstance(ctx: HandlerContext, eni: EniRec): InstanceRec | undefined {
  const id = eni.Attachment?.InstanceId;
  return id ? ctx.regional.ec2.instances.find((i) => i.InstanceId === id) : undefined;
}

/** Applies a change to the ENI and to the instance's copy of it (DescribeInstances shows NetworkInterfaces). */
export function setEni(instance: InstanceRec | undefined, eni: EniRec, change: Partial<EniRec>): void {
  Object.assign(eni, change);
  const copy = instance?.NetworkInterfaces?.find((n) => n.NetworkInterfaceId === eni.NetworkInterfaceId);
  if (copy) Object.assign(copy, change);
}
