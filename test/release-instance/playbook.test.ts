import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/shared/instance/case.ts';
import { SandboxAccount } from '../../sandbox/account.ts';
import {
  API_3,
  account,
  audit,
  autoScalingGroup,
  BASTION,
  contain,
  devConfig,
  estate,
  groupsOfEnis,
  instance,
  type Loose,
  messages,
  objects,
  profileName,
  release,
  sampleEvent,
  snapshotsOfCase,
  tagsOf,
  targetsOf,
  volumeAttachments,
} from '../support/instance.ts';

const address = (on: ReturnType<typeof account>) =>
  on.state.regions['us-east-1'].ec2.addresses.find((a) => a.PublicIp === '52.20.10.11') as Loose;

async function containedBastion() {
  const on = account();
  instance(on, BASTION).InstanceInitiatedShutdownBehavior = 'terminate';
  const before = {
    groups: groupsOfEnis(on, BASTION),
    deleteOnTermination: volumeAttachments(on, BASTION).map((a) => a.DeleteOnTermination),
    eni: address(on).NetworkInterfaceId,
  };
  const contained = await contain(on, sampleEvent('ec2-03-cryptocurrency-bitcoin-tool'));
  return { on, before, caseId: (contained.output as Loose).caseId as string };
}

const asked = { instanceId: BASTION, reason: 'forensics closed, host rebuilt' };

describe('release-instance after approval', () => {
  it('restores the captured security groups, Elastic IP, instance profile and protection flags', async () => {
    const { on, before } = await containedBastion();
    const result = await release(on, asked, { approval: 'approve' });
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as Loose).outcome).toBe('released');
    expect(groupsOfEnis(on, BASTION)).toEqual(before.groups);
    expect(address(on).NetworkInterfaceId).toBe(before.eni);
    expect(instance(on, BASTION).PublicIpAddress).toBe('52.20.10.11');
    expect(profileName(on, BASTION)).toBe('idp-bastion-profile');
    expect(instance(on, BASTION).DisableApiTermination).toBe(false);
    expect(instance(on, BASTION).InstanceInitiatedShutdownBehavior).toBe('terminate');
    expect(volumeAttachments(on, BASTION).map((a) => a.DeleteOnTermination)).toEqual(before.deleteOnTermination);
  });

  it('closes the case: tagged released, claim gone, forensic snapshots kept, resolved message sent', async () => {
    const { on, caseId } = await containedBastion();
    await release(on, asked, { approval: 'approve' });
    expect(tagsOf(instance(on, BASTION))).toMatchObject({
      'autopilot:case': caseId,
      'autopilot:case-state': 'released',
    });
    expect(objects(on, keys.claim('us-east-1', BASTION))).toEqual([]);
    expect(snapshotsOfCase(on, caseId)).toHaveLength(1);
    const resolved = messages(on).at(-1);
    expect(resolved?.text).toContain('✅ SERVICE RESTORED');
    expect(messages(on).some((m) => m.subject.includes(`Approval needed: release ${BASTION}`))).toBe(true);
    expect(
      audit(on, 'release-instance')
        .filter((r) => r.outcome === 'done')
        .map((r) => r.action),
    ).toEqual(
      expect.arrayContaining([
        'ec2:ModifyNetworkInterfaceAttribute',
        'ec2:AssociateAddress',
        'ec2:ReplaceIamInstanceProfileAssociation',
      ]),
    );
  });

  it('puts an Auto Scaling instance back into its group and target group', async () => {
    const on = account();
    const contained = await contain(on, sampleEvent('ec2-01-backdoor-cc-activity'));
    expect((contained.output as Loose).outcome).toBe('contained');
    const desired = autoScalingGroup(on).DesiredCapacity;
    const result = await release(on, { instanceId: API_3, reason: 'false positive' }, { approval: 'approve' });
    expect(result.status).toBe('SUCCEEDED');
    expect(autoScalingGroup(on).Instances.map((i: Loose) => i.InstanceId)).toContain(API_3);
    expect(autoScalingGroup(on).DesiredCapacity).toBe(desired + 1);
    expect(targetsOf(on).find((t) => t.Id === API_3)?.State).toBe('initial');
    expect(groupsOfEnis(on, API_3)).toEqual([['sg-01c10000000000002']]);
    const order = on.calls.map((call) => call.operation);
    expect(order.lastIndexOf('ModifyNetworkInterfaceAttribute')).toBeLessThan(order.lastIndexOf('AttachInstances'));
  });

  it('registers it again in a target group it was registered in directly', async () => {
    const on = account();
    targetsOf(on, 'idp-api-green').push({ Id: BASTION, Port: 8080, State: 'healthy' });
    // Its last healthy target: containing it needs an approval.
    await contain(on, sampleEvent('ec2-03-cryptocurrency-bitcoin-tool'), { approval: 'approve' });
    expect(targetsOf(on, 'idp-api-green')[0].State).toBe('draining');
    await release(on, asked, { approval: 'approve' });
    expect(targetsOf(on, 'idp-api-green')).toEqual([
      expect.objectContaining({ Id: BASTION, Port: 8080, State: 'initial' }),
    ]);
  });

  it('lets a later finding on the released instance be contained again', async () => {
    const { on } = await containedBastion();
    await release(on, asked, { approval: 'approve' });
    const again = await contain(on, sampleEvent('ec2-04-trojan-dns-exfiltration'));
    expect((again.output as Loose).outcome).toBe('contained');
    expect(groupsOfEnis(on, BASTION)[0]).toHaveLength(1);
  });
});

describe('release-instance without changes', () => {
  it('changes nothing when the approval is rejected', async () => {
    const { on } = await containedBastion();
    const before = estate(on);
    const result = await release(on, asked, { approval: 'reject' });
    expect((result.output as Loose).outcome).toBe('rejected');
    expect(estate(on)).toEqual(before);
  });

  it('changes nothing in a dry run and lists what it would restore', async () => {
    const { on } = await containedBastion();
    const before = estate(on);
    const chats = on.callsTo('Slack').length + on.callsTo('PagerDuty').length;
    // The stage sends dry runs' notices to SNS (never to Slack or PagerDuty), so the message is readable there.
    const dryRunsToSns = devConfig((config) => (config.notifications.dryRuns = true));
    const result = await release(on, asked, { dryRun: true, config: dryRunsToSns });
    expect((result.output as Loose).outcome).toBe('dry-run');
    expect(estate(on)).toEqual(before);
    expect(messages(on).at(-1)?.text).toContain('Elastic IP 52.20.10.11 back on');
    expect(on.callsTo('Slack').length + on.callsTo('PagerDuty').length).toBe(chats);
    expect(audit(on, 'release-instance').every((r) => r.outcome === 'dry-run')).toBe(true);
  });

  it('refuses evidence whose SHA-256 no longer matches', async () => {
    const { on, caseId } = await containedBastion();
    const [object] = objects(on, `cases/${caseId}/evidence.json`);
    object.BodyBase64 = Buffer.from(
      Buffer.from(object.BodyBase64, 'base64').toString().replace('sg-01c10000000000004', 'sg-01c10000000000001'),
    ).toString('base64');
    const before = estate(on);
    const result = await release(on, asked, { approval: 'approve' });
    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('VerificationFailedError');
    expect(estate(on)).toEqual(before);
  });

  it('refuses an instance autopilot never contained', async () => {
    const on = account();
    const result = await release(on, { instanceId: API_3, reason: 'why not' }, { approval: 'approve' });
    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('carries no autopilot:case tag');
    // Refused input pages nobody: an input-rejected notice to the channel of record only.
    expect(messages(on).at(-1)?.subject).toMatch(/^\[SEV4\] Release of i-01a10000000000003 FAILED/);
    expect(messages(on).at(-1)?.text).toContain('AUTOPILOT INPUT REJECTED');
  });

  it('does nothing the second time', async () => {
    const { on } = await containedBastion();
    await release(on, asked, { approval: 'approve' });
    const sent = messages(on).length;
    const before = estate(on);
    const second = await release(on, asked, { approval: 'approve' });
    expect((second.output as Loose).outcome).toBe('nothing');
    expect(estate(on)).toEqual(before);
    expect(messages(on)).toHaveLength(sent);
  });
});

describe('contain-instance without its quarantine profile (a deployment fault)', () => {
  it('removes the instance profile instead, says so, and a release associates it again', async () => {
    const on = SandboxAccount.fromSeed();
    const iam = on.state.global.iam;
    iam.instanceProfiles = iam.instanceProfiles.filter(
      (profile) => profile.InstanceProfileName !== 'idp-autopilot-quarantine',
    );
    iam.roles = iam.roles.filter((role) => role.RoleName !== 'idp-autopilot-quarantine');
    const contained = await contain(on, sampleEvent('ec2-03-cryptocurrency-bitcoin-tool'));
    expect((contained.output as Loose).outcome).toBe('contained');
    expect(profileName(on, BASTION)).toBeUndefined();
    expect(messages(on)[0].text).toContain('the configured quarantine profile is missing');
    await release(on, asked, { approval: 'approve' });
    expect(profileName(on, BASTION)).toBe('idp-bastion-profile');
  });
});
