// Instance attributes: DescribeInstanceAttribute and ModifyInstanceAttribute (one attribute per call, as EC2
// requires): termination protection and shutdown behaviour, which DescribeInstances does not show and the state keeps
// as bookkeeping on the instance; source/dest check and security groups, which live on the primary ENI and are
// written to both sides (attached-enis.ts); a device's DeleteOnTermination, written to the block device mapping and to
// the volume's attachment.
import type { DescribeInstanceAttributeRequest, ModifyInstanceAttributeRequest } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { primaryEni, setEni } from './attached-enis.ts';
import { setGroups } from './network-interface-attributes.ts';
import { requireInstance } from './resources.ts';

function describeInstanceAttribute(ctx: HandlerContext, input: DescribeInstanceAttributeRequest) {
  const instance = requireInstance(ctx, input.InstanceId);
  const base = { InstanceId: instance.InstanceId };
  switch (input.Attribute) {
    case 'disableApiTermination':
      return { ...base, DisableApiTermination: { Value: instance.DisableApiTermination ?? false } };
    case 'instanceInitiatedShutdownBehavior':
      return {
        ...base,
        InstanceInitiatedShutdownBehavior: { Value: instance.InstanceInitiatedShutdownBehavior ?? 'stop' },
      };
    case 'sourceDestCheck':
      return { ...base, SourceDestCheck: { Value: instance.SourceDestCheck ?? true } };
    case 'groupSet':
      return { ...base, Groups: instance.SecurityGroups ?? [] };
    case 'blockDeviceMapping':
      return { ...base, BlockDeviceMappings: instance.BlockDeviceMappings ?? [] };
    case 'instanceType':
      return { ...base, InstanceType: { Value: instance.InstanceType } };
    default:
      throw awsError(
        'InvalidParameterValue',
        `Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
  }
}

function modifyInstanceAttribute(ctx: HandlerContext, input: ModifyInstanceAttributeRequest) {
  const instance = requireInstance(ctx, input.InstanceId);
  const given = (
    [
      'DisableApiTermination',
      'InstanceInitiatedShutdownBehavior',
      'BlockDeviceMappings',
      'SourceDestCheck',
      'Groups',
    ] as const
  ).filter((key) => input[key] !== undefined);
  if (given.length !== 1) {
    throw awsError(
      'InvalidParameterCombination',
      'Exactly one attribute must be specified per ModifyInstanceAttribute call.',
    );
  }
  if (input.DisableApiTermination) instance.DisableApiTermination = input.DisableApiTermination.Value === true;
  if (input.InstanceInitiatedShutdownBehavior) {
    const value = input.InstanceInitiatedShutdownBehavior.Value;
    if (value !== 'stop' && value !== 'terminate') {
      throw awsError(
        'InvalidParameterValue',
        `Value (${value}) for parameter instanceInitiatedShutdownBehavior is invalid.`,
      );
    }
    instance.InstanceInitiatedShutdownBehavior = value;
  }
  if (input.SourceDestCheck) {
    const primary = primaryEni(ctx, instance);
    instance.SourceDestCheck = input.SourceDestCheck.Value !== false;
    if (primary) setEni(instance, primary, { SourceDestCheck: instance.SourceDestCheck });
  }
  if (input.Groups) {
    const primary = primaryEni(ctx, instance);
    if (!primary)
      throw awsError('InvalidInstanceID', `The instance ${instance.InstanceId} has no primary network interface`);
    setGroups(ctx, instance, primary, input.Groups);
  }
  for (const mapping of input.BlockDeviceMappings ?? []) {
    const current = instance.BlockDeviceMappings?.find((b) => b.DeviceName === mapping.DeviceName);
    if (!current?.Ebs) {
      throw awsError('InvalidInstanceAttributeValue', `No device is currently mapped at ${mapping.DeviceName}`);
    }
    if (mapping.Ebs?.DeleteOnTermination !== undefined) {
      current.Ebs.DeleteOnTermination = mapping.Ebs.DeleteOnTermination;
      const volume = ctx.regional.ec2.volumes.find((v) => v.VolumeId === current.Ebs?.VolumeId);
      const attachment = volume?.Attachments?.find((a) => a.InstanceId === instance.InstanceId);
      if (attachment) attachment.DeleteOnTermination = mapping.Ebs.DeleteOnTermination;
    }
  }
  return {};
}

export const instanceAttributeHandlers: Handlers = {
  DescribeInstanceAttribute: describeInstanceAttribute,
  ModifyInstanceAttribute: modifyInstanceAttribute,
};
