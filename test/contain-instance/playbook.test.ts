import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../functions/shared/instance/evidence.ts';
import {
  API_3,
  account,
  audit,
  autoScalingGroup,
  BASTION,
  bodyOf,
  contain,
  groupsOfEnis,
  instance,
  type Loose,
  messages,
  objects,
  profileName,
  QUARANTINE_PROFILE,
  sampleEvent,
  securityGroup,
  snapshotsOfCase,
  tagsOf,
  targetsOf,
  volumeAttachments,
} from '../support/instance.ts';

const backdoor = () => sampleEvent('ec2-01-backdoor-cc-activity');

describe('contain-instance on a GuardDuty Backdoor finding (api-gateway-3, in an ASG and a target group)', () => {
  it('leaves every ENI with only the isolation group, which has no rules', async () => {
    const on = account();
    const result = await contain(on, backdoor());
    expect(result.status).toBe('SUCCEEDED');
    const groups = groupsOfEnis(on, API_3);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toHaveLength(1);
    const isolation = securityGroup(on, groups[0][0]);
    expect(isolation.GroupName).toBe('idp-autopilot-isolation');
    expect(isolation.IpPermissions).toEqual([]);
    expect(isolation.IpPermissionsEgress).toEqual([]);
    expect(instance(on, API_3).SecurityGroups.map((g: Loose) => g.GroupId)).toEqual(groups[0]);
  });

  it('switches each ENI to the allow-all untrack group first, then to the isolation group', async () => {
    const on = account();
    await contain(on, backdoor());
    const switches = on
      .callsTo('EC2', 'ModifyNetworkInterfaceAttribute')
      .map((call) => (call.input as Loose).Groups[0]);
    const [untrack, isolation] = switches.map((id: string) => securityGroup(on, id));
    expect(untrack.GroupName).toBe('idp-autopilot-untrack');
    expect(untrack.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [{ CidrIpv6: '::/0' }],
      }),
    ]);
    expect(isolation.GroupName).toBe('idp-autopilot-isolation');
  });

  it('keeps source/destination checking on (the runbook turned it off)', async () => {
    const on = account();
    await contain(on, backdoor());
    expect(
      on.callsTo('EC2', 'ModifyInstanceAttribute').some((call) => 'SourceDestCheck' in (call.input as Loose)),
    ).toBe(false);
    expect(instance(on, API_3).SourceDestCheck).toBe(true);
  });

  it('snapshots every volume in one CreateSnapshots call, tagged with the case and the finding', async () => {
    const on = account();
    const result = await contain(on, backdoor());
    const caseId = (result.output as Loose).caseId;
    expect(on.callsTo('EC2', 'CreateSnapshots')).toHaveLength(1);
    const snapshots = snapshotsOfCase(on, caseId);
    expect(snapshots.map((s) => s.VolumeId).sort()).toEqual(
      volumeAttachments(on, API_3)
        .map((a) => a.VolumeId)
        .sort(),
    );
    for (const snapshot of snapshots) {
      expect(tagsOf(snapshot)).toMatchObject({
        'autopilot:finding': backdoor().detail.id,
        'autopilot:instance': API_3,
      });
    }
  });

  it('detaches it from its Auto Scaling group with the desired capacity unchanged, and the group replaces it', async () => {
    const on = account();
    const before = structuredClone(autoScalingGroup(on));
    await contain(on, backdoor());
    const group = autoScalingGroup(on);
    expect(group.Instances.map((i: Loose) => i.InstanceId)).not.toContain(API_3);
    expect(group.DesiredCapacity).toBe(before.DesiredCapacity);
    expect(group.Instances.filter((i: Loose) => i.LifecycleState === 'Pending')).toHaveLength(1);
    const detach = on.callsTo('AutoScaling', 'DetachInstances')[0].input as Loose;
    expect(detach.ShouldDecrementDesiredCapacity).toBe(false);
  });

  it('deregisters it from its target group before isolating it', async () => {
    const on = account();
    await contain(on, backdoor());
    expect(targetsOf(on).find((target) => target.Id === API_3)?.State).toBe('draining');
    const order = on.calls.map((call) => call.operation);
    expect(order.indexOf('DeregisterTargets')).toBeLessThan(order.indexOf('ModifyNetworkInterfaceAttribute'));
    expect(order.indexOf('DetachInstances')).toBeLessThan(order.indexOf('ModifyNetworkInterfaceAttribute'));
  });

  it('protects the evidence: termination protection on, shutdown stops, volumes survive termination', async () => {
    const on = account();
    instance(on, API_3).InstanceInitiatedShutdownBehavior = 'terminate';
    expect(volumeAttachments(on, API_3).map((a) => a.DeleteOnTermination)).toEqual([true]);
    await contain(on, backdoor());
    expect(instance(on, API_3).DisableApiTermination).toBe(true);
    expect(instance(on, API_3).InstanceInitiatedShutdownBehavior).toBe('stop');
    expect(volumeAttachments(on, API_3).map((a) => a.DeleteOnTermination)).toEqual([false]);
  });

  it('replaces the instance profile with the deny-all quarantine profile', async () => {
    const on = account();
    await contain(on, backdoor());
    expect(profileName(on, API_3)).toBe(QUARANTINE_PROFILE);
  });

  it('stores the metadata as evidence with its SHA-256, the pre-containment state a release restores', async () => {
    const on = account();
    const result = await contain(on, backdoor());
    const caseId = (result.output as Loose).caseId;
    const [object] = objects(on, `cases/${caseId}/evidence.json`);
    const evidence = JSON.parse(bodyOf(object));
    expect(object.Metadata.sha256).toBe(sha256Hex(bodyOf(object)));
    expect(evidence.networkInterfaces[0].groups.map((g: Loose) => g.groupId)).toEqual(['sg-01c10000000000002']);
    expect(evidence.autoScalingGroup).toMatchObject({ name: 'idp-api-gateway-asg', desiredCapacity: 3 });
    expect(evidence.targetGroups.map((t: Loose) => t.targetGroupName)).toEqual(['idp-api-blue']);
    expect(evidence.instanceProfile.name).toBe('idp-api-gateway-profile');
    expect(evidence.protection).toEqual({ disableApiTermination: false, shutdownBehavior: 'stop' });
    const captured = audit(on).find(
      (record) => record.action === 's3:PutObject' && record.resource.endsWith('evidence.json'),
    );
    expect(captured?.detail.sha256).toBe(object.Metadata.sha256);
  });

  it('records every step in the audit trail, in the runbook order', async () => {
    const on = account();
    await contain(on, backdoor());
    const firstOf = (action: string) => audit(on).findIndex((record) => record.action === action);
    const order = [
      's3:PutObject',
      'ec2:ModifyInstanceAttribute',
      'ec2:CreateSnapshots',
      'autoscaling:DetachInstances',
      'ec2:ModifyNetworkInterfaceAttribute',
      'ec2:ReplaceIamInstanceProfileAssociation',
      'autopilot:VerifyIsolation',
      'ec2:CreateTags',
    ].map(firstOf);
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('tags the instance with the case, the finding and the time, and sends the incident alert (SEV2 for High)', async () => {
    const on = account();
    const result = await contain(on, backdoor());
    const output = result.output as Loose;
    expect(tagsOf(instance(on, API_3))).toMatchObject({
      'autopilot:case': output.caseId,
      'autopilot:case-state': 'contained',
      'autopilot:finding': backdoor().detail.id,
      'autopilot:contained-at': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const sent = messages(on);
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toMatch(/^\[SEV2\] EC2 instance i-01a10000000000003/);
    expect(sent[0].text).toContain('🚨 SERVICE DISRUPTION ALERT [SEV2]');
    expect(sent[0].text).toContain('release-instance');
    expect(
      objects(on, 'reports/contain-instance/')
        .map((o) => o.Key.split('.').pop())
        .sort(),
    ).toEqual(['html', 'json']);
  });
});

describe('contain-instance on the bastion (an Elastic IP, no Auto Scaling group)', () => {
  it('disassociates the Elastic IP and records that nothing was detached', async () => {
    const on = account();
    const result = await contain(on, sampleEvent('ec2-03-cryptocurrency-bitcoin-tool'));
    expect(result.status).toBe('SUCCEEDED');
    const address = on.state.regions['us-east-1'].ec2.addresses.find((a) => a.PublicIp === '52.20.10.11')!;
    expect(address.AssociationId).toBeUndefined();
    expect(instance(on, BASTION).PublicIpAddress).toBeUndefined();
    const detach = audit(on).find((record) => record.action === 'autoscaling:DetachInstances');
    expect(detach).toMatchObject({ outcome: 'skipped' });
  });

  it('pages as SEV1 for a Critical finding (severity 9 and up)', async () => {
    const on = account();
    const event = sampleEvent('ec2-03-cryptocurrency-bitcoin-tool');
    event.detail.severity = 9.2;
    await contain(on, event);
    expect(messages(on)[0].subject).toMatch(/^\[SEV1\]/);
    expect(on.callsTo('PagerDuty')).toHaveLength(1);
  });
});
