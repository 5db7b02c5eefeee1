// Step 7: network isolation of every ENI (the groups come from "Prepare isolation groups"). First the untrack group (all traffic allowed: tracked connections become
// untracked), then the isolation group (no rules: untracked flows stop at once), per ENI in parallel; Elastic IPs
// are disassociated alongside the second switch. Source/destination checking is left as it is (on by default):
// the runbook's --no-source-dest-check would let the instance forward traffic, the opposite of containment.
import {
  CreateTagsCommand,
  DisassociateAddressCommand,
  type EC2Client,
  ModifyNetworkInterfaceAttributeCommand,
} from '@aws-sdk/client-ec2';
import { holderOf, holdTags } from '../../shared/holds/holds.ts';
import { type CaseInfo, CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import type { InstanceEvidence } from '../../shared/instance/evidence.ts';
import { type Recorder, settleAll } from '../../shared/instance/steps.ts';
import type { VpcGroups } from '../prepare/groups.ts';

export interface Isolation {
  groups: VpcGroups[];
  networkInterfaces: { networkInterfaceId: string; isolationGroupId: string }[];
  disassociatedAddresses: string[];
}

const gone = (error: unknown) => (error as Error).name === 'InvalidAssociationID.NotFound';

export async function isolateNetwork(
  ec2: EC2Client,
  theCase: CaseInfo,
  evidence: InstanceEvidence,
  groups: VpcGroups[],
  recorder: Recorder,
): Promise<Isolation> {
  const { caseId, region } = theCase;
  const groupsOf = (vpcId: string) => groups.find((group) => group.vpcId === vpcId)!;
  const setGroups = (
    eni: InstanceEvidence['networkInterfaces'][number],
    phase: 'untrack' | 'isolate',
    to: string,
    from: string[],
  ) =>
    recorder.act(
      {
        action: 'ec2:ModifyNetworkInterfaceAttribute',
        resource: eni.networkInterfaceId,
        region,
        detail: { caseId, phase, groups: { from, to: [to] } },
      },
      () =>
        ec2.send(
          new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: eni.networkInterfaceId, Groups: [to] }),
        ),
    );

  const pending = evidence.networkInterfaces.filter((eni) => {
    const isolated = eni.groups.length === 1 && eni.groups[0].groupId === groupsOf(eni.vpcId).isolationGroupId;
    if (isolated) {
      recorder.note({
        action: 'ec2:ModifyNetworkInterfaceAttribute',
        resource: eni.networkInterfaceId,
        region,
        outcome: 'already-done',
        detail: { caseId, phase: 'isolate', groups: [eni.groups[0].groupId] },
      });
    }
    return !isolated;
  });
  // The Elastic IPs are held for the case before they are disassociated (alongside the first switch, so no call is
  // added to the critical path): an unassociated address is otherwise a cleanup candidate.
  await settleAll<unknown>([
    ...pending.map((eni) =>
      setGroups(
        eni,
        'untrack',
        groupsOf(eni.vpcId).untrackGroupId,
        eni.groups.map((g) => g.groupId),
      ),
    ),
    ...evidence.elasticIps.map((address) => {
      const Tags = holdTags(
        holderOf(CONTAIN_PLAYBOOK, caseId),
        'Elastic IP of the contained instance; release-instance re-associates it',
      );
      return recorder.act(
        { action: 'ec2:CreateTags', resource: address.allocationId, region, detail: { caseId, tags: Tags } },
        () => ec2.send(new CreateTagsCommand({ Resources: [address.allocationId], Tags })),
      );
    }),
  ]);
  await settleAll<unknown>([
    ...pending.map((eni) =>
      setGroups(eni, 'isolate', groupsOf(eni.vpcId).isolationGroupId, [groupsOf(eni.vpcId).untrackGroupId]),
    ),
    ...evidence.elasticIps.map((address) =>
      recorder.act(
        {
          action: 'ec2:DisassociateAddress',
          resource: address.allocationId,
          region,
          detail: { caseId, publicIp: address.publicIp, networkInterfaceId: address.networkInterfaceId },
        },
        () => ec2.send(new DisassociateAddressCommand({ AssociationId: address.associationId })),
        { alreadyDone: (error) => (gone(error) ? 'no longer associated' : undefined) },
      ),
    ),
  ]);
  return {
    groups,
    networkInterfaces: evidence.networkInterfaces.map((eni) => ({
      networkInterfaceId: eni.networkInterfaceId,
      isolationGroupId: groupsOf(eni.vpcId).isolationGroupId,
    })),
    disassociatedAddresses: evidence.elasticIps.map((address) => address.publicIp),
  };
}
