// Step 9: read the instance's network interfaces back (all of them: one attached meanwhile counts too) and the
// isolation groups. Anything but exactly the isolation group on every ENI, or a rule on that group, is a failure
// that pages: the state machine's Catch turns VerificationFailedError into a SEV1 alert.
import { DescribeNetworkInterfacesCommand, DescribeSecurityGroupsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { VerificationFailedError } from '../../shared/errors/errors.ts';
import type { CaseInfo } from '../../shared/instance/case.ts';
import type { Recorder } from '../../shared/instance/steps.ts';

export interface IsolatedEni {
  networkInterfaceId: string;
  isolationGroupId: string;
}

export interface Verified {
  verified: boolean;
  networkInterfaces: { networkInterfaceId: string; groups: string[]; sourceDestCheck: boolean }[];
}

export async function verifyIsolation(
  ec2: EC2Client,
  theCase: CaseInfo,
  isolated: IsolatedEni[],
  recorder: Recorder,
): Promise<Verified> {
  const { instanceId, region, caseId } = theCase;
  const planned = { action: 'autopilot:VerifyIsolation', resource: instanceId, region };
  if (theCase.dryRun) {
    recorder.note({ ...planned, outcome: 'dry-run', detail: { caseId, why: 'would read the ENIs back' } });
    return { verified: false, networkInterfaces: [] };
  }
  const isolationGroups = [...new Set(isolated.map((eni) => eni.isolationGroupId))];
  const [enis, groups] = await Promise.all([
    ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] }),
    ),
    ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: isolationGroups })),
  ]);
  const expected = new Map(isolated.map((eni) => [eni.networkInterfaceId, eni.isolationGroupId]));
  const problems: string[] = [];
  const seen = (enis.NetworkInterfaces ?? []).map((eni) => ({
    networkInterfaceId: eni.NetworkInterfaceId!,
    groups: (eni.Groups ?? []).map((group) => group.GroupId!),
    sourceDestCheck: eni.SourceDestCheck !== false,
  }));
  for (const eni of seen) {
    const want = expected.get(eni.networkInterfaceId);
    if (!want)
      problems.push(`${eni.networkInterfaceId} was attached after isolation (groups ${eni.groups.join(', ')})`);
    else if (eni.groups.length !== 1 || eni.groups[0] !== want) {
      problems.push(`${eni.networkInterfaceId} has ${eni.groups.join(', ') || 'no groups'}, expected only ${want}`);
    }
  }
  for (const id of expected.keys()) {
    if (!seen.some((eni) => eni.networkInterfaceId === id))
      problems.push(`${id} is no longer attached to ${instanceId}`);
  }
  for (const group of groups.SecurityGroups ?? []) {
    const rules = (group.IpPermissions?.length ?? 0) + (group.IpPermissionsEgress?.length ?? 0);
    if (rules) problems.push(`isolation group ${group.GroupId} has ${rules} rule(s)`);
  }
  if (problems.length) {
    recorder.note({ ...planned, outcome: 'failed', detail: { caseId, problems } });
    throw new VerificationFailedError(`isolation of ${instanceId} not verified: ${problems.join('; ')}`);
  }
  recorder.note({ ...planned, outcome: 'done', detail: { caseId, networkInterfaces: seen } });
  return { verified: true, networkInterfaces: seen };
}
