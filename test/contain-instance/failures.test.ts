import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/shared/instance/case.ts';
import {
  API_3,
  account,
  audit,
  autoScalingGroup,
  BASTION,
  bodyOf,
  contain,
  devConfig,
  estate,
  groupsOfEnis,
  instance,
  type Loose,
  messages,
  objects,
  sampleEvent,
  snapshotsOfCase,
  tagsOf,
} from '../support/instance.ts';
import { freshAccount } from '../support/sandbox.ts';

const backdoor = () => sampleEvent('ec2-01-backdoor-cc-activity');

describe('contain-instance dry run', () => {
  it('changes nothing and lists every action it would take', async () => {
    const on = account();
    const before = estate(on);
    // The stage sends dry runs' notices to SNS (never to Slack or PagerDuty), so the message is readable there.
    const dryRunsToSns = devConfig((config) => (config.notifications.dryRuns = true));
    const result = await contain(on, backdoor(), { dryRun: true, config: dryRunsToSns });
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as Loose).outcome).toBe('dry-run');
    expect(estate(on)).toEqual(before);
    const wouldDo = audit(on)
      .filter((record) => record.outcome === 'dry-run')
      .map((record) => record.action);
    expect(new Set(wouldDo)).toEqual(
      new Set([
        's3:PutObject',
        'ec2:ModifyInstanceAttribute',
        'ec2:CreateSnapshots',
        'autoscaling:DetachInstances',
        'elasticloadbalancing:DeregisterTargets',
        'ec2:CreateSecurityGroup',
        'ec2:RevokeSecurityGroupEgress',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:AuthorizeSecurityGroupEgress',
        'ec2:ModifyNetworkInterfaceAttribute',
        'ec2:ReplaceIamInstanceProfileAssociation',
        'autopilot:VerifyIsolation',
        'ec2:CreateTags',
      ]),
    );
    expect(audit(on).filter((record) => !['dry-run', 'already-done'].includes(record.outcome))).toEqual([]);
    expect(messages(on).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^\[SEV4\] Dry run: containing i-01a10000000000003/),
    ]);
    expect([...on.callsTo('Slack'), ...on.callsTo('PagerDuty')]).toEqual([]);
  });
});

describe('contain-instance bad input', () => {
  it('fails clearly for an unknown instance, changes nothing and notifies', async () => {
    const on = account();
    const before = estate(on);
    const result = await contain(on, { instanceId: 'i-0deadbeefdeadbeef', reason: 'typo in the instance id' });
    expect(result.status).toBe('FAILED');
    expect(result.error).toEqual({
      Error: 'ResourceNotFoundError',
      Cause: 'instance i-0deadbeefdeadbeef does not exist',
    });
    expect(estate(on)).toEqual(before);
    // Refused input is nobody's outage: an input-rejected notice to the channel of record only.
    expect(messages(on).map((m) => m.subject)).toEqual([
      expect.stringMatching(
        /^\[SEV4\] contain-instance refused its input for i-0deadbeefdeadbeef: instance i-0deadbeefdeadbeef/,
      ),
    ]);
    expect(messages(on)[0].text).toContain('instance i-0deadbeefdeadbeef does not exist');
    expect(messages(on)[0].text).toContain('AUTOPILOT INPUT REJECTED');
    expect(messages(on)[0].text).not.toContain('SERVICE DISRUPTION');
    expect([...on.callsTo('Slack'), ...on.callsTo('PagerDuty')]).toEqual([]);
    const [report] = objects(on, 'reports/contain-instance/').filter((o) => o.Key.endsWith('.json'));
    expect(JSON.parse(bodyOf(report))).toMatchObject({
      outcome: 'failed',
      failedAt: 'gate (input and instance checks)',
    });
  });

  it('fails clearly for a malformed finding, naming what is wrong', async () => {
    const on = account();
    const event = backdoor();
    delete event.detail.id;
    event.detail.severity = 'high';
    const result = await contain(on, event);
    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('InvalidInputError');
    expect(result.error?.Cause).toContain('event.detail.id');
    expect(result.error?.Cause).toContain('event.detail.severity');
    expect(messages(on)).toHaveLength(1);
    expect(on.calls.filter((call) => call.service === 'EC2')).toEqual([]);
  });

  it('never acts on a finding about another account, even when an instance here has the same id, and says so', async () => {
    const on = account();
    const untouched = () => ({ ...JSON.parse(estate(on)), cases: undefined });
    const before = untouched();
    const event = backdoor();
    event.detail.accountId = '999988887777';
    const result = await contain(on, event);
    expect(result.status).toBe('SUCCEEDED');
    expect(untouched()).toEqual(before);
    expect(objects(on, 'cases/').map((object) => object.Key)).toEqual([
      expect.stringMatching(/\/notices\/skipped\.json$/),
    ]);
    expect(on.calls.filter((call) => call.service === 'EC2' || call.service === 'AutoScaling')).toEqual([]);
    const [notice] = messages(on);
    expect(notice.subject).toMatch(/^\[SEV2\]/);
    expect(notice.text).toContain('999988887777');
    expect(notice.text).toContain('not acted on');
  });

  it('refuses a request by hand without a reason', async () => {
    const on = account();
    const result = await contain(on, { instanceId: API_3 });
    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('input.reason');
  });
});

describe('contain-instance when Auto Scaling refuses to let the instance go', () => {
  it('isolates it anyway, never calls the refusal a detach, and says how to end the lifecycle hook', async () => {
    const on = account();
    const group = autoScalingGroup(on);
    const member = group.Instances.find((i: Loose) => i.InstanceId === API_3);
    member.LifecycleState = 'Pending:Wait';

    const result = await contain(on, backdoor());

    expect(result.status).toBe('SUCCEEDED');
    expect(autoScalingGroup(on).Instances.map((i: Loose) => i.InstanceId)).toContain(API_3);
    const detach = audit(on).find((record) => record.action === 'autoscaling:DetachInstances');
    expect(detach?.outcome).toBe('failed');
    expect(groupsOfEnis(on, API_3).every((groups) => groups.length === 1)).toBe(true);
    const [alert] = messages(on);
    expect(alert.text).toContain('NOT taken out of service');
    expect(alert.text).toContain('Pending:Wait');
    expect(alert.text).toContain('complete-lifecycle-action');
    const [report] = objects(on, 'reports/contain-instance/').filter((o) => o.Key.endsWith('.json'));
    expect(JSON.parse(bodyOf(report)).outOfService).toMatchObject({
      notDetached: { autoScalingGroup: 'idp-api-gateway-asg', lifecycleState: 'Pending:Wait' },
    });
  });
});

describe('contain-instance when EC2 refuses the quarantine profile', () => {
  it('removes the profile instead for any "does not exist" answer (an emulator says NoSuchEntity), once IAM confirms it', async () => {
    const on = freshAccount({
      faults: [{ service: 'EC2', operation: 'ReplaceIamInstanceProfileAssociation', error: 'NoSuchEntity', times: 1 }],
    });
    const iam = on.state.global.iam;
    iam.instanceProfiles = iam.instanceProfiles.filter((p) => p.InstanceProfileName !== 'idp-autopilot-quarantine');
    const result = await contain(on, backdoor());
    expect(result.status).toBe('SUCCEEDED');
    expect(audit(on).find((record) => record.action === 'ec2:DisassociateIamInstanceProfile')?.outcome).toBe('done');
  });

  it('never reads a refusal as "missing" while IAM says the profile exists: the run fails, nothing is removed', async () => {
    const on = account({
      faults: [
        {
          service: 'EC2',
          operation: 'ReplaceIamInstanceProfileAssociation',
          error: 'InvalidParameterValue',
          times: 20,
        },
      ],
    });
    const result = await contain(on, backdoor());
    expect(result.status).toBe('FAILED');
    expect(audit(on).some((record) => record.action === 'ec2:DisassociateIamInstanceProfile')).toBe(false);
  });
});

describe('contain-instance failing half-way', () => {
  const failingSnapshots = () =>
    account({
      faults: [
        { service: 'EC2', operation: 'CreateSnapshots', error: 'SnapshotCreationPerVolumeRateExceeded', times: 1 },
      ],
    });

  it('pages with what failed and what was done, and lets go of the instance', async () => {
    const on = failingSnapshots();
    const result = await contain(on, backdoor());
    expect(result.status).toBe('FAILED');
    const [alert] = messages(on);
    expect(alert.subject).toMatch(/^\[SEV1\] Containment of i-01a10000000000003 FAILED/);
    expect(alert.text).toContain('SnapshotCreationPerVolumeRateExceeded');
    expect(alert.text).toContain('s3:PutObject');
    expect(on.callsTo('PagerDuty')).toHaveLength(1);
    expect(objects(on, keys.claim('us-east-1', API_3))).toEqual([]);
    expect(audit(on).find((record) => record.action === 'ec2:CreateSnapshots')).toMatchObject({ outcome: 'failed' });
    expect(groupsOfEnis(on, API_3)).toEqual([['sg-01c10000000000002']]);
  });

  it('finishes on the next delivery without a second evidence record or snapshot set', async () => {
    const on = failingSnapshots();
    const failed = await contain(on, backdoor());
    const caseId = objects(on, 'cases/case-')[0].Key.split('/')[1];
    const evidence = bodyOf(objects(on, `cases/${caseId}/evidence.json`)[0]);
    expect(failed.status).toBe('FAILED');

    const retried = await contain(on, sampleEvent('ec2-02-backdoor-cc-activity-repeat'));

    expect(retried.status).toBe('SUCCEEDED');
    expect((retried.output as Loose).outcome).toBe('contained');
    expect(bodyOf(objects(on, `cases/${caseId}/evidence.json`)[0])).toBe(evidence);
    expect(snapshotsOfCase(on, caseId)).toHaveLength(1);
    expect(groupsOfEnis(on, API_3)[0]).toHaveLength(1);
  });
});

describe('contain-instance after a failure half-way', () => {
  it('marks the case failed and finishes it under the same case when a newer finding arrives', async () => {
    const on = account({
      faults: [
        { service: 'EC2', operation: 'ReplaceIamInstanceProfileAssociation', error: 'IncorrectState', times: 1 },
      ],
    });
    const first = await contain(on, sampleEvent('ec2-03-cryptocurrency-bitcoin-tool'));
    expect(first.status).toBe('FAILED');
    const caseId = objects(on, 'cases/case-')[0].Key.split('/')[1];
    expect(tagsOf(instance(on, BASTION))).toMatchObject({ 'autopilot:case': caseId, 'autopilot:case-state': 'failed' });
    const evidence = bodyOf(objects(on, `cases/${caseId}/evidence.json`)[0]);

    const next = await contain(on, sampleEvent('ec2-04-trojan-dns-exfiltration'));

    expect((next.output as Loose).outcome).toBe('contained');
    expect((next.output as Loose).caseId).toBe(caseId);
    expect(objects(on, 'cases/case-').filter((o) => o.Key.endsWith('evidence.json'))).toHaveLength(1);
    expect(JSON.parse(bodyOf(objects(on, `cases/${caseId}/evidence.json`)[0]))).toEqual(JSON.parse(evidence));
    expect(tagsOf(instance(on, BASTION))['autopilot:case-state']).toBe('contained');
    expect(on.callsTo('EC2', 'CreateSnapshots')).toHaveLength(1);
    expect(snapshotsOfCase(on, caseId)).toHaveLength(1);
  });
});
