// The two security groups isolation needs in each VPC, created where missing. "Untrack": allows all traffic in
// and out over IPv4 and IPv6, which makes every connection untracked. "Isolation": no rules at all (its default
// allow-all egress revoked). Switching an ENI to the first and then to the second cuts tracked connections too;
// switching straight to a no-rules group would leave established tracked flows (a reverse shell) running.
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type IpPermission,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { holdTags } from '../../shared/holds/holds.ts';
import { CONTAIN_PLAYBOOK } from '../../shared/instance/case.ts';
import type { IsolationPlan } from '../../shared/instance/evidence.ts';
import { type Recorder, settleAll } from '../../shared/instance/steps.ts';

export interface VpcGroups {
  vpcId: string;
  isolationGroupId: string;
  untrackGroupId: string;
}

const ALL_IPV4: IpPermission = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
const ALL_IPV6: IpPermission = { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] };
const ALL_TRAFFIC: IpPermission = { ...ALL_IPV4, ...ALL_IPV6 };

const duplicate = (error: unknown) => (error as Error).name === 'InvalidPermission.Duplicate';

interface GroupSpec {
  kind: 'isolation' | 'untrack';
  name: string;
  vpcId: string;
  caseId: string;
  region: string;
}

/** Creates the group; a group of that name created meanwhile in the VPC (another run) is used instead. */
async function createGroup(ec2: EC2Client, spec: GroupSpec, recorder: Recorder): Promise<string | undefined> {
  const description =
    spec.kind === 'isolation'
      ? 'idp-autopilot: isolates contained instances (no rules)'
      : 'idp-autopilot: allow-all, applied briefly so tracked connections become untracked before isolation';
  const created = await recorder.act(
    {
      action: 'ec2:CreateSecurityGroup',
      resource: spec.vpcId,
      region: spec.region,
      detail: { groupName: spec.name, caseId: spec.caseId },
    },
    () =>
      ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: spec.name,
          Description: description,
          VpcId: spec.vpcId,
          TagSpecifications: [
            {
              ResourceType: 'security-group',
              Tags: [
                { Key: 'Name', Value: spec.name },
                { Key: 'autopilot:purpose', Value: spec.kind },
                // Shared by every case this playbook contains: held for good.
                ...holdTags(CONTAIN_PLAYBOOK, `${spec.kind} group of contained instances`),
              ],
            },
          ],
        }),
      ),
    {
      resultDetail: (result) => ({ groupId: result.GroupId }),
      alreadyDone: (error) =>
        (error as Error).name === 'InvalidGroup.Duplicate' ? 'created meanwhile by another run' : undefined,
    },
  );
  if (created?.GroupId) return created.GroupId;
  if (recorder.dryRun) return undefined;
  const found = await ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [spec.vpcId] },
        { Name: 'group-name', Values: [spec.name] },
      ],
    }),
  );
  return found.SecurityGroups?.[0]?.GroupId;
}

async function ensureIsolationGroup(
  ec2: EC2Client,
  vpc: IsolationPlan['vpcs'][number],
  spec: GroupSpec,
  recorder: Recorder,
): Promise<string | undefined> {
  // One call per rule, in parallel: outside a default VPC, EC2 fails a revoke that names a rule the group does not
  // have (InvalidPermission.NotFound), and a new group has the IPv6 egress rule only in a dual-stack VPC.
  const revoke = async (groupId: string, ingress: IpPermission[], egress: IpPermission[], why: string) => {
    const one = (direction: 'ingress' | 'egress', permission: IpPermission) =>
      recorder.act(
        {
          action: direction === 'ingress' ? 'ec2:RevokeSecurityGroupIngress' : 'ec2:RevokeSecurityGroupEgress',
          resource: groupId,
          region: spec.region,
          detail: { caseId: spec.caseId, why, permissions: [permission] },
        },
        (): Promise<unknown> =>
          direction === 'ingress'
            ? ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [permission] }))
            : ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [permission] })),
        {
          alreadyDone: (error) => ((error as Error).name === 'InvalidPermission.NotFound' ? 'no such rule' : undefined),
        },
      );
    await settleAll([
      ...ingress.map((permission) => one('ingress', permission)),
      ...egress.map((permission) => one('egress', permission)),
    ]);
  };
  if (vpc.isolationGroupId) {
    const rules = vpc.isolationGroupRules;
    if (rules) {
      await revoke(
        vpc.isolationGroupId,
        rules.ingress as IpPermission[],
        rules.egress as IpPermission[],
        'rules found on the isolation group',
      );
    }
    return vpc.isolationGroupId;
  }
  const groupId = await createGroup(ec2, spec, recorder);
  // A new group allows all egress (IPv4, and IPv6 in a dual-stack VPC); AWS ignores the one that is not there.
  await revoke(groupId ?? '(new isolation group)', [], [ALL_IPV4, ALL_IPV6], 'default egress of a new group');
  return groupId;
}

async function ensureUntrackGroup(
  ec2: EC2Client,
  vpc: IsolationPlan['vpcs'][number],
  spec: GroupSpec,
  recorder: Recorder,
): Promise<string | undefined> {
  if (vpc.untrackGroupId) return vpc.untrackGroupId;
  const groupId = await createGroup(ec2, spec, recorder);
  const resource = groupId ?? '(new untrack group)';
  await settleAll([
    recorder.act(
      {
        action: 'ec2:AuthorizeSecurityGroupIngress',
        resource,
        region: spec.region,
        detail: { caseId: spec.caseId, permissions: [ALL_TRAFFIC] },
      },
      () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ALL_TRAFFIC] })),
      { alreadyDone: (error) => (duplicate(error) ? 'rule exists' : undefined) },
    ),
    recorder.act(
      {
        action: 'ec2:AuthorizeSecurityGroupEgress',
        resource,
        region: spec.region,
        detail: { caseId: spec.caseId, permissions: [ALL_IPV6] },
      },
      () => ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [ALL_IPV6] })),
      // IPv4 egress is the default of every new group; IPv6 is already there in a dual-stack VPC.
      { alreadyDone: (error) => (duplicate(error) ? 'rule exists (default egress)' : undefined) },
    ),
  ]);
  return groupId;
}

/** Both groups in every VPC of the instance, in parallel. */
export async function ensureGroups(
  ec2: EC2Client,
  plan: IsolationPlan,
  names: { isolation: string; untrack: string },
  context: { caseId: string; region: string },
  recorder: Recorder,
): Promise<VpcGroups[]> {
  return settleAll(
    plan.vpcs.map(async (vpc) => {
      const spec = (kind: 'isolation' | 'untrack') => ({ kind, name: names[kind], vpcId: vpc.vpcId, ...context });
      const [isolationGroupId, untrackGroupId] = await settleAll([
        ensureIsolationGroup(ec2, vpc, spec('isolation'), recorder),
        ensureUntrackGroup(ec2, vpc, spec('untrack'), recorder),
      ]);
      return {
        vpcId: vpc.vpcId,
        isolationGroupId: isolationGroupId ?? `(${names.isolation}, to be created)`,
        untrackGroupId: untrackGroupId ?? `(${names.untrack}, to be created)`,
      };
    }),
  );
}
