import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/shared/instance/case.ts';
import {
  API_3,
  account,
  audit,
  autoScalingGroup,
  BASTION,
  contain,
  devConfig,
  groupsOfEnis,
  instance,
  type Loose,
  messages,
  objects,
  sampleEvent,
  tagsOf,
  targetsOf,
} from '../support/instance.ts';

const backdoor = () => sampleEvent('ec2-01-backdoor-cc-activity');

/** api-gateway-3 becomes the last healthy target of idp-api-blue. */
function lastHealthyTarget(on: ReturnType<typeof account>) {
  for (const target of targetsOf(on)) if (target.Id !== API_3) target.State = 'unhealthy';
  return on;
}

describe('contain-instance blast radius', () => {
  it('asks for approval when the instance is the last healthy target, and contains once approved', async () => {
    const on = lastHealthyTarget(account());
    const result = await contain(on, backdoor(), { approval: 'approve' });
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as Loose).outcome).toBe('contained');
    const request = messages(on).find((m) => m.subject.includes('Approval needed'));
    expect(request?.text).toContain('last healthy target of target group idp-api-blue');
    expect(request?.text).toContain('aws stepfunctions send-task-success --task-token');
    expect(request?.text).toContain('send-task-failure');
    expect(request?.text).toContain('--error ApprovalRejected');
    expect(audit(on).find((r) => r.action === 'autopilot:Approval')).toMatchObject({
      outcome: 'done',
      detail: { approvedBy: 'autopilot-cli' },
    });
    expect(groupsOfEnis(on, API_3)[0]).toHaveLength(1);
  });

  it('asks for approval when detaching would take the Auto Scaling group below its minimum', async () => {
    const on = account();
    autoScalingGroup(on).MinSize = 3;
    const result = await contain(on, backdoor(), { approval: 'approve' });
    expect((result.output as Loose).outcome).toBe('contained');
    expect(messages(on)[0].text).toContain('below its minimum of 3');
  });

  it('asks for approval for an instance tagged critical in config', async () => {
    const on = account();
    const config = devConfig((c) => {
      c.playbooks.containInstance.criticalTags = [{ key: 'app', value: 'bastion' }];
    });
    await contain(on, sampleEvent('ec2-03-cryptocurrency-bitcoin-tool'), { config, approval: 'approve' });
    expect(messages(on)[0].text).toContain('tagged critical (app=bastion)');
  });

  it('leaves the instance untouched when the approval is rejected, and says so once', async () => {
    const on = lastHealthyTarget(account());
    const enisBefore = groupsOfEnis(on, API_3);
    const result = await contain(on, backdoor(), { approval: 'reject' });
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as Loose).outcome).toBe('rejected');
    expect(groupsOfEnis(on, API_3)).toEqual(enisBefore);
    expect(on.callsTo('EC2', 'CreateSnapshots')).toEqual([]);
    expect(autoScalingGroup(on).Instances.map((i: Loose) => i.InstanceId)).toContain(API_3);
    expect(tagsOf(instance(on, API_3))['autopilot:case-state']).toBe('rejected');
    expect(objects(on, keys.claim('us-east-1', API_3))).toEqual([]);
    expect(messages(on).map((m) => m.subject)).toEqual([
      expect.stringContaining('Approval needed'),
      expect.stringContaining('rejected: NOT contained'),
    ]);
  });

  it('does not ask again when the rejected finding repeats', async () => {
    const on = lastHealthyTarget(account());
    await contain(on, backdoor(), { approval: 'reject' });
    const sent = messages(on).length;
    const repeat = await contain(on, sampleEvent('ec2-02-backdoor-cc-activity-repeat'), { approval: 'reject' });
    expect((repeat.output as Loose).outcome).toBe('repeat');
    expect(messages(on)).toHaveLength(sent);
  });

  it('contains at once when config says to proceed without approval, still reporting the risk', async () => {
    const on = lastHealthyTarget(account());
    const config = devConfig((c) => {
      c.playbooks.containInstance.proceedWithoutApproval = true;
    });
    const result = await contain(on, backdoor(), { config, approval: 'reject' });
    expect((result.output as Loose).outcome).toBe('contained');
    expect(messages(on).some((m) => m.subject.includes('Approval needed'))).toBe(false);
    expect(messages(on)[0].text).toContain('last healthy target');
  });

  it('only lists the approval it would wait for in a dry run', async () => {
    const on = lastHealthyTarget(account());
    const result = await contain(on, { instanceId: API_3, reason: 'what if', dryRun: true }, { approval: 'reject' });
    expect((result.output as Loose).outcome).toBe('dry-run');
    expect(messages(on).some((m) => m.subject.includes('Approval needed'))).toBe(false);
    expect(audit(on).find((r) => r.action === 'autopilot:Approval')).toMatchObject({ outcome: 'dry-run' });
  });

  it('skips an instance tagged exempt, saying why, and one listed in config', async () => {
    const on = account();
    instance(on, BASTION).Tags.push({ Key: 'autopilot:exempt', Value: 'true' });
    const tagged = await contain(on, sampleEvent('ec2-03-cryptocurrency-bitcoin-tool'));
    expect((tagged.output as Loose).summary).toContain('exempt: tagged autopilot:exempt=true');
    const config = devConfig((c) => {
      c.playbooks.containInstance.exemptInstanceIds = [API_3];
    });
    const listed = await contain(on, backdoor(), { config });
    expect((listed.output as Loose).summary).toContain('exempt: listed in containInstance.exemptInstanceIds');
    expect(on.calls.filter((call) => /^(Modify|Create|Detach|Deregister)/.test(call.operation))).toEqual([]);
    expect(audit(on).filter((r) => r.outcome === 'skipped')).toHaveLength(2);
  });
});
