import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DisassociateAddressCommand,
  EC2Client,
  ModifyNetworkInterfaceAttributeCommand,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { blastRadius, needsApproval } from '../../functions/contain-instance/gate/blast-radius.ts';
import { isolateNetwork } from '../../functions/contain-instance/isolate/isolate.ts';
import { ensureGroups } from '../../functions/contain-instance/prepare/groups.ts';
import { verifyIsolation } from '../../functions/contain-instance/verify/verify.ts';
import { VerificationFailedError } from '../../functions/shared/errors/errors.ts';
import type { CaseInfo } from '../../functions/shared/instance/case.ts';
import type { InstanceEvidence } from '../../functions/shared/instance/evidence.ts';
import { Recorder } from '../../functions/shared/instance/steps.ts';
import { devConfig } from '../support/instance.ts';

const ec2Mock = mockClient(EC2Client);
const ec2 = new EC2Client({ region: 'us-east-1' });
const theCase: CaseInfo = {
  caseId: 'case-0123456789abcdef',
  instanceId: 'i-0aaaaaaaaaaaaaaa1',
  region: 'us-east-1',
  source: 'manual',
  reason: 'unit test',
  severity: 'SEV2',
  dryRun: false,
};
const awsError = (name: string) => Object.assign(new Error(name), { name });

function evidence(overrides: Partial<InstanceEvidence> = {}): InstanceEvidence {
  const eni = (id: string, vpcId: string, groups: string[], deviceIndex: number) => ({
    networkInterfaceId: id,
    deviceIndex,
    vpcId,
    subnetId: 'subnet-1',
    groups: groups.map((groupId) => ({ groupId })),
    sourceDestCheck: true,
    privateIpAddresses: [],
    ipv6Addresses: [],
  });
  return {
    schema: 1,
    capturedAt: '2026-01-01T00:00:00.000Z',
    region: 'us-east-1',
    instanceId: theCase.instanceId,
    state: 'running',
    tags: {},
    protection: { disableApiTermination: false, shutdownBehavior: 'stop' },
    networkInterfaces: [eni('eni-a', 'vpc-1', ['sg-app'], 0), eni('eni-b', 'vpc-2', ['sg-db'], 1)],
    elasticIps: [
      {
        allocationId: 'eipalloc-1',
        associationId: 'eipassoc-1',
        publicIp: '198.51.100.7',
        networkInterfaceId: 'eni-a',
      },
    ],
    volumes: [],
    instanceProfile: null,
    autoScalingGroup: null,
    targetGroups: [],
    raw: {},
    ...overrides,
  };
}

const groups = [
  { vpcId: 'vpc-1', isolationGroupId: 'sg-iso1', untrackGroupId: 'sg-open1' },
  { vpcId: 'vpc-2', isolationGroupId: 'sg-iso2', untrackGroupId: 'sg-open2' },
];

beforeEach(() => ec2Mock.reset());

describe('isolating the network', () => {
  it('moves every ENI to its VPC’s untrack group, then to its isolation group, and drops the Elastic IP', async () => {
    ec2Mock.on(DisassociateAddressCommand).rejects(awsError('InvalidAssociationID.NotFound'));
    const recorder = new Recorder(false);
    await isolateNetwork(ec2, theCase, evidence(), groups, recorder);
    const switches = ec2Mock.commandCalls(ModifyNetworkInterfaceAttributeCommand).map((call) => call.args[0].input);
    expect(switches).toEqual([
      { NetworkInterfaceId: 'eni-a', Groups: ['sg-open1'] },
      { NetworkInterfaceId: 'eni-b', Groups: ['sg-open2'] },
      { NetworkInterfaceId: 'eni-a', Groups: ['sg-iso1'] },
      { NetworkInterfaceId: 'eni-b', Groups: ['sg-iso2'] },
    ]);
    expect(recorder.actions.find((a) => a.action === 'ec2:DisassociateAddress')?.outcome).toBe('already-done');
  });

  it('leaves an ENI that already has only the isolation group alone (a re-run)', async () => {
    const recorder = new Recorder(false);
    const again = evidence();
    again.networkInterfaces[0].groups = [{ groupId: 'sg-iso1' }];
    await isolateNetwork(ec2, theCase, { ...again, elasticIps: [] }, groups, recorder);
    const touched = ec2Mock
      .commandCalls(ModifyNetworkInterfaceAttributeCommand)
      .map((c) => c.args[0].input.NetworkInterfaceId);
    expect(touched).toEqual(['eni-b', 'eni-b']);
    expect(recorder.actions[0]).toMatchObject({ resource: 'eni-a', outcome: 'already-done' });
  });
});

describe('preparing the isolation groups in a VPC that is not the default one', () => {
  it('treats a missing IPv6 default rule and an existing IPv6 egress rule as already done', async () => {
    ec2Mock.on(CreateSecurityGroupCommand).resolvesOnce({ GroupId: 'sg-iso' }).resolvesOnce({ GroupId: 'sg-open' });
    ec2Mock.on(RevokeSecurityGroupEgressCommand).callsFake((input) => {
      if (input.IpPermissions[0].Ipv6Ranges) throw awsError('InvalidPermission.NotFound');
      return { Return: true };
    });
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
    ec2Mock.on(AuthorizeSecurityGroupEgressCommand).rejects(awsError('InvalidPermission.Duplicate'));
    const recorder = new Recorder(false);
    const made = await ensureGroups(
      ec2,
      { vpcs: [{ vpcId: 'vpc-9' }], existingSnapshots: [] },
      { isolation: 'iso', untrack: 'open' },
      { caseId: theCase.caseId, region: 'us-east-1' },
      recorder,
    );
    expect(made).toEqual([{ vpcId: 'vpc-9', isolationGroupId: 'sg-iso', untrackGroupId: 'sg-open' }]);
    expect(recorder.actions.filter((a) => a.outcome === 'failed')).toEqual([]);
    expect(
      recorder.actions
        .filter((a) => a.outcome === 'already-done')
        .map((a) => a.action)
        .sort(),
    ).toEqual(['ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupEgress']);
  });
});

describe('verifying isolation', () => {
  const isolated = [
    { networkInterfaceId: 'eni-a', isolationGroupId: 'sg-iso1' },
    { networkInterfaceId: 'eni-b', isolationGroupId: 'sg-iso2' },
  ];
  const enis = (entries: [string, string[]][]) => ({
    NetworkInterfaces: entries.map(([id, ids]) => ({
      NetworkInterfaceId: id,
      Groups: ids.map((GroupId) => ({ GroupId })),
    })),
  });

  it('fails, naming each problem, when an ENI has anything but the isolation group or one was attached since', async () => {
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves(
      enis([
        ['eni-a', ['sg-iso1', 'sg-app']],
        ['eni-b', ['sg-iso2']],
        ['eni-new', ['sg-app']],
      ]),
    );
    ec2Mock
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [{ GroupId: 'sg-iso2', IpPermissionsEgress: [{ IpProtocol: '-1' }] }] });
    const recorder = new Recorder(false);
    const failure = verifyIsolation(ec2, theCase, isolated, recorder);
    await expect(failure).rejects.toBeInstanceOf(VerificationFailedError);
    await expect(failure).rejects.toThrow(
      /eni-a has sg-iso1, sg-app.*eni-new was attached after isolation.*sg-iso2 has 1 rule/,
    );
    expect(recorder.actions).toEqual([
      expect.objectContaining({ action: 'autopilot:VerifyIsolation', outcome: 'failed' }),
    ]);
  });

  it('passes when every ENI has exactly its isolation group', async () => {
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves(
      enis([
        ['eni-a', ['sg-iso1']],
        ['eni-b', ['sg-iso2']],
      ]),
    );
    ec2Mock
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [{ GroupId: 'sg-iso1' }, { GroupId: 'sg-iso2' }] });
    const result = await verifyIsolation(ec2, theCase, isolated, new Recorder(false));
    expect(result.verified).toBe(true);
  });
});

describe('blast radius', () => {
  const settings = devConfig().playbooks.containInstance;
  const asg = {
    name: 'g',
    minSize: 2,
    maxSize: 4,
    desiredCapacity: 2,
    inServiceOthers: 1,
    protectedFromScaleIn: false,
  };

  it('counts an InService instance whose group would fall below its minimum, not one in Standby', () => {
    expect(
      blastRadius(evidence({ autoScalingGroup: { ...asg, lifecycleState: 'InService' } }), settings).map((r) => r.kind),
    ).toEqual(['belowAsgMinimum']);
    expect(blastRadius(evidence({ autoScalingGroup: { ...asg, lifecycleState: 'Standby' } }), settings)).toEqual([]);
  });

  it('asks for approval only for the conditions the config names', () => {
    const risks = [{ kind: 'critical' as const, text: 'tagged critical' }];
    expect(needsApproval(risks, settings)).toBe(true);
    expect(
      needsApproval(risks, { ...settings, requireApprovalWhen: { ...settings.requireApprovalWhen, critical: false } }),
    ).toBe(false);
  });
});
