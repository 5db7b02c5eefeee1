// Puts the instance back as captured, in the order that keeps it alive: protection flags and its instance
// profile first, then its security groups and Elastic IPs, and only then back into its Auto Scaling group and
// target groups (attached while still isolated it would fail its health checks and be replaced). Then the case is
// marked released on the instance and its claim let go. Each step restores only what the plan found different.
import { AttachInstancesCommand, type AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import {
  AssociateAddressCommand,
  AssociateIamInstanceProfileCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  type EC2Client,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ReplaceIamInstanceProfileAssociationCommand,
} from '@aws-sdk/client-ec2';
import { type ElasticLoadBalancingV2Client, RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { HOLD_PURPOSE_TAG, HOLD_TAG } from '../../shared/holds/holds.ts';
import { type CaseInfo, TAG } from '../../shared/instance/case.ts';
import type { CaseBucket } from '../../shared/instance/s3-write.ts';
import { type Recorder, settleAll } from '../../shared/instance/steps.ts';
import { letGo } from '../../shared/instance/unclaim.ts';
import type { RestoreStep } from '../plan/model.ts';

export interface RestoreClients {
  ec2: EC2Client;
  autoScaling: AutoScalingClient;
  elb: ElasticLoadBalancingV2Client;
}

const PHASES: RestoreStep['kind'][][] = [
  ['termination', 'shutdown', 'deleteOnTermination', 'profile', 'associateProfile'],
  ['groups', 'address'],
  ['asg', 'target'],
];

async function run(
  step: RestoreStep,
  clients: RestoreClients,
  theCase: CaseInfo,
  recorder: Recorder,
): Promise<unknown> {
  const { instanceId, region, caseId } = theCase;
  const at = (action: string, resource: string, detail: Record<string, unknown>) => ({
    action,
    resource,
    region,
    detail: { caseId, ...detail },
  });
  const modifyInstance = (detail: Record<string, unknown>, input: Record<string, unknown>) =>
    recorder.act(at('ec2:ModifyInstanceAttribute', instanceId, detail), () =>
      clients.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, ...input })),
    );
  switch (step.kind) {
    case 'termination':
      return modifyInstance(
        { disableApiTermination: { from: step.from, to: step.to } },
        { DisableApiTermination: { Value: step.to } },
      );
    case 'shutdown':
      return modifyInstance(
        { instanceInitiatedShutdownBehavior: { from: step.from, to: step.to } },
        { InstanceInitiatedShutdownBehavior: { Value: step.to } },
      );
    case 'deleteOnTermination':
      return modifyInstance(
        { deleteOnTermination: { to: true }, volumes: step.volumes.map((v) => v.volumeId) },
        {
          BlockDeviceMappings: step.volumes.map((v) => ({
            DeviceName: v.deviceName,
            Ebs: { VolumeId: v.volumeId, DeleteOnTermination: true },
          })),
        },
      );
    case 'profile':
      return recorder.act(
        at('ec2:ReplaceIamInstanceProfileAssociation', instanceId, { profile: { from: step.from, to: step.to } }),
        () =>
          clients.ec2.send(
            new ReplaceIamInstanceProfileAssociationCommand({
              AssociationId: step.associationId,
              IamInstanceProfile: { Name: step.to },
            }),
          ),
      );
    case 'associateProfile':
      return recorder.act(at('ec2:AssociateIamInstanceProfile', instanceId, { profile: step.to }), () =>
        clients.ec2.send(
          new AssociateIamInstanceProfileCommand({ InstanceId: instanceId, IamInstanceProfile: { Name: step.to } }),
        ),
      );
    case 'groups':
      return recorder.act(
        at('ec2:ModifyNetworkInterfaceAttribute', step.networkInterfaceId, {
          groups: { from: step.from, to: step.to },
        }),
        () =>
          clients.ec2.send(
            new ModifyNetworkInterfaceAttributeCommand({
              NetworkInterfaceId: step.networkInterfaceId,
              Groups: step.to,
            }),
          ),
      );
    case 'address':
      await recorder.act(
        at('ec2:AssociateAddress', step.allocationId, {
          publicIp: step.publicIp,
          networkInterfaceId: step.networkInterfaceId,
        }),
        () =>
          clients.ec2.send(
            new AssociateAddressCommand({
              AllocationId: step.allocationId,
              NetworkInterfaceId: step.networkInterfaceId,
              PrivateIpAddress: step.privateIpAddress,
              // Never take the address away from whatever it was given to meanwhile.
              AllowReassociation: false,
            }),
          ),
      );
      // Back in service: contain-instance's hold on the address ends with the case.
      return recorder.act(at('ec2:DeleteTags', step.allocationId, { tags: [HOLD_TAG, HOLD_PURPOSE_TAG] }), () =>
        clients.ec2.send(
          new DeleteTagsCommand({
            Resources: [step.allocationId],
            Tags: [{ Key: HOLD_TAG }, { Key: HOLD_PURPOSE_TAG }],
          }),
        ),
      );
    case 'asg':
      if (step.blocked) {
        recorder.note({
          ...at('autoscaling:AttachInstances', step.name, { instanceId, why: step.blocked }),
          outcome: 'skipped',
        });
        return Promise.resolve();
      }
      return recorder.act(
        at('autoscaling:AttachInstances', step.name, {
          instanceId,
          desiredCapacity: { from: step.desiredCapacity, to: step.desiredCapacity + 1 },
        }),
        () =>
          clients.autoScaling.send(
            new AttachInstancesCommand({ AutoScalingGroupName: step.name, InstanceIds: [instanceId] }),
          ),
      );
    case 'target':
      return recorder.act(
        at('elasticloadbalancing:RegisterTargets', step.targetGroupArn, { target: { id: step.id, port: step.port } }),
        () =>
          clients.elb.send(
            new RegisterTargetsCommand({
              TargetGroupArn: step.targetGroupArn,
              Targets: [{ Id: step.id, Port: step.port, AvailabilityZone: step.availabilityZone }],
            }),
          ),
      );
  }
}

export async function restore(
  clients: RestoreClients,
  bucket: CaseBucket,
  theCase: CaseInfo,
  steps: RestoreStep[],
  recorder: Recorder,
): Promise<{ restored: number }> {
  for (const phase of PHASES) {
    await settleAll(
      steps.filter((step) => phase.includes(step.kind)).map((step) => run(step, clients, theCase, recorder)),
    );
  }
  const tags = { [TAG.case]: theCase.caseId, [TAG.state]: 'released' };
  await settleAll<unknown>([
    recorder.act(
      {
        action: 'ec2:CreateTags',
        resource: theCase.instanceId,
        region: theCase.region,
        detail: { caseId: theCase.caseId, tags },
      },
      () =>
        clients.ec2.send(
          new CreateTagsCommand({
            Resources: [theCase.instanceId],
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        ),
    ),
    letGo(bucket, theCase, (holder) => holder.caseId === theCase.caseId, recorder),
  ]);
  return { restored: steps.filter((step) => step.kind !== 'asg' || !step.blocked).length };
}
